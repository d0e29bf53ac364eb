import { describe, expect, it } from 'vitest';
import { rewriteJsonModel } from './rewrite-json-model.js';

const rewrite = (text: string, model: string) =>
  Buffer.from(rewriteJsonModel(Buffer.from(text, 'utf8'), model)).toString('utf8');

describe('rewriteJsonModel', () => {
  it('returns the very same bytes when the body already names the model (in any spelling)', () => {
    for (const text of [
      '{ "model" : "gpt-4o",  "messages": [] }',
      '{"messages":[],"model":"gpt\\u002d4o"}',
      '{"mod\\u0065l":"gpt-4o"}',
    ]) {
      const body = Buffer.from(text);
      expect(rewriteJsonModel(body, 'gpt-4o')).toBe(body);
    }
  });

  it("changes only the model value's bytes: numbers, escapes, key order and whitespace stay the client's", () => {
    const before =
      '{\n  "temperature": 1.0,\t"n": 1e2, "model" :  "azure/gpt-4o" ,\n  "messages": [{"role":"user","content":"caf\\u00e9 \\/ ü"}]\n}';
    const after =
      '{\n  "temperature": 1.0,\t"n": 1e2, "model" :  "gpt-4o" ,\n  "messages": [{"role":"user","content":"caf\\u00e9 \\/ ü"}]\n}';
    expect(rewrite(before, 'gpt-4o')).toBe(after);
  });

  it('leaves model keys inside nested objects, arrays and strings alone', () => {
    const before =
      '{"metadata":{"model":"inner"},"tools":[{"model":"x","s":"} \\"model\\": {"}],"note":"\\"model\\":\\"fake\\"","model":"alias","after":{"model":"kept"}}';
    const after =
      '{"metadata":{"model":"inner"},"tools":[{"model":"x","s":"} \\"model\\": {"}],"note":"\\"model\\":\\"fake\\"","model":"real","after":{"model":"kept"}}';
    expect(rewrite(before, 'real')).toBe(after);
  });

  it('finds an escaped key, replaces every duplicate and a non-string value, and escapes the new value', () => {
    expect(rewrite('{"mod\\u0065l":"a","x":1}', 'b')).toBe('{"mod\\u0065l":"b","x":1}');
    expect(rewrite('{"model":"a","model":"a2"}', 'b')).toBe('{"model":"b","model":"b"}');
    expect(rewrite('{"model":5,"model_name":"a"}', 'b')).toBe('{"model":"b","model_name":"a"}');
    expect(rewrite('{"model":"a"}', 'say "hi"\\')).toBe('{"model":"say \\"hi\\"\\\\"}');
    expect(JSON.parse(rewrite('{"model":"a"}', 'say "hi"\\')).model).toBe('say "hi"\\');
  });

  it('inserts the model first when the body has none', () => {
    expect(rewrite('{"prompt":"a red square"}', 'dall-e-3')).toBe(
      '{"model":"dall-e-3","prompt":"a red square"}',
    );
    expect(rewrite(' { } ', 'm')).toBe(' {"model":"m" } ');
  });

  it('leaves what is not a JSON object to the upstream, untouched', () => {
    for (const text of [
      '{"model":',
      '[{"model":"a"}]',
      '"model"',
      '',
      '{"model":"a",}',
      '{"model" "a"}',
      '{"a":[1,2}',
    ]) {
      const body = Buffer.from(text);
      expect(rewriteJsonModel(body, 'x'), text).toBe(body);
    }
  });

  it('works on a view into a larger buffer', () => {
    const backing = Buffer.from('xx{"model":"a"}yy');
    const view = new Uint8Array(backing.buffer, backing.byteOffset + 2, backing.length - 4);
    expect(Buffer.from(rewriteJsonModel(view, 'b')).toString()).toBe('{"model":"b"}');
  });
});
