import { InvalidRequestError } from '@multi-ai-proxy/core';

type JsonObject = Record<string, unknown>;

// Keys of Gemini's OpenAPI-subset `Schema` (googleapis/js-genai types.ts). Everything else is dropped:
// the Gemini API answers 400 "Invalid JSON payload received. Unknown name …" for any other key.
const COPIED_KEYS = [
  'title',
  'description',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'minProperties',
  'maxProperties',
  'pattern',
  'default',
  'example',
  'propertyOrdering',
] as const;

// Gemini rejects string formats other than these (e.g. `email`, `uri`) with a 400.
const SUPPORTED_FORMATS = new Set(['enum', 'date-time', 'int32', 'int64', 'float', 'double']);
const MAX_DEPTH = 64;

/**
 * JSON Schema (as OpenAI clients write it for `tools[].function.parameters` and
 * `response_format.json_schema.schema`) → Gemini's OpenAPI-subset Schema, for models that do not
 * take `parametersJsonSchema`/`responseJsonSchema`: `$ref` inlined (recursion refused), type unions
 * with `null` → `nullable`, `const` → `enum`, enum values as strings, unknown keys dropped, types
 * upper-cased. Returns undefined for an object schema without properties (Gemini rejects those:
 * "properties: should be non-empty for OBJECT type").
 */
export function convertJsonSchemaToGoogleSchema(
  schema: unknown,
  options: { param?: string } = {},
): JsonObject | undefined {
  if (!isObject(schema)) return undefined;
  const definitions = { ...asObject(schema.definitions), ...asObject(schema.$defs) };
  const converted = convertNode(schema, definitions, [], 0, options.param ?? null);
  if (converted === undefined) return undefined;
  if (
    converted.type === 'OBJECT' &&
    (!isObject(converted.properties) || Object.keys(converted.properties).length === 0)
  )
    return undefined;
  return converted;
}

function convertNode(
  node: unknown,
  definitions: JsonObject,
  refStack: string[],
  depth: number,
  param: string | null,
): JsonObject | undefined {
  if (depth > MAX_DEPTH)
    throw new InvalidRequestError('The JSON schema is nested too deeply for Gemini.', { param });
  if (node === true || (isObject(node) && Object.keys(node).length === 0)) return {};
  if (!isObject(node)) return undefined;

  if (typeof node.$ref === 'string') {
    const name = refName(node.$ref);
    const target = name === undefined ? undefined : definitions[name];
    if (target === undefined)
      throw new InvalidRequestError(
        `The JSON schema reference "${node.$ref}" cannot be resolved.`,
        { param },
      );
    if (refStack.includes(node.$ref)) {
      throw new InvalidRequestError(
        `The JSON schema is recursive ("${node.$ref}"); Gemini schemas cannot express recursion.`,
        { param },
      );
    }
    const { $ref: _ignored, ...siblings } = node;
    const resolved = convertNode(
      { ...asObject(target), ...siblings },
      definitions,
      [...refStack, node.$ref],
      depth + 1,
      param,
    );
    return resolved;
  }

  const out: JsonObject = {};
  for (const key of COPIED_KEYS) if (node[key] !== undefined) out[key] = node[key];
  if (typeof node.format === 'string' && SUPPORTED_FORMATS.has(node.format))
    out.format = node.format;

  if (Array.isArray(node.allOf) && node.allOf.length > 0) {
    return convertNode(mergeAllOf(node), definitions, refStack, depth + 1, param);
  }

  const union = (
    Array.isArray(node.anyOf) ? node.anyOf : Array.isArray(node.oneOf) ? node.oneOf : undefined
  ) as unknown[] | undefined;
  if (union !== undefined) {
    const nonNull = union.filter((member) => !(isObject(member) && member.type === 'null'));
    if (nonNull.length < union.length) out.nullable = true;
    if (nonNull.length === 1) {
      const only = convertNode(nonNull[0], definitions, refStack, depth + 1, param) ?? {};
      return { ...only, ...out };
    }
    const members = nonNull.map(
      (member) => convertNode(member, definitions, refStack, depth + 1, param) ?? {},
    );
    if (members.length > 0) out.anyOf = members;
    return out;
  }

  let type = node.type;
  if (Array.isArray(type)) {
    const types = type.filter((entry): entry is string => typeof entry === 'string');
    const nonNull = types.filter((entry) => entry !== 'null');
    if (nonNull.length < types.length) out.nullable = true;
    if (nonNull.length > 1) {
      out.anyOf = nonNull.map(
        (entry) =>
          convertNode(
            { ...node, type: entry, nullable: undefined },
            definitions,
            refStack,
            depth + 1,
            param,
          ) ?? {},
      );
      return out;
    }
    type = nonNull[0];
  }
  if (node.nullable === true) out.nullable = true;

  if (node.const !== undefined) out.enum = [String(node.const)];
  if (Array.isArray(node.enum)) {
    const values = node.enum.filter((value) => value !== null);
    if (values.length < node.enum.length) out.nullable = true;
    out.enum = values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value)));
  }
  if (out.enum !== undefined && type !== 'string') {
    // Gemini only knows string enums; a number enum becomes a string enum of the same spellings.
    type = 'string';
    out.format = 'enum';
  }

  if (typeof type === 'string') out.type = type.toUpperCase();
  else if (isObject(node.properties)) out.type = 'OBJECT';
  else if (node.items !== undefined) out.type = 'ARRAY';

  if (isObject(node.properties)) {
    const properties: JsonObject = {};
    for (const [name, value] of Object.entries(node.properties)) {
      const converted = convertNode(value, definitions, refStack, depth + 1, param);
      if (converted !== undefined) properties[name] = converted;
    }
    out.properties = properties;
    if (Array.isArray(node.required))
      out.required = node.required.filter((name) => typeof name === 'string' && name in properties);
  }
  if (node.items !== undefined && !Array.isArray(node.items)) {
    const items = convertNode(node.items, definitions, refStack, depth + 1, param);
    if (items !== undefined) out.items = items;
  } else if (Array.isArray(node.items) && node.items.length > 0) {
    out.items = convertNode(node.items[0], definitions, refStack, depth + 1, param) ?? {};
  }
  return out;
}

function mergeAllOf(node: JsonObject): JsonObject {
  const { allOf, ...rest } = node;
  const merged: JsonObject = { ...rest };
  for (const member of allOf as unknown[]) {
    if (!isObject(member)) continue;
    for (const [key, value] of Object.entries(member)) {
      if (key === 'properties' && isObject(value))
        merged.properties = { ...asObject(merged.properties), ...value };
      else if (key === 'required' && Array.isArray(value))
        merged.required = [...((merged.required as unknown[]) ?? []), ...value];
      else if (merged[key] === undefined) merged[key] = value;
    }
  }
  return merged;
}

function refName(ref: string): string | undefined {
  const match = /^#\/(?:\$defs|definitions)\/(.+)$/.exec(ref);
  return match?.[1]?.replace(/~1/g, '/').replace(/~0/g, '~');
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asObject(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}
