import { checkOpenAIErrorBody } from '@multi-ai-proxy/core/testing';
import OpenAI from 'openai';
import { expect } from 'vitest';

/** Awaits a client call that must fail, and checks the SDK saw an OpenAI-shaped error body. */
export async function expectOpenAIApiError(
  promise: Promise<unknown>,
): Promise<InstanceType<typeof OpenAI.APIError>> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(OpenAI.APIError);
  const apiError = error as InstanceType<typeof OpenAI.APIError>;
  expect(checkOpenAIErrorBody({ error: apiError.error })).toEqual([]);
  return apiError;
}
