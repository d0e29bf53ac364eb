import { describe, expect, it } from 'vitest';
import { prepareJsonBody } from './prepare-json-body.js';
import { rewriteJsonModel } from './rewrite-json-model.js';

describe('rewriteJsonModel / prepareJsonBody', () => {
  it('keeps the exact client bytes when the model is unchanged', () => {
    const raw = Buffer.from('{ "model" : "gpt-4o",  "messages": [] }');
    expect(prepareJsonBody(raw, { model: 'gpt-4o' }, 'gpt-4o')).toBe(raw);
    expect(rewriteJsonModel(raw, 'gpt-4o')).toBe(raw);
  });

  it('replaces the model and keeps every other field', () => {
    const raw = Buffer.from('{"model":"openai/gpt-4o","messages":[{"role":"user","content":"hi"}],"stream":true}');
    const out = JSON.parse(Buffer.from(prepareJsonBody(raw, { model: 'openai/gpt-4o' }, 'gpt-4o')).toString());
    expect(out).toEqual({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], stream: true });
  });

  it('leaves invalid JSON and non-objects to the upstream', () => {
    const broken = Buffer.from('{"model":');
    expect(rewriteJsonModel(broken, 'x')).toBe(broken);
    const array = Buffer.from('[1]');
    expect(rewriteJsonModel(array, 'x')).toBe(array);
  });

  it('serialises the parsed request when the host gave no raw bytes', () => {
    expect(Buffer.from(prepareJsonBody(undefined, { model: 'a' }, undefined)).toString()).toBe('{"model":"a"}');
  });
});
