import type { CallTelemetryV1 } from '@multi-ai-proxy/core';
import { toTelemetryUsage } from '@multi-ai-proxy/core/provider-utils';

const USAGE = Buffer.from('"usage":{');
const USAGE_SPACED = Buffer.from('"usage": {');
const FINISH = Buffer.from('"finish_reason":"');
const MODEL = Buffer.from('"model":"');
const ID = Buffer.from('"id":"');
// Bounds every scan: ids and model names are short; nothing here reads a whole large body twice.
const MAX_VALUE = 200;

/**
 * Reads the facts the host reports from OpenAI-format bytes it forwards without parsing (passthrough
 * providers: Azure, OpenAI-compatible): a JSON answer or one piece of an SSE stream. Native
 * `indexOf` scans and one small `JSON.parse` of the `usage` object only — never the whole body. A
 * field split across two stream pieces is missed (rare: usage comes in its own small final event).
 */
export function scanOpenAIBytes(piece: Buffer, report: CallTelemetryV1): void {
  if (report.responseId === undefined) report.responseId = readString(piece, ID);
  if (report.responseModel === undefined) report.responseModel = readString(piece, MODEL);
  let from = piece.indexOf(FINISH);
  while (from !== -1) {
    const reason = readStringAt(piece, from + FINISH.length);
    if (reason !== undefined) {
      report.finishReasons ??= [];
      if (!report.finishReasons.includes(reason)) report.finishReasons.push(reason);
    }
    from = piece.indexOf(FINISH, from + FINISH.length);
  }
  const usageAt = lastIndexOfEither(piece);
  if (usageAt === -1) return;
  const open = piece.indexOf(0x7b /* { */, usageAt);
  const close = matchBrace(piece, open);
  if (close === -1) return;
  try {
    const usage = toTelemetryUsage(JSON.parse(piece.toString('utf8', open, close + 1)));
    if (usage !== undefined) report.usage = usage;
  } catch {
    // Not the usage object after all; leave what is known.
  }
}

function lastIndexOfEither(piece: Buffer): number {
  const compact = piece.lastIndexOf(USAGE);
  return compact !== -1 ? compact : piece.lastIndexOf(USAGE_SPACED);
}

function readString(piece: Buffer, key: Buffer): string | undefined {
  const at = piece.indexOf(key);
  return at === -1 ? undefined : readStringAt(piece, at + key.length);
}

function readStringAt(piece: Buffer, start: number): string | undefined {
  const end = piece.indexOf(0x22 /* " */, start);
  if (end === -1 || end === start || end - start > MAX_VALUE) return undefined;
  return piece.toString('utf8', start, end);
}

/** The index of the `}` closing the `{` at `open` (usage holds only numbers and nested objects). */
function matchBrace(piece: Buffer, open: number): number {
  if (open === -1) return -1;
  let depth = 0;
  const end = Math.min(piece.length, open + 2048);
  for (let index = open; index < end; index++) {
    const byte = piece[index];
    if (byte === 0x7b) depth++;
    else if (byte === 0x7d && --depth === 0) return index;
  }
  return -1;
}
