// The native pass-through routes with Google's own SDK and raw HTTP against the real gateway process:
// `/gemini/…` reaches the Gemini API mock and `/vertex/…` the Vertex mock with the server's credentials
// (the client's replaced), gateway keys enforced, streams kept, bodies byte for byte; no path escapes.
import http from 'node:http';
import { GoogleGenAI } from '@google/genai';
import type { MockUpstream } from '@multi-ai-proxy/core/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GEMINI_STREAM_TEXT } from '../mocks/gemini-format-bodies.js';
import { startGeminiMock } from '../mocks/start-gemini-mock.js';
import {
  startVertexMock,
  VERTEX_ACCESS_TOKEN,
  VERTEX_TOKEN_PATH,
} from '../mocks/start-vertex-mock.js';
import { createServiceAccountKey } from '../support/create-service-account-key.js';
import { type RunningGateway, startGateway } from '../support/start-gateway.js';

const GATEWAY_KEY = 'gw-native-key';
const SERVER_GEMINI_KEY = 'gemini-server-key';
const PROJECT = 'native-project';
const LOCATION = 'us-central1';
const VERTEX_PATH = `/vertex/v1/projects/${PROJECT}/locations/${LOCATION}/publishers/google/models/gemini-2.5-flash:generateContent`;

let gateway: RunningGateway;
let google: MockUpstream;
let vertex: MockUpstream;
let serviceAccount: ReturnType<typeof createServiceAccountKey>;

beforeAll(async () => {
  [google, vertex] = await Promise.all([startGeminiMock(), startVertexMock(PROJECT, LOCATION)]);
  serviceAccount = createServiceAccountKey(`${vertex.url}${VERTEX_TOKEN_PATH}`, PROJECT);
  gateway = await startGateway({
    env: {
      MULTI_AI_PROXY_API_KEYS: GATEWAY_KEY,
      GOOGLE_AI_STUDIO_API_KEY: SERVER_GEMINI_KEY,
      GOOGLE_AI_STUDIO_ENDPOINT: google.url,
      GOOGLE_APPLICATION_CREDENTIALS: serviceAccount.path,
      VERTEX_AI_PROJECT_ID: PROJECT,
      VERTEX_AI_LOCATION: LOCATION,
      VERTEX_AI_ENDPOINT: vertex.url,
    },
  });
});
afterAll(async () => {
  await gateway?.stop();
  await Promise.all([google?.close(), vertex?.close()]);
  serviceAccount?.remove();
});
beforeEach(() => {
  google.requests.length = 0;
  vertex.requests.length = 0;
});

const genai = (gatewayKey = GATEWAY_KEY) =>
  new GoogleGenAI({
    apiKey: 'client-own-google-key',
    httpOptions: {
      baseUrl: `${gateway.url}/gemini`,
      headers: { authorization: `Bearer ${gatewayKey}` },
    },
  });

/** A raw request (no client-side path normalisation), answering status and body text. */
function rawRequest(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string }> {
  const url = new URL(gateway.url);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: options.method ?? 'POST',
        headers: { 'content-type': 'application/json', ...options.headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response
          .on('data', (chunk: Buffer) => chunks.push(chunk))
          .on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
      },
    );
    request.on('error', reject).end(options.body);
  });
}

