import {
  type MockUpstream,
  type RecordedUpstreamRequest,
  readFixtureText,
  readJsonFixture,
  startMockUpstream,
} from '@multi-ai-proxy/core/testing';
import { fixturePath } from '../support/fixture-path.js';

export const CLAUDE_VERTEX_TOKEN = 'ya29.e2e-claude-vertex-token';
export const CLAUDE_TOKEN_PATH = '/oauth2/token';

// Recorded Anthropic Messages answers (fixtures/upstream/anthropic), replayed unchanged.
export const claude = {
  text: readJsonFixture(fixturePath('anthropic', 'messages.text.response.json')),
  toolUse: readJsonFixture(fixturePath('anthropic', 'messages.tool-use.response.json')),
  countTokens: readJsonFixture(fixturePath('anthropic', 'count-tokens.response.json')),
  textSse: readFixtureText(fixturePath('anthropic', 'messages.text.sse.txt')),
  toolUseSse: readFixtureText(fixturePath('anthropic', 'messages.tool-use.sse.txt')),
  thinkingSse: readFixtureText(fixturePath('anthropic', 'messages.thinking.sse.txt')),
  overloaded: readJsonFixture(fixturePath('anthropic', 'error.529-overloaded.json')),
};

interface MessagesBody {
  model?: string;
  stream?: boolean;
  tools?: unknown[];
  thinking?: unknown;
}

/** A recorded answer that fits the request: 529 for the `overloaded` model, tool use when tools are offered, thinking when asked. */
function answerMessages(body: MessagesBody, model: string | undefined) {
  if (model === 'overloaded') return { status: 529, body: claude.overloaded };
  const sse = (text: string) => ({
    headers: { 'content-type': 'text/event-stream' },
    rawSse: text,
  });
  if (body.stream === true)
    return sse(
      body.thinking !== undefined
        ? claude.thinkingSse
        : (body.tools?.length ?? 0) > 0
          ? claude.toolUseSse
          : claude.textSse,
    );
  return { body: (body.tools?.length ?? 0) > 0 ? claude.toolUse : claude.text };
}

/** Claude in Azure AI Foundry: `/anthropic/v1/messages` and `/anthropic/v1/messages/count_tokens`. */
export function startFoundryMock(): Promise<MockUpstream> {
  return startMockUpstream([
    {
      method: 'POST',
      path: '/anthropic/v1/messages',
      reply: (request: RecordedUpstreamRequest) => {
        const body = request.json() as MessagesBody;
        return answerMessages(body, body.model);
      },
    },
    // The count_tokens answer of Anthropic's API reference (fixtures/upstream/anthropic).
    {
      method: 'POST',
      path: '/anthropic/v1/messages/count_tokens',
      reply: { body: claude.countTokens },
    },
  ]);
}

/** Claude on Vertex AI (`publishers/anthropic/models/{m}:rawPredict|:streamRawPredict`) plus the OAuth2 token endpoint. */
export function startClaudeVertexMock(project: string, location: string): Promise<MockUpstream> {
  const models = `/v1/projects/${project}/locations/${location}/publishers/anthropic/models`;
  return startMockUpstream([
    // SYNTHETIC token answer (Google's OAuth2 token response shape).
    {
      method: 'POST',
      path: CLAUDE_TOKEN_PATH,
      reply: {
        body: { access_token: CLAUDE_VERTEX_TOKEN, expires_in: 3599, token_type: 'Bearer' },
      },
    },
    {
      method: 'POST',
      path: new RegExp(`^${models}/[^/:?]+:(rawPredict|streamRawPredict)$`),
      reply: (request: RecordedUpstreamRequest) =>
        answerMessages(
          request.json() as MessagesBody,
          request.path.slice(models.length + 1).split(':')[0],
        ),
    },
  ]);
}
