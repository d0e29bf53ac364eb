import { describe, expect, it } from 'vitest';
import { readRecording } from '../test/support/read-fixture.js';
import { convertJsonSchemaToGoogleSchema } from './convert-json-schema-to-google-schema.js';

describe('convertJsonSchemaToGoogleSchema', () => {
  it('sanitizes the recorded responseJsonSchema into Gemini’s Schema subset', () => {
    const request = readRecording('generateContent.responseJsonSchema.recording.json').request as {
      generationConfig: { responseJsonSchema: unknown };
    };
    const schema = convertJsonSchemaToGoogleSchema(
      request.generationConfig.responseJsonSchema,
    ) as Record<string, Record<string, unknown>>;
    expect(schema).not.toHaveProperty('$schema');
    expect(schema).not.toHaveProperty('additionalProperties');
    expect(schema.type).toBe('OBJECT');
    const properties = schema.properties as Record<string, unknown>;
    expect(properties.nullableField).toEqual({ type: 'STRING', nullable: true });
    expect(properties.unionField).toEqual({ anyOf: [{ type: 'STRING' }, { type: 'NUMBER' }] });
    expect(properties.nullableArrayField).toEqual({
      type: 'ARRAY',
      items: { type: 'STRING' },
      nullable: true,
    });
    expect(properties.nullableObjectField).toEqual({
      type: 'OBJECT',
      nullable: true,
      properties: { innerNumber: { type: 'NUMBER' }, innerString: { type: 'STRING' } },
      required: ['innerString', 'innerNumber'],
    });
    expect(properties.numberWithMinMax).toEqual({ type: 'NUMBER', minimum: 1, maximum: 10 });
    expect(properties.stringDatatime).toEqual({ type: 'STRING', format: 'date-time' });
    expect(properties.stringWithEnum).toEqual({
      type: 'STRING',
      enum: ['enumvalue1', 'enumvalue2', 'enumvalue3'],
    });
    expect(properties.simpleString).toEqual({
      type: 'STRING',
      description: 'This is a simple string',
    });
    expect(schema.required).toHaveLength(15);
  });

  it('inlines $ref/$defs, maps const and number enums, drops unsupported formats', () => {
    expect(
      convertJsonSchemaToGoogleSchema({
        type: 'object',
        $defs: { Unit: { type: 'string', enum: ['C', 'F'] } },
        properties: {
          unit: { $ref: '#/$defs/Unit', description: 'unit' },
          kind: { const: 'weather' },
          level: { type: 'integer', enum: [1, 2] },
          mail: { type: 'string', format: 'email' },
        },
        strict: true,
      }),
    ).toEqual({
      type: 'OBJECT',
      properties: {
        unit: { type: 'STRING', enum: ['C', 'F'], description: 'unit' },
        kind: { type: 'STRING', enum: ['weather'], format: 'enum' },
        level: { type: 'STRING', enum: ['1', '2'], format: 'enum' },
        mail: { type: 'STRING' },
      },
    });
  });

  it('refuses recursive schemas with a 400 and omits empty object schemas', () => {
    expect(() =>
      convertJsonSchemaToGoogleSchema(
        {
          type: 'object',
          properties: { node: { $ref: '#/definitions/Node' } },
          definitions: {
            Node: { type: 'object', properties: { next: { $ref: '#/definitions/Node' } } },
          },
        },
        { param: 'tools[0].function.parameters' },
      ),
    ).toThrow(expect.objectContaining({ status: 400, param: 'tools[0].function.parameters' }));
    expect(convertJsonSchemaToGoogleSchema({ type: 'object', properties: {} })).toBeUndefined();
    expect(convertJsonSchemaToGoogleSchema({ type: 'object' })).toBeUndefined();
  });

  it('merges allOf members', () => {
    expect(
      convertJsonSchemaToGoogleSchema({
        allOf: [
          { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
          { properties: { b: { type: 'boolean' } } },
        ],
      }),
    ).toEqual({
      type: 'OBJECT',
      properties: { a: { type: 'STRING' }, b: { type: 'BOOLEAN' } },
      required: ['a'],
    });
  });
});
