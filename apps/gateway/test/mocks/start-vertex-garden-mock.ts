import { readFixtureText, readJsonFixture } from '@multi-ai-proxy/core/testing';
import { type MockUpstream, startMockUpstream } from '@multi-ai-proxy/core/testing';
import { fixturePath } from '../support/fixture-path.js';
import { vertex } from './gemini-format-bodies.js';
import { VERTEX_ACCESS_TOKEN, VERTEX_TOKEN_PATH } from './start-vertex-mock.js';

/** Recorded Vertex answers of the OpenAI-compatible endpoints (fixtures/upstream/vertex/openapi.*). */
export const garden = {
  /** Vertex's MaaS stream as recorded: no `id`, `role` in every delta, usage last, no `[DONE]`. */
  streamSse: readFixtureText(fixturePath('vertex', 'openapi.chat-completions.llama3-405b.sse.txt')),
  answer: readFixtureText(
    fixturePath('vertex', 'openapi.chat-completions.llama-4-maverick.response.json'),
  ),
  invalidArgument: readJsonFixture(
    fixturePath('vertex', 'openapi.error.400-invalid-argument.json'),
  ),
};

/** The model id that makes the mock answer Vertex's recorded 400 (a request Vertex refuses). */
export const REFUSED_MODEL = 'qwen/qwen3-refused-maas';

/**
 * Vertex AI beyond Gemini for one project/location: `endpoints/openapi/chat/completions` (Model Garden
 * MaaS; streamed or buffered by the body's `stream`), a tuned Gemini endpoint `endpoints/{tunedId}`
 * (GenerateContent, recorded Gemini answers), a vLLM deployment `endpoints/{vllmId}/chat/completions`,
 * the publisher model list refused (403, so the built-in list is served) and the OAuth2 token endpoint.
 */
export function startVertexGardenMock(
  project: string,
  location: string,
  ids: { tuned: string; vllm: string },
): Promise<MockUpstream> {
  const scope = `/v1/projects/${project}/locations/${location}/endpoints`;
  const openAIAnswer = (request: { json(): unknown }) => {
    const body = request.json() as { stream?: boolean; model?: string };
    if (body.model === REFUSED_MODEL) return { status: 400, body: garden.invalidArgument };
    return body.stream === true
      ? { headers: { 'content-type': 'text/event-stream' }, rawSse: garden.streamSse }
      : { headers: { 'content-type': 'application/json' }, body: garden.answer };
  };
  return startMockUpstream([
    // SYNTHETIC token answer (Google's OAuth2 token response shape); the request is the real JWT-bearer grant.
    {
      method: 'POST',
      path: VERTEX_TOKEN_PATH,
      reply: {
        body: { access_token: VERTEX_ACCESS_TOKEN, expires_in: 3599, token_type: 'Bearer' },
      },
    },
    { method: 'POST', path: `${scope}/openapi/chat/completions`, reply: openAIAnswer },
    { method: 'POST', path: `${scope}/${ids.vllm}/chat/completions`, reply: openAIAnswer },
    { method: 'POST', path: `${scope}/${ids.tuned}:generateContent`, reply: { body: vertex.text } },
    {
      method: 'POST',
      path: `${scope}/${ids.tuned}:streamGenerateContent`,
      reply: { sse: vertex.textStream },
    },
    // SYNTHETIC refusal (google.rpc shape): the credentials may not list publisher models.
    {
      method: 'GET',
      path: '/v1beta1/publishers/google/models',
      reply: {
        status: 403,
        body: { error: { code: 403, message: 'Permission denied', status: 'PERMISSION_DENIED' } },
      },
    },
  ]);
}
