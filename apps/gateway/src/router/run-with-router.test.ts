import { PassThrough, Readable } from 'node:stream';
import { GatewayError, type OperationResultV1, UpstreamApiError } from '@multi-ai-proxy/core';
import { describe, expect, it } from 'vitest';
import { DeploymentHealth } from './deployment-health.js';
import { DeploymentLoad } from './deployment-load.js';
import { AttemptPlan, type Deployment } from './plan-attempts.js';
import type { RouterClock } from './router-clock.js';
import { type RouterRun, runWithRouter } from './run-with-router.js';

type Result = OperationResultV1<unknown, unknown>;

/** Virtual time: sleeps wait for `advance`; `drive` advances to the next timer whenever nothing else can happen. */
class FakeClock implements RouterClock {
  time = 1_700_000_000_000;
  private timers: { at: number; resolve: () => void }[] = [];
  now = () => this.time;
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = { at: this.time + ms, resolve };
      this.timers.push(timer);
      signal?.addEventListener('abort', () => {
        this.timers = this.timers.filter((other) => other !== timer);
        reject(signal.reason);
      });
    });
  }
  timer(ms: number, fire: () => void): () => void {
    const timer = { at: this.time + ms, resolve: fire };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((other) => other !== timer);
    };
  }
  async drive<T>(pending: Promise<T>): Promise<T> {
    let done = false;
    const settled = pending.finally(() => {
      done = true;
    });
    settled.catch(() => {});
    for (let step = 0; step < 200 && !done; step += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      if (done || this.timers.length === 0) continue;
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers.shift() as { at: number; resolve: () => void };
      this.time = Math.max(this.time, next.at);
      next.resolve();
    }
    return settled;
  }
}

const A: Deployment = { id: 'azure-eu/gpt-4o', weight: 1 };
const B: Deployment = { id: 'azure-us/gpt-4o', weight: 1 };
const FALLBACK: Deployment = { id: 'google/gemini-2.5-pro', weight: 1 };
const ok = (text = 'hi'): Result => ({
  kind: 'json',
  body: { choices: [{ message: { content: text } }] },
});
const upstream = (status: number, headers?: Record<string, string>) =>
  new UpstreamApiError({ provider: 'azure', status, message: `upstream ${status}`, headers });
const chunk = (text: string) => ({ choices: [{ index: 0, delta: { content: text } }] });

type Script = Record<string, ((signal: AbortSignal) => Promise<Result> | Result)[]>;

function setup(
  script: Script,
  overrides: Partial<RouterRun<unknown, unknown>> & {
    tiers?: Deployment[][];
    retries?: number;
  } = {},
) {
  const clock = new FakeClock();
  const store = new DeploymentHealth(clock.now);
  const calls: string[] = [];
  const moves: string[] = [];
  const plan = new AttemptPlan(
    overrides.tiers ?? [[A, B]],
    {
      strategy: 'ordered',
      retries: overrides.retries ?? 2,
      backoffMs: [250, 8000],
      maxRetryAfterMs: 20_000,
    },
    new DeploymentLoad(clock.now),
    () => 0.5,
  );
  const run = (signal = new AbortController().signal) =>
    clock.drive(
      runWithRouter({
        group: 'gpt-4o',
        plan,
        store,
        load: new DeploymentLoad(clock.now),
        clock,
        policy: {
          failureRatio: 0.5,
          minRequests: 5,
          windowSeconds: 60,
          baseMs: 5000,
          maxMs: 300_000,
        },
        authCooldownMs: 300_000,
        firstByteTimeoutMs: 60_000,
        deadlineMs: 120_000,
        signal,
        attempt: async (deployment, attemptSignal) => {
          calls.push(`${deployment.id}@${clock.time - 1_700_000_000_000}`);
          const next = script[deployment.id]?.shift();
          if (next === undefined) throw new Error(`no script step left for ${deployment.id}`);
          return next(attemptSignal);
        },
        onMove: (from, kind, reason) => moves.push(`${kind} from ${from.id}: ${reason}`),
        ...overrides,
      }),
    );
  return { clock, store, calls, moves, run };
}

