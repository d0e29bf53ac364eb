// Claude Code (`@anthropic-ai/claude-code`'s native linux-x64 binary) end to end: `claude -p … --output-format
// json` with ANTHROPIC_BASE_URL at the gateway and a gateway key in ANTHROPIC_AUTH_TOKEN; the gateway routes
// Claude Code's dated `claude-*` ids with glob routes (config-file `routes`: `claude-sonnet-*` to Gemini,
// `claude-opus-*` to Azure OpenAI) and translates `/v1/messages`. Each mock scripts one agent turn: a Bash
// tool call, then the final answer. Claude Code runs the command itself; the second upstream request must
// carry the command's real output (and, on Gemini, the call's thought signature).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type MockUpstream,
  type RecordedUpstreamRequest,
  readChunksFixture,
  startMockUpstream,
} from '@multi-ai-proxy/core/testing';
import { claudeCodeBinary } from '@multi-ai-proxy/claude-code-binary';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  recordedChatSseEvents,
  syntheticJsonAnswer,
  syntheticToolCall,
  syntheticToolCallChunks,
} from '../mocks/openai-format-bodies.js';
import { fixturePath } from '../support/fixture-path.js';
import { type RunningGateway, startGateway } from '../support/start-gateway.js';
import { type CliResult, runCli } from '../support/run-cli.js';

// This machine's native binary (tools/claude-code: the platform package pnpm picked, as the
// `@anthropic-ai/claude-code` wrapper would; the wrapper itself needs Node 22 to install).
const CLAUDE = claudeCodeBinary();
const GATEWAY_KEY = 'claude-code-e2e-gateway-key';
// Dated ids no route names exactly: the globs below route them.
const MAIN_MODEL = 'claude-sonnet-4-5-20250929';
const AZURE_MODEL = 'claude-opus-4-1-20250805';
const SMALL_MODEL = 'claude-haiku-4-5-20251001';
const MARKER = 'claude-code-e2e-marker-4b1d';
const FINAL_ANSWER = `The command printed ${MARKER}.`;
const CLAUDE_TIMEOUT_MS = 120_000;

// The recorded Gemini 3 streamed function call, with Claude Code's Bash tool and a command in place of the
// recorded `weather` call: its thoughtSignature is real, so the test can check it comes back.
const recordedCall = JSON.parse(
  readChunksFixture(
    fixturePath('gemini', 'streamGenerateContent.function-call.gemini-3-pro.chunks.txt'),
  )[0]!,
);
const SIGNATURE: string = recordedCall.candidates[0].content.parts[0].thoughtSignature;
const toolCallChunk = {
  ...recordedCall,
  candidates: [
    {
      ...recordedCall.candidates[0],
      finishReason: 'STOP',
      content: {
        role: 'model',
        parts: [
          {
            functionCall: {
              name: 'Bash',
              args: { command: `echo ${MARKER}`, description: 'Print the marker' },
            },
            thoughtSignature: SIGNATURE,
          },
        ],
      },
    },
  ],
};
// SYNTHETIC turns (no recording answers this conversation): text, STOP, usage.
const textChunk = (text: string) => ({
  candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP', index: 0 }],
  usageMetadata: { promptTokenCount: 120, candidatesTokenCount: 9, totalTokenCount: 129 },
  modelVersion: 'gemini-3-pro-preview',
});

type GeminiBody = {
  contents: Array<{
    role: string;
    parts: Array<{
      text?: string;
      thoughtSignature?: string;
      functionCall?: { name: string; args?: unknown };
      functionResponse?: { name: string; response?: unknown };
    }>;
  }>;
  tools?: Array<{ functionDeclarations?: Array<{ name: string }> }>;
};
const hasFunctionResponse = (body: GeminiBody) =>
  body.contents.some((turn) => turn.parts.some((part) => 'functionResponse' in part));
const offersBash = (body: GeminiBody) =>
  (body.tools ?? []).some((tool) =>
    (tool.functionDeclarations ?? []).some((declaration) => declaration.name === 'Bash'),
  );
// The agent turn: a Bash call first, the answer once its result is back; any side request (titles, quota probes) gets a short text.
const answer = (body: GeminiBody) =>
  !offersBash(body)
    ? textChunk('OK')
    : hasFunctionResponse(body)
      ? textChunk(FINAL_ANSWER)
      : toolCallChunk;

// Azure OpenAI's side of the same turn, on the chat completions wire format.
type ChatBody = {
  stream?: boolean;
  messages: Array<{
    role: string;
    content?: unknown;
    tool_call_id?: string;
    tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
  }>;
  tools?: Array<{ function?: { name?: string } }>;
};
const BASH_ARGUMENTS = JSON.stringify({
  command: `echo ${MARKER}`,
  description: 'Print the marker',
});
const chatOffersBash = (body: ChatBody) =>
  (body.tools ?? []).some((tool) => tool.function?.name === 'Bash');
