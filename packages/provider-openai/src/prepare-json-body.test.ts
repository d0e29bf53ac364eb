import { describe, expect, it } from 'vitest';
import { prepareJsonBody } from './prepare-json-body.js';

describe('prepareJsonBody', () => {
  it("keeps the client's exact bytes when the model is unchanged", () => {
    const raw = Buffer.from('{ "model" : "gpt-4o",  "messages": [] }');
    expect(prepareJsonBody(raw, { model: 'gpt-4o' }, 'gpt-4o')).toBe(raw);
  });

  it('replaces only the model value when the upstream model differs', () => {
    const raw = Buffer.from(
      '{"model":"openai/gpt-4o", "messages":[{"role":"user","content":"hi"}],"temperature":1.0}',
    );
    expect(Buffer.from(prepareJsonBody(raw, { model: 'openai/gpt-4o' }, 'gpt-4o')).toString()).toBe(
      '{"model":"gpt-4o", "messages":[{"role":"user","content":"hi"}],"temperature":1.0}',
    );
  });

  it('serialises the parsed request when the host gave no raw bytes', () => {
    expect(Buffer.from(prepareJsonBody(undefined, { model: 'a' }, undefined)).toString()).toBe(
      '{"model":"a"}',
    );
  });
});
