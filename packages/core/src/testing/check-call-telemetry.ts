import type { CallTelemetryV1 } from '../provider/call-telemetry-v1.js';
import { isRecord } from './value-guards.js';

const USAGE_FIELDS = [
  'inputTokens',
  'outputTokens',
  'cachedInputTokens',
  'reasoningTokens',
] as const;
const TIME_FIELDS = ['upstreamHeadersAt', 'firstChunkAt'] as const;

/**
 * Problems with what a provider wrote to `context.telemetry` (every field is optional; what is set
 * must be well-formed): token counts are non-negative integers, cached and reasoning tokens fit in
 * input and output, times are `performance.now()` values within the call, the first chunk does not
 * precede the headers, the server address is a bare host.
 */
export function checkCallTelemetry(
  reported: CallTelemetryV1 | undefined,
  window: { startedAt: number; endedAt: number },
): string[] {
  if (reported === undefined) return [];
  if (!isRecord(reported)) return ['context.telemetry was replaced by a non-object'];
  const telemetry: CallTelemetryV1 = reported;
  const problems: string[] = [];
  const usage = telemetry.usage;
  if (usage !== undefined) {
    if (!isRecord(telemetry.usage)) problems.push('telemetry.usage must be an object');
    else {
      for (const field of USAGE_FIELDS) {
        const value = usage[field];
        if (value !== undefined && !(Number.isInteger(value) && value >= 0))
          problems.push(
            `telemetry.usage.${field} must be a non-negative integer, got ${String(value)}`,
          );
      }
      if (
        usage.cachedInputTokens !== undefined &&
        usage.inputTokens !== undefined &&
        usage.cachedInputTokens > usage.inputTokens
      )
        problems.push(
          'telemetry.usage.cachedInputTokens exceeds inputTokens (cached tokens are part of the input)',
        );
      if (
        usage.reasoningTokens !== undefined &&
        usage.outputTokens !== undefined &&
        usage.reasoningTokens > usage.outputTokens
      )
        problems.push(
          'telemetry.usage.reasoningTokens exceeds outputTokens (reasoning tokens are part of the output)',
        );
    }
  }
  for (const field of ['responseModel', 'responseId', 'serverAddress'] as const) {
    const value = telemetry[field];
    if (value !== undefined && (typeof value !== 'string' || value.length === 0))
      problems.push(`telemetry.${field} must be a non-empty string`);
  }
  if (typeof telemetry.serverAddress === 'string' && /[/?#@\s]/.test(telemetry.serverAddress))
    problems.push('telemetry.serverAddress must be a host name, not a URL');
  if (
    telemetry.serverPort !== undefined &&
    !(
      Number.isInteger(telemetry.serverPort) &&
      telemetry.serverPort > 0 &&
      telemetry.serverPort < 65536
    )
  )
    problems.push('telemetry.serverPort must be a TCP port');
  if (
    telemetry.finishReasons !== undefined &&
    !(
      Array.isArray(telemetry.finishReasons) &&
      telemetry.finishReasons.every((reason) => typeof reason === 'string')
    )
  ) {
    problems.push('telemetry.finishReasons must be an array of strings');
  }
  for (const field of TIME_FIELDS) {
    const value = telemetry[field];
    if (value === undefined) continue;
    if (typeof value !== 'number' || value < window.startedAt || value > window.endedAt)
      problems.push(`telemetry.${field} must be a performance.now() time within the call`);
  }
  if (
    telemetry.firstChunkAt !== undefined &&
    telemetry.upstreamHeadersAt !== undefined &&
    telemetry.firstChunkAt < telemetry.upstreamHeadersAt
  )
    problems.push('telemetry.firstChunkAt precedes upstreamHeadersAt');
  return problems;
}
