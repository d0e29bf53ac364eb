import { GatewayError } from '@multi-ai-proxy/core';
import { describe, expect, it } from 'vitest';
import { embeddingInputs, MAX_EMBEDDING_INPUTS } from './embedding-inputs.js';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('embeddingInputs', () => {
  it('turns a string or a list of strings into texts', () => {
    expect(embeddingInputs('a')).toEqual(['a']);
    expect(embeddingInputs(['a', 'b'])).toEqual(['a', 'b']);
  });

  it('accepts exactly 2048 inputs and refuses 2049 with a 400 on `input`', () => {
    expect(embeddingInputs(Array.from({ length: MAX_EMBEDDING_INPUTS }, () => 'x'))).toHaveLength(
      2048,
    );
    const error = thrown(() =>
      embeddingInputs(Array.from({ length: MAX_EMBEDDING_INPUTS + 1 }, () => 'x')),
    );
    expect(GatewayError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      status: 400,
      param: 'input',
      message: '`input` has 2049 items; at most 2048 are allowed per request.',
    });
  });

  it('refuses token ids and empty input with a 400', () => {
    expect(thrown(() => embeddingInputs([1, 2, 3]))).toMatchObject({ status: 400, param: 'input' });
    expect(thrown(() => embeddingInputs([]))).toMatchObject({ status: 400, param: 'input' });
  });
});