const chatHasToolResult = (body: ChatBody) => body.messages.some((m) => m.role === 'tool');
// The recorded Azure stream with its text replaced (SYNTHETIC text, recorded framing).
const azureTextEvents = (text: string): unknown[] => {
  let placed = false;
  return recordedChatSseEvents.map((event) => {
    if (event === '[DONE]') return event;
    const chunk = JSON.parse(event) as {
      choices: Array<{ delta?: { content?: string | null } }>;
    };
    for (const choice of chunk.choices) {
      if (typeof choice.delta?.content !== 'string' || choice.delta.content === '') continue;
      choice.delta.content = placed ? '' : text;
      placed = true;
    }
    return chunk;
  });
};
const azureAnswer = (body: ChatBody) => {
  const text = !chatOffersBash(body) ? 'OK' : chatHasToolResult(body) ? FINAL_ANSWER : undefined;
  if (body.stream === true)
    return {
      sse:
        text === undefined
          ? syntheticToolCallChunks('gpt-4.1', 'Bash', BASH_ARGUMENTS)
          : azureTextEvents(text),
    };
  return {
    body:
      text === undefined
        ? syntheticToolCall('gpt-4.1', 'Bash', BASH_ARGUMENTS)
        : syntheticJsonAnswer('gpt-4.1', text),
  };
};

let mock: MockUpstream;
let azure: MockUpstream;
let gateway: RunningGateway;
let home: string;

beforeAll(async () => {
  azure = await startMockUpstream([
    {
      method: 'POST',
      path: /^\/openai\/deployments\/gpt-4\.1\/chat\/completions(\?|$)/,
      reply: (request: RecordedUpstreamRequest) => azureAnswer(request.json() as ChatBody),
    },
  ]);
  mock = await startMockUpstream([
    {
      method: 'POST',
      path: /^\/v1beta\/models\/[^/:?]+:streamGenerateContent\?alt=sse$/,
      reply: (request: RecordedUpstreamRequest) => ({
        sse: [answer(request.json() as GeminiBody)],
      }),
    },
    {
      method: 'POST',
      path: /^\/v1beta\/models\/[^/:?]+:generateContent$/,
      reply: (request: RecordedUpstreamRequest) => ({ body: answer(request.json() as GeminiBody) }),
    },
  ]);
  gateway = await startGateway({
    env: {
      MULTI_AI_PROXY_API_KEYS: GATEWAY_KEY,
      GOOGLE_AI_STUDIO_API_KEY: 'gemini-e2e-key',
      GOOGLE_AI_STUDIO_ENDPOINT: mock.url,
      AZURE_OPENAI_ENDPOINT: azure.url,
      AZURE_OPENAI_API_KEY: 'azure-e2e-key',
    },
    // The README's model mapping, as globs: sonnet ids to a Gemini Pro model, haiku ids (the small model
    // of background tasks) to Flash, opus ids to an Azure deployment.
    config: {
      routes: {
        'claude-sonnet-*': 'google/gemini-3-pro-preview',
        'claude-haiku-*': 'google/gemini-2.5-flash',
        'claude-opus-*': 'azure/gpt-4.1',
      },
    },
  });
  home = mkdtempSync(join(tmpdir(), 'map-claude-code-'));
}, 60_000);

