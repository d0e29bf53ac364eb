const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const MODEL_KEY = Buffer.from('"model"');

/**
 * Sets the top-level `model` of a JSON object body by editing bytes: only the value of each top-level
 * `"model"` member changes (inserted first when there is none); every other byte (number spellings,
 * escapes, key order, whitespace) stays the client's. Returns `body` itself when it already names
 * `model`, and when it is not a JSON object (the upstream answers for it). The scan reads keys and skips
 * values token by token, so a `model` key inside a nested object or a string is never touched.
 */
export function rewriteJsonModel(body: Uint8Array, model: string): Uint8Array {
  const members = findTopLevelModelValues(body);
  if (members === undefined) return body;
  const replacement = Buffer.from(JSON.stringify(model), 'utf8');
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (members.spans.length === 0) {
    const member = Buffer.concat([
      Buffer.from('"model":'),
      replacement,
      Buffer.from(members.empty ? '' : ','),
    ]);
    return Buffer.concat([
      bytes.subarray(0, members.afterOpen),
      member,
      bytes.subarray(members.afterOpen),
    ]);
  }
  const changed = members.spans.filter(
    ([start, end]) => !namesModel(bytes.subarray(start, end), replacement, model),
  );
  if (changed.length === 0) return body;
  const pieces: Buffer[] = [];
  let offset = 0;
  for (const [start, end] of changed) {
    pieces.push(bytes.subarray(offset, start), replacement);
    offset = end;
  }
  pieces.push(bytes.subarray(offset));
  return Buffer.concat(pieces);
}

interface TopLevelModel {
  /** [start, end) of each top-level `model` value (duplicates included: parsers disagree on which wins). */
  spans: Array<[number, number]>;
  /** Index just after the opening brace, where a missing `model` goes. */
  afterOpen: number;
  empty: boolean;
}

function findTopLevelModelValues(body: Uint8Array): TopLevelModel | undefined {
  let index = skipWhitespace(body, 0);
  if (body[index] !== OPEN_OBJECT) return undefined;
  const afterOpen = index + 1;
  const spans: Array<[number, number]> = [];
  index = skipWhitespace(body, afterOpen);
  if (body[index] === CLOSE_OBJECT) return { spans, afterOpen, empty: true };
  for (;;) {
    if (body[index] !== QUOTE) return undefined;
    const keyStart = index;
    index = skipString(body, index);
    if (index < 0) return undefined;
    const keyEnd = index;
    index = skipWhitespace(body, index);
    if (body[index] !== COLON) return undefined;
    const valueStart = skipWhitespace(body, index + 1);
    index = skipValue(body, valueStart);
    if (index < 0) return undefined;
    if (isModelKey(body, keyStart, keyEnd)) spans.push([valueStart, index]);
    index = skipWhitespace(body, index);
    if (body[index] === CLOSE_OBJECT) return { spans, afterOpen, empty: false };
    if (body[index] !== COMMA) return undefined;
    index = skipWhitespace(body, index + 1);
  }
}

function isModelKey(body: Uint8Array, start: number, end: number): boolean {
  const key = Buffer.from(body.buffer, body.byteOffset + start, end - start);
  if (key.equals(MODEL_KEY)) return true;
  // An escaped spelling (`"mod\u0065l"`) is the same key to a JSON parser.
  return key.includes(BACKSLASH) && decodeString(key) === 'model';
}

function namesModel(value: Buffer, replacement: Buffer, model: string): boolean {
  if (value.equals(replacement)) return true;
  return value[0] === QUOTE && value.includes(BACKSLASH) && decodeString(value) === model;
}

function decodeString(token: Buffer): string | undefined {
  try {
    return JSON.parse(token.toString('utf8')) as string;
  } catch {
    return undefined;
  }
}

function skipWhitespace(body: Uint8Array, index: number): number {
  let at = index;
  while (
    at < body.length &&
    (body[at] === 0x20 || body[at] === 0x0a || body[at] === 0x0d || body[at] === 0x09)
  )
    at++;
  return at;
}

/** From an opening quote to just after its closing quote, or -1. UTF-8 continuation bytes are never quotes. */
function skipString(body: Uint8Array, index: number): number {
  for (let at = index + 1; at < body.length; at++) {
    if (body[at] === BACKSLASH) at++;
    else if (body[at] === QUOTE) return at + 1;
  }
  return -1;
}

/** Just after the value starting at `index` (string, object, array, number, literal), or -1. */
function skipValue(body: Uint8Array, index: number): number {
  const first = body[index];
  if (first === QUOTE) return skipString(body, index);
  if (first === OPEN_OBJECT || first === OPEN_ARRAY) {
    let depth = 0;
    for (let at = index; at < body.length; ) {
      const byte = body[at];
      if (byte === QUOTE) {
        at = skipString(body, at);
        if (at < 0) return -1;
        continue;
      }
      if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) depth++;
      else if ((byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) && --depth === 0) return at + 1;
      at++;
    }
    return -1;
  }
  let at = index;
  while (
    at < body.length &&
    body[at] !== COMMA &&
    body[at] !== CLOSE_OBJECT &&
    body[at] !== CLOSE_ARRAY &&
    body[at] !== 0x20 &&
    body[at] !== 0x0a &&
    body[at] !== 0x0d &&
    body[at] !== 0x09
  )
    at++;
  return at > index ? at : -1;
}
