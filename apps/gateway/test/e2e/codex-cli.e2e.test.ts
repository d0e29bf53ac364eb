// Codex CLI (`@openai/codex`, its own native binary) end to end: `codex exec` with a custom model
// provider whose base_url is the gateway (`wire_api = "responses"`), the gateway translating to the
// Gemini API, and a Gemini mock that scripts one agent turn: a shell tool call, then the final answer.
// Codex runs the command itself; the second Gemini request must carry the command's real output.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type MockUpstream,
  type RecordedUpstreamRequest,
  readChunksFixture,
  startMockUpstream,
} from '@multi-ai-proxy/core/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixturePath } from '../support/fixture-path.js';
import { type RunningGateway, startGateway } from '../support/start-gateway.js';
import { type CliResult, runCli } from '../support/run-cli.js';

const CODEX = fileURLToPath(new URL('../../node_modules/.bin/codex', import.meta.url));
const MODEL = 'gemini-3-pro-preview';
const MARKER = 'codex-e2e-marker-7f3a';
const FINAL_ANSWER = `The command printed ${MARKER}.`;
const CODEX_TIMEOUT_MS = 90_000;

// The recorded Gemini 3 streamed function call, with Codex's shell tool and a command in place of the
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
            functionCall: { name: 'exec_command', args: { cmd: `echo ${MARKER}` } },
            thoughtSignature: SIGNATURE,
          },
        ],
      },
    },
  ],
};
// SYNTHETIC final turn (no recording answers this conversation): text, STOP, usage.
const finalChunk = {
  candidates: [
    { content: { role: 'model', parts: [{ text: FINAL_ANSWER }] }, finishReason: 'STOP', index: 0 },
  ],
  usageMetadata: { promptTokenCount: 120, candidatesTokenCount: 9, totalTokenCount: 129 },
  modelVersion: MODEL,
};

type GeminiBody = {
  contents: Array<{
    role: string;
    parts: Array<{
      text?: string;
      thoughtSignature?: string;
      inlineData?: unknown;
      functionCall?: { name: string; args?: unknown };
      functionResponse?: { name: string; response?: unknown };
    }>;
  }>;
  tools?: Array<{ functionDeclarations?: Array<{ name: string }> }>;
  systemInstruction?: unknown;
};
const hasFunctionResponse = (body: GeminiBody) =>
  body.contents.some((turn) => turn.parts.some((part) => 'functionResponse' in part));

let mock: MockUpstream;
let gateway: RunningGateway;
let home: string;

beforeAll(async () => {
  mock = await startMockUpstream([
    {
      method: 'POST',
      path: new RegExp(`^/v1beta/models/${MODEL}:streamGenerateContent\\?alt=sse$`),
      reply: (request: RecordedUpstreamRequest) => ({
        sse: [hasFunctionResponse(request.json() as GeminiBody) ? finalChunk : toolCallChunk],
      }),
    },
  ]);
  gateway = await startGateway({
    env: { GOOGLE_AI_STUDIO_API_KEY: 'gemini-e2e-key', GOOGLE_AI_STUDIO_ENDPOINT: mock.url },
  });
  home = mkdtempSync(join(tmpdir(), 'map-codex-'));
});

afterAll(async () => {
  await gateway?.stop();
  await mock?.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

function runCodex(args: string[], cwd: string, env: Record<string, string>): Promise<CliResult> {
  return runCli(CODEX, args, { cwd, env, timeoutMs: CODEX_TIMEOUT_MS });
}

it(
  'codex exec completes a tool-using turn through the gateway against Gemini',
  async () => {
    const codexHome = join(home, 'codex-home');
    const workDir = join(home, 'work');
    mkdirSync(codexHome);
    mkdirSync(workDir);
    // The configuration an operator writes (README "Responses API"): a model provider at the gateway.
    writeFileSync(
      join(codexHome, 'config.toml'),
      [
        `model = "${MODEL}"`,
        'model_provider = "gateway"',
        'check_for_update_on_startup = false',
        '',
        '[model_providers.gateway]',
        'name = "Multi-AI Proxy"',
        `base_url = "${gateway.baseURL}"`,
        'wire_api = "responses"',
        'env_key = "GATEWAY_API_KEY"',
        '',
      ].join('\n'),
    );
    // Loopback only: any request Codex might make beyond the gateway goes to a closed loopback port.
    const blackhole = 'http://127.0.0.1:9';
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: home,
      CODEX_HOME: codexHome,
      GATEWAY_API_KEY: 'client-key',
      NO_PROXY: '127.0.0.1',
      no_proxy: '127.0.0.1',
      HTTPS_PROXY: blackhole,
      https_proxy: blackhole,
      HTTP_PROXY: blackhole,
      http_proxy: blackhole,
      ALL_PROXY: blackhole,
    };
    const result = await runCodex(
      [
        'exec',
        '--skip-git-repo-check',
        '--sandbox',
        'danger-full-access',
        'Run a shell command that prints the marker, then tell me what it printed.',
      ],
      workDir,
      env,
    );

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(FINAL_ANSWER);

    const calls = mock.requests.map((request) => ({
      path: request.path,
      body: request.json() as GeminiBody,
    }));
    expect(calls).toHaveLength(2);
    for (const call of calls) {
      // Valid Gemini requests: alternating user/model turns of parts, Codex's tools as declarations.
      expect(call.body.contents.length).toBeGreaterThan(0);
      expect(call.body.contents[0]!.role).toBe('user');
      for (const turn of call.body.contents) expect(['user', 'model']).toContain(turn.role);
      expect(
        call.body.contents.every(
          (turn, index) => index === 0 || turn.role !== call.body.contents[index - 1]!.role,
        ),
      ).toBe(true);
      expect(
        call.body.tools
          ?.flatMap((tool) => tool.functionDeclarations ?? [])
          .map((declaration) => declaration.name),
      ).toContain('exec_command');
      expect(call.body.systemInstruction).toBeDefined();
    }
    const second = calls[1]!.body.contents;
    const model = second.find((turn) => turn.role === 'model')!;
    // The call came back with the signature Gemini 3 gave it (it rode in Codex's call_id).
    expect(model.parts.find((part) => part.functionCall)).toEqual({
      functionCall: { name: 'exec_command', args: { cmd: `echo ${MARKER}` } },
      thoughtSignature: SIGNATURE,
    });
    const output = second.flatMap((turn) => turn.parts).find((part) => part.functionResponse)!;
    expect(output.functionResponse!.name).toBe('exec_command');
    // Codex really ran the command: its output is in the function response.
    expect(JSON.stringify(output.functionResponse!.response)).toContain(MARKER);
  },
  CODEX_TIMEOUT_MS + 10_000,
);