const hang = (signal: AbortSignal) =>
  new Promise<Result>((_resolve, reject) =>
    signal.addEventListener('abort', () => reject(signal.reason)),
  );

/** A breaker that opens at a deployment's first failure. */
const OPENS_AT_FIRST_FAILURE = {
  failureRatio: 0.5,
  minRequests: 1,
  windowSeconds: 60,
  baseMs: 5000,
  maxMs: 300_000,
};

describe('runWithRouter', () => {
  it('moves to the next deployment at once on a 429 and cools the throttled one for exactly its Retry-After', async () => {
    const { run, calls, store, clock, moves } = setup({
      [A.id]: [() => Promise.reject(upstream(429, { 'retry-after': '2' }))],
      [B.id]: [() => ok()],
    });
    const routed = await run();
    expect(routed.deployment).toBe(B);
    expect(routed.attempts).toEqual([
      { target: A.id, status: 429, reason: 'rate_limited' },
      { target: B.id, status: 200 },
    ]);
    expect(calls).toEqual([`${A.id}@0`, `${B.id}@0`]);
    expect(moves).toEqual([`fallback from ${A.id}: rate_limited`]);
    expect(store.cooling([A.id]).get(A.id)).toEqual({
      untilMs: clock.time + 2000,
      reason: 'rate_limited',
    });
  });

  it('answers 429 with the earliest reopening as Retry-After when every deployment is throttled beyond maxRetryAfterMs', async () => {
    const { run, calls } = setup({
      [A.id]: [() => Promise.reject(upstream(429, { 'retry-after': '40' }))],
      [B.id]: [() => Promise.reject(upstream(429, { 'retry-after-ms': '30500' }))],
    });
    const error = await run().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({
      status: 429,
      code: 'all_deployments_rate_limited',
      headers: { 'retry-after': '31', 'retry-after-ms': '30500' },
    });
    expect(calls).toHaveLength(2);
  });

  it('waits for the earliest reopening when it fits the deadline, and never re-hits a deployment inside its Retry-After', async () => {
    const { run, calls } = setup({
      [A.id]: [() => Promise.reject(upstream(429, { 'retry-after': '3' })), () => ok('later')],
      [B.id]: [() => Promise.reject(upstream(429, { 'retry-after': '5' }))],
    });
    const routed = await run();
    expect(routed.deployment).toBe(A);
    expect(calls).toEqual([`${A.id}@0`, `${B.id}@0`, `${A.id}@3000`]);
  });

  it('fails over on a 503 and counts it for the breaker; answers the last error when retries are spent', async () => {
    const { run, calls } = setup(
      {
        [A.id]: [() => Promise.reject(upstream(503))],
        [B.id]: [() => Promise.reject(upstream(502))],
        [FALLBACK.id]: [() => Promise.reject(upstream(500))],
      },
      { tiers: [[A, B], [FALLBACK]], retries: 2 },
    );
    const error = await run().catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ status: 500 });
    expect(calls.map((call) => call.split('@')[0])).toEqual([A.id, B.id, FALLBACK.id]);
  });

  it('does not retry a 400 or a client abort', async () => {
    const { run, calls } = setup({
      [A.id]: [() => Promise.reject(upstream(400))],
      [B.id]: [() => ok()],
    });
    await expect(run()).rejects.toMatchObject({ status: 400 });
    expect(calls).toHaveLength(1);
    const aborted = new AbortController();
    const second = setup({
      [A.id]: [
        () => {
          aborted.abort(new Error('client left'));
          return Promise.reject(upstream(503));
        },
      ],
      [B.id]: [() => ok()],
    });
    await expect(second.run(aborted.signal)).rejects.toMatchObject({ status: 503 });
    expect(second.calls).toHaveLength(1);
  });

  it('moves on when the first byte is later than firstByteTimeoutMs, aborting that attempt', async () => {
    let abortedAttempt: AbortSignal | undefined;
    const { run, calls } = setup({
      [A.id]: [
        (signal) => {
          abortedAttempt = signal;
          return hang(signal);
        },
      ],
      [B.id]: [() => ok()],
    });
    const routed = await run();
    expect(routed.attempts[0]).toEqual({ target: A.id, status: 504, reason: 'timeout' });
    expect(abortedAttempt?.aborted).toBe(true);
    expect(calls).toEqual([`${A.id}@0`, `${B.id}@60000`]);
  });

  it('retries a stream whose first event is an error, and commits at the first chunk with a choice', async () => {
    async function* failsAtOnce(): AsyncGenerator<unknown> {
      yield* [];
      throw upstream(500);
    }
    async function* good(): AsyncGenerator<unknown> {
      yield { choices: [], prompt_filter_results: [] };
      yield chunk('Hel');
      yield chunk('lo');
    }
    const { run } = setup({
      [A.id]: [() => ({ kind: 'chunks', chunks: failsAtOnce() })],
      [B.id]: [() => ({ kind: 'chunks', chunks: good() })],
    });
    const routed = await run();
    expect(routed.attempts.map((attempt) => attempt.reason)).toEqual([
      'first_event_error',
      undefined,
    ]);
    const seen: unknown[] = [];
    if (routed.result.kind === 'chunks')
      for await (const each of routed.result.chunks) seen.push(each);
    expect(seen).toEqual([{ choices: [], prompt_filter_results: [] }, chunk('Hel'), chunk('lo')]);
  });

  it('never retries after the commit point: a stream that fails after its first chunk fails to the reader, once', async () => {
    async function* cut(): AsyncGenerator<unknown> {
      yield chunk('Hel');
      throw upstream(502);
    }
    const { run, calls } = setup({
      [A.id]: [() => ({ kind: 'chunks', chunks: cut() })],
      [B.id]: [() => ok()],
    });
    const routed = await run();
    const seen: unknown[] = [];
    const failure = await (async () => {
      if (routed.result.kind === 'chunks')
        for await (const each of routed.result.chunks) seen.push(each);
    })().catch((thrown: unknown) => thrown);
    expect(failure).toMatchObject({ status: 502 });
    expect(seen).toEqual([chunk('Hel')]);
    expect(calls).toHaveLength(1);
  });

  it('reads a raw answer: an error status is retried, an SSE body whose first event is an error too, a good body is passed on whole', async () => {
    const sse = (text: string): Result => ({
      kind: 'raw',
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      body: Readable.from([Buffer.from(text)]),
    });
    const { run } = setup(
      {
        [A.id]: [
          () => ({
            kind: 'raw',
            status: 503,
            headers: { 'retry-after': '1' },
            body: '{"error":{"message":"busy"}}',
          }),
        ],
        [B.id]: [() => sse('data: {"error":{"message":"boom"}}\n\n')],
        [FALLBACK.id]: [() => sse('data: {"choices":[]}\n\ndata: [DONE]\n\n')],
      },
      { tiers: [[A, B], [FALLBACK]] },
    );
    const routed = await run();
    expect(
      routed.attempts.map(
        (attempt) => `${attempt.target} ${attempt.status} ${attempt.reason ?? ''}`,
      ),
    ).toEqual([`${A.id} 503 server_error`, `${B.id} 502 first_event_error`, `${FALLBACK.id} 200 `]);
    const parts: Buffer[] = [];
    if (routed.result.kind === 'raw')
      for await (const part of routed.result.body as Readable) parts.push(part as Buffer);
    expect(Buffer.concat(parts).toString()).toBe('data: {"choices":[]}\n\ndata: [DONE]\n\n');
  });

  it("ends a passed-through event stream that breaks after the commit point with the run's error event (default: OpenAI's)", async () => {
    const breaking = (): Result => {
      const body = new PassThrough();
      body.write('event: message_start\ndata: {"type":"message_start"}\n\n');
      setTimeout(() => body.destroy(new Error('socket hang up')), 5);
      return { kind: 'raw', status: 200, headers: { 'content-type': 'text/event-stream' }, body };
    };
    const read = async (result: Result) => {
      const parts: Buffer[] = [];
      if (result.kind === 'raw')
        for await (const part of result.body as Readable) parts.push(part as Buffer);
      return Buffer.concat(parts).toString();
    };
    const openai = await setup({ [A.id]: [breaking] }).run();
    expect(await read(openai.result)).toMatch(
      /^event: message_start\n.*\n\ndata: \{"error":\{.*"code":"upstream_stream_failed"/s,
    );
    const anthropic = await setup(
      { [A.id]: [breaking] },
      {
        streamFailureEvent: (error) =>
          `event: error\ndata: ${JSON.stringify({ code: error.code })}\n\n`,
      },
    ).run();
    expect(await read(anthropic.result)).toBe(
      'event: message_start\ndata: {"type":"message_start"}\n\nevent: error\ndata: {"code":"upstream_stream_failed"}\n\n',
    );
  });

  it('a passed-through stream that reports an error event inside and then ends counts as a failure of its deployment', async () => {
    const sse = (text: string) => (): Result => ({
      kind: 'raw',
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      body: Readable.from([Buffer.from(text)]),
    });
    const drain = async (result: Result) => {
      if (result.kind === 'raw') for await (const _ of result.body as Readable);
    };
    const claudeOverloaded =
      'event: message_start\ndata: {"type":"message_start"}\n\n' +
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n';
    const broken = setup({ [A.id]: [sse(claudeOverloaded)] }, { policy: OPENS_AT_FIRST_FAILURE });
    await drain((await broken.run()).result);
    expect(broken.store.cooling([A.id]).get(A.id)).toBeDefined();

    const fine = setup(
      { [A.id]: [sse('event: message_start\ndata: {"type":"message_start"}\n\n')] },
      { policy: OPENS_AT_FIRST_FAILURE },
    );
    await drain((await fine.run()).result);
    expect(fine.store.cooling([A.id]).get(A.id)).toBeUndefined();
  });

  it('answers 503 with Retry-After when every deployment is open and the reopening is past the deadline, else waits for the probe', async () => {
    const tight = setup({}, { deadlineMs: 2000 });
    tight.store.failed(A.id, OPENS_AT_FIRST_FAILURE, true);
    tight.store.failed(B.id, OPENS_AT_FIRST_FAILURE, true);
    const error = await tight.run().catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({
      status: 503,
      code: 'all_deployments_unavailable',
      headers: { 'retry-after': '5' },
    });
    expect(tight.calls).toEqual([]);
    const patient = setup({ [A.id]: [() => ok()] });
    patient.store.failed(A.id, OPENS_AT_FIRST_FAILURE, true);
    patient.store.failed(B.id, OPENS_AT_FIRST_FAILURE, true);
    await patient.run();
    expect(patient.calls).toEqual([`${A.id}@5000`]);
  });
});