describe('/gemini/… with @google/genai', () => {
  it('generates content through the gateway with the server key; the client key never reaches Gemini', async () => {
    const answer = await genai().models.generateContent({
      model: 'gemini-2.5-flash',
      contents: 'why is the sky blue?',
    });
    expect(answer.text).toMatch(/Rayleigh/);
    const [sent] = google.requests;
    expect(sent?.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(sent?.headers['x-goog-api-key']).toBe(SERVER_GEMINI_KEY);
    expect(sent?.headers.authorization).toBeUndefined();
    expect(JSON.stringify(sent?.headers)).not.toContain('client-own-google-key');
    expect(JSON.stringify(sent?.headers)).not.toContain(GATEWAY_KEY);
  });

  it('streams generateContentStream as the upstream sends it', async () => {
    let text = '';
    for await (const chunk of await genai().models.generateContentStream({
      model: 'gemini-2.5-flash',
      contents: 'capital of Wyoming?',
    }))
      text += chunk.text ?? '';
    expect(text).toBe(GEMINI_STREAM_TEXT);
    expect(google.requests[0]?.url).toBe(
      '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    );
  });

  it('refuses a client without a gateway key (401) before any upstream call', async () => {
    await expect(
      genai('wrong-key').models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi' }),
    ).rejects.toMatchObject({ status: 401 });
    expect(google.requests).toEqual([]);
  });

  it('forwards the body byte for byte (a `model` in it is no routing name) and drops a `key` query parameter', async () => {
    const bytes =
      '{ "model":"models/gemini-2.5-flash",  "contents":[{"parts":[{"text":"caf\\u00e9"}]}] , "n":1.0}';
    const answer = await rawRequest(
      '/gemini/v1beta/models/gemini-2.5-flash:generateContent?key=client-own-google-key&alt=json',
      {
        headers: { authorization: `Bearer ${GATEWAY_KEY}` },
        body: bytes,
      },
    );
    expect(answer.status).toBe(200);
    expect(google.requests[0]?.body.toString('utf8')).toBe(bytes);
    expect(google.requests[0]?.url).toBe(
      '/v1beta/models/gemini-2.5-flash:generateContent?alt=json',
    );
  });

  it.each([
    '/gemini/v1beta/../../v1beta/models',
    '/gemini/v1beta/models/%2e%2e/%2e%2e/x',
    '/gemini/v1beta/models%2Fgemini-2.5-flash:generateContent',
    '/gemini//evil.example/v1beta/models',
    '/gemini/v1beta@evil.example/models',
    '/gemini/v2/models',
    '/gemini/v1beta/./models',
  ])('refuses %s (400) without calling any upstream', async (path) => {
    const answer = await rawRequest(path, {
      headers: { authorization: `Bearer ${GATEWAY_KEY}` },
      body: '{}',
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({
      error: { type: 'invalid_request_error', param: 'path', code: 'invalid_path' },
    });
    expect(google.requests).toEqual([]);
  });

  it('keeps the configured host whatever Host header the client sends', async () => {
    const answer = await rawRequest('/gemini/v1beta/models/gemini-2.5-flash:generateContent', {
      headers: { authorization: `Bearer ${GATEWAY_KEY}`, host: 'evil.example' },
      body: '{"contents":[{"parts":[{"text":"hi"}]}]}',
    });
    expect(answer.status).toBe(200);
    expect(google.requests).toHaveLength(1);
  });
});

describe('/vertex/v1/projects/…', () => {
  it('forwards to Vertex with the OAuth token of the server credentials', async () => {
    const answer = await rawRequest(VERTEX_PATH, {
      headers: { authorization: `Bearer ${GATEWAY_KEY}` },
      body: '{"contents":[{"role":"user","parts":[{"text":"hi"}]}]}',
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toHaveProperty('candidates');
    const call = vertex.requests.find((request) => request.path.endsWith(':generateContent'));
    expect(call?.path).toBe(VERTEX_PATH.slice('/vertex'.length));
    expect(call?.headers.authorization).toBe(`Bearer ${VERTEX_ACCESS_TOKEN}`);
  });

  it('refuses another project (403) and a path escaping the prefix (400) without a Vertex call', async () => {
    const other = await rawRequest(VERTEX_PATH.replace(PROJECT, 'someone-else'), {
      headers: { authorization: `Bearer ${GATEWAY_KEY}` },
      body: '{}',
    });
    expect(other.status).toBe(403);
    const escaped = await rawRequest(`/vertex/v1/projects/${PROJECT}/../../other/x`, {
      headers: { authorization: `Bearer ${GATEWAY_KEY}` },
      body: '{}',
    });
    expect(escaped.status).toBe(400);
    expect(vertex.requests.filter((request) => request.path !== VERTEX_TOKEN_PATH)).toEqual([]);
  });
});