afterAll(async () => {
  await gateway?.stop();
  await mock?.close();
  await azure?.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

function runClaude(args: string[], cwd: string, env: Record<string, string>): Promise<CliResult> {
  return runCli(CLAUDE, args, { cwd, env, timeoutMs: CLAUDE_TIMEOUT_MS });
}

/** One `claude -p` agent turn with `mainModel` as Claude Code's model, in fresh config and work folders. */
async function runAgentTurn(name: string, mainModel: string): Promise<CliResult> {
  expect(existsSync(CLAUDE), `${CLAUDE} is missing: pnpm install`).toBe(true);
  const configDir = join(home, name, '.claude');
  const workDir = join(home, name, 'work');
  mkdirSync(configDir, { recursive: true });
  mkdirSync(workDir, { recursive: true });
  // Loopback only: any request Claude Code might make beyond the gateway goes to a closed loopback port.
  const blackhole = 'http://127.0.0.1:9';
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: join(home, name),
    CLAUDE_CONFIG_DIR: configDir,
    ANTHROPIC_BASE_URL: gateway.url,
    ANTHROPIC_AUTH_TOKEN: GATEWAY_KEY,
    ANTHROPIC_MODEL: mainModel,
    ANTHROPIC_DEFAULT_SONNET_MODEL: mainModel,
    ANTHROPIC_DEFAULT_HAIKU_MODEL: SMALL_MODEL,
    ANTHROPIC_SMALL_FAST_MODEL: SMALL_MODEL,
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
    DISABLE_TELEMETRY: '1',
    DISABLE_ERROR_REPORTING: '1',
    NO_PROXY: '127.0.0.1',
    no_proxy: '127.0.0.1',
    HTTPS_PROXY: blackhole,
    https_proxy: blackhole,
    HTTP_PROXY: blackhole,
    http_proxy: blackhole,
  };
  return runClaude(
    [
      '-p',
      'Run a shell command that prints the marker, then tell me what it printed.',
      '--output-format',
      'json',
      '--allowedTools',
      'Bash',
    ],
    workDir,
    env,
  );
}

it(
  'claude -p completes a tool-using turn through the gateway against Gemini (a claude-sonnet-* glob)',
  async () => {
    const result = await runAgentTurn('gemini', MAIN_MODEL);
    expect(result.code, `${result.stderr}\n${result.stdout}`).toBe(0);
    const output = JSON.parse(result.stdout) as { result?: string; is_error?: boolean };
    expect(output.is_error).toBe(false);
    expect(output.result).toContain(FINAL_ANSWER);

    const agentCalls = mock.requests
      .map((request) => request.json() as GeminiBody)
      .filter(offersBash);
    expect(agentCalls.length).toBeGreaterThanOrEqual(2);
    // The dated sonnet id reached the model its glob names.
    const agentPaths = mock.requests
      .filter((request) => offersBash(request.json() as GeminiBody))
      .map((request) => request.path.slice(0, request.path.indexOf(':')));
    expect(new Set(agentPaths)).toEqual(new Set(['/v1beta/models/gemini-3-pro-preview']));
    for (const body of mock.requests.map((request) => request.json() as GeminiBody)) {
      // Valid Gemini requests: alternating user/model turns of parts, starting with the user.
      expect(body.contents.length).toBeGreaterThan(0);
      expect(body.contents[0]!.role).toBe('user');
      expect(
        body.contents.every(
          (turn, index) => index === 0 || turn.role !== body.contents[index - 1]!.role,
        ),
      ).toBe(true);
      for (const turn of body.contents) expect(turn.parts.length).toBeGreaterThan(0);
    }
    const second = agentCalls.find(hasFunctionResponse)!;
    const modelTurn = second.contents.find((turn) => turn.parts.some((part) => part.functionCall))!;
    // The call came back with the signature Gemini 3 gave it (it rode in Claude Code's tool_use.id).
    expect(modelTurn.parts.find((part) => part.functionCall)).toMatchObject({
      functionCall: { name: 'Bash', args: { command: `echo ${MARKER}` } },
      thoughtSignature: SIGNATURE,
    });
    const response = second.contents
      .flatMap((turn) => turn.parts)
      .find((part) => part.functionResponse)!;
    expect(response.functionResponse!.name).toBe('Bash');
    // Claude Code really ran the command: its output is in the function response.
    expect(JSON.stringify(response.functionResponse!.response)).toContain(MARKER);
  },
  CLAUDE_TIMEOUT_MS + 10_000,
);

it(
  'claude -p completes a tool-using turn through the gateway against Azure OpenAI (a claude-opus-* glob)',
  async () => {
    const before = azure.requests.length;
    const result = await runAgentTurn('azure', AZURE_MODEL);

    expect(result.code, `${result.stderr}\n${result.stdout}`).toBe(0);
    const output = JSON.parse(result.stdout) as { result?: string; is_error?: boolean };
    expect(output.is_error).toBe(false);
    expect(output.result).toContain(FINAL_ANSWER);

    const bodies = azure.requests.slice(before).map((request) => request.json() as ChatBody);
    const agentCalls = bodies.filter(chatOffersBash);
    expect(agentCalls.length).toBeGreaterThanOrEqual(2);
    // Valid chat completions: the deployment's name in the body, a user turn first.
    for (const body of bodies) expect(body.messages.some((m) => m.role === 'user')).toBe(true);
    const second = agentCalls.find(chatHasToolResult)!;
    const call = second.messages.find((m) => m.role === 'assistant' && m.tool_calls)!;
    expect(call.tool_calls![0]!.function.name).toBe('Bash');
    expect(JSON.parse(call.tool_calls![0]!.function.arguments)).toMatchObject({
      command: `echo ${MARKER}`,
    });
    const toolResult = second.messages.find((m) => m.role === 'tool')!;
    // The result answers the call it belongs to, and Claude Code really ran the command.
    expect(toolResult.tool_call_id).toBe(call.tool_calls![0]!.id);
    expect(JSON.stringify(toolResult.content)).toContain(MARKER);
  },
  CLAUDE_TIMEOUT_MS + 10_000,
);