describe('runWithRouter with deployments’ own tpm/rpm', () => {
  const limitedA: Deployment = { ...A, limits: { rpm: 1, tpm: 1000 } };
  const limitedB: Deployment = { ...B, limits: { rpm: 1 } };
  const withUsage = (total: number): Result => ({
    kind: 'json',
    body: {
      choices: [{ message: { content: 'hi' } }],
      usage: { prompt_tokens: total - 10, completion_tokens: 10, total_tokens: total },
    },
  });

  /** Several requests over one store and clock, each with its own plan; `script` answers by deployment. */
  function fleet(
    script: Record<string, () => Result | Promise<Result>>,
    tier: Deployment[] = [limitedA, limitedB],
  ) {
    const clock = new FakeClock();
    const store = new DeploymentHealth(clock.now);
    const load = new DeploymentLoad(clock.now);
    const calls: string[] = [];
    const route = (
      estimateTokens: number,
      options: { maxRetryAfterMs?: number; deadlineMs?: number } = {},
    ) =>
      clock.drive(
        runWithRouter({
          group: 'gpt-4o',
          plan: new AttemptPlan(
            [tier],
            {
              strategy: 'ordered',
              retries: 2,
              backoffMs: [250, 8000],
              maxRetryAfterMs: options.maxRetryAfterMs ?? 20_000,
            },
            load,
            () => 0.5,
          ),
          store,
          load,
          clock,
          policy: {
            failureRatio: 0.5,
            minRequests: 5,
            windowSeconds: 60,
            baseMs: 5000,
            maxMs: 300_000,
          },
          authCooldownMs: 300_000,
          firstByteTimeoutMs: 60_000,
          deadlineMs: options.deadlineMs ?? 120_000,
          estimateTokens,
          signal: new AbortController().signal,
          attempt: async (deployment) => {
            calls.push(`${deployment.id}@${clock.time - 1_700_000_000_000}`);
            return (script[deployment.id] as () => Result | Promise<Result>)();
          },
        }),
      );
    return { route, calls, clock };
  }

  it('skips a deployment over its rpm; all full: waits for the earliest room when it fits, else 429 with that Retry-After', async () => {
    const { route, calls } = fleet({ [A.id]: () => ok(), [B.id]: () => ok() });
    expect((await route(0)).deployment).toBe(limitedA);
    expect((await route(0)).deployment).toBe(limitedB);
    const error = await route(0).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({
      status: 429,
      code: 'all_deployments_rate_limited',
      headers: { 'retry-after': '60', 'retry-after-ms': '60000' },
    });
    expect(calls).toEqual([`${A.id}@0`, `${B.id}@0`]);
    // Room in 60 s fits a 90 s maxRetryAfterMs and the deadline: the request waits for it.
    const waited = await route(0, { maxRetryAfterMs: 90_000 });
    expect(waited.deployment).toBe(limitedA);
    expect(calls.at(-1)).toBe(`${A.id}@60000`);
  });

  it('a deadline shorter than the room answers 429 without an upstream call', async () => {
    const { route, calls } = fleet({ [A.id]: () => ok(), [B.id]: () => ok() });
    await route(0);
    await route(0);
    const error = await route(0, { maxRetryAfterMs: 90_000, deadlineMs: 30_000 }).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toMatchObject({ status: 429, headers: { 'retry-after': '60' } });
    expect(calls).toHaveLength(2);
  });

  it('claims the token estimate on the tpm and corrects it by the usage the answer reports', async () => {
    // tpm 1000: two estimates of 600 do not fit, but the first answer used 100 tokens.
    const tokensA: Deployment = { ...A, limits: { tpm: 1000 } };
    const reported = fleet({ [A.id]: () => withUsage(100), [B.id]: () => ok() }, [tokensA, B]);
    expect((await reported.route(600)).deployment).toBe(tokensA);
    await new Promise((resolve) => setImmediate(resolve));
    expect((await reported.route(600)).deployment).toBe(tokensA);
    // Without usage the estimate stands: the same second request goes to B.
    const silent = fleet({ [A.id]: () => ok(), [B.id]: () => ok() }, [tokensA, B]);
    await silent.route(600);
    await new Promise((resolve) => setImmediate(resolve));
    expect((await silent.route(600)).deployment).toBe(B);
    // 12 s later the bucket has drained enough for it.
    silent.clock.time += 12_000;
    expect((await silent.route(600)).deployment).toBe(tokensA);
  });

  it('refunds the tokens of an attempt that failed before its answer', async () => {
    const tokensA: Deployment = { ...A, limits: { tpm: 1000 } };
    let failures = 1;
    const { route } = fleet(
      {
        [A.id]: () => {
          if (failures-- > 0) throw upstream(503);
          return ok();
        },
        [B.id]: () => ok(),
      },
      [tokensA, B],
    );
    expect((await route(900)).deployment).toBe(B);
    await new Promise((resolve) => setImmediate(resolve));
    // A's 900 tokens came back (else 900 + 900 > 1000 would send this one to B).
    expect((await route(900)).deployment).toBe(tokensA);
  });
});
