import { PassThrough, type Readable } from 'node:stream';
import { GatewayError, type OperationResultV1, toOpenAIErrorBody } from '@multi-ai-proxy/core';
import { formatSseData } from '@multi-ai-proxy/core/provider-utils';
import { type AttemptFailure, classifyAttemptFailure } from './classify-attempt-failure.js';
import type { DeploymentLoad } from './deployment-load.js';
import { observeUsage } from '../keys/observe-usage.js';
import { completeUsage, type UsagePart } from '../keys/token-usage.js';
import type {
  BreakerPolicy,
  Cooling,
  DeploymentStateStore,
  LimitClaim,
} from './deployment-state-store.js';
import { limitClaimOf, tokensCostMs } from './limit-claim-of.js';
import type { AttemptPlan, Deployment } from './plan-attempts.js';
import { FirstEventError, SSE_ERROR_EVENT_MARKERS, reachFirstByte } from './reach-first-byte.js';
import type { RouterClock } from './router-clock.js';

/** One upstream attempt of a routed request, for the access log. */
export interface AttemptRecord {
  target: string;
  status: number;
  reason?: AttemptFailure['reason'];
}

export interface RouterRun<J, C> {
  /** The public model name, named in the gateway's own 429/503. */
  group: string;
  plan: AttemptPlan;
  store: DeploymentStateStore;
  load: DeploymentLoad;
  clock: RouterClock;
  policy: BreakerPolicy;
  /** How long a key refused by a deployment (401/403) keeps it out. */
  authCooldownMs: number;
  firstByteTimeoutMs: number;
  deadlineMs: number;
  /** This request's token estimate (keys/estimate-request-tokens.ts), claimed on a deployment's own tpm. */
  estimateTokens?: number;
  /** The client's signal: its disconnect ends the run, never retried. */
  signal: AbortSignal;
  /** Sends one attempt to `deployment`; `signal` aborts it (the client left, or its first byte is late). */
  attempt(deployment: Deployment, signal: AbortSignal): Promise<OperationResultV1<J, C>>;
  /** An attempt failed before the commit point (the caller ends its telemetry). */
  onFailure?(deployment: Deployment, failure: AttemptFailure): void;
  /** The next attempt goes to the same deployment again (`retry`) or to another one. */
  onMove?(from: Deployment, kind: 'retry' | 'fallback', reason: string): void;
  /**
   * The last event of a passed-through event stream that failed after the commit point, in the
   * client's API (default: an OpenAI error event; /v1/messages: Anthropic's `error` event).
   */
  streamFailureEvent?(error: GatewayError): string;
}

export interface RoutedResult<J, C> {
  result: OperationResultV1<J, C>;
  deployment: Deployment;
  attempts: AttemptRecord[];
}

/**
 * The router's own timer fired before the upstream's first byte (firstByteTimeoutMs, or what was
 * left of deadlineMs): a 504 when it is the request's last word.
 */
export class FirstByteTimeoutError extends GatewayError {
  constructor(ms: number) {
    super({
      status: 504,
      type: 'api_error',
      code: 'upstream_timeout',
      message: `No first byte from the upstream within ${ms} ms.`,
      expose: true,
    });
    this.name = 'FirstByteTimeoutError';
  }
}

/**
 * The attempt loop of one routed request. Until the commit point (the first upstream body byte or
 * event) nothing reaches the client and a failure moves to the plan's next step; after it the
 * answer is the client's, never retried or replayed, and how it ends is reported to the breaker.
 * When every deployment is cooling, waits for the earliest reopening if it fits the deadline, else
 * answers 429 (all rate limited) or 503 with `retry-after` set to that reopening. A deployment whose
 * own tpm/rpm this request would exceed counts as rate limited until its bucket has room: the
 * request goes elsewhere, or waits for it like for a cooldown.
 */
export async function runWithRouter<J, C>(run: RouterRun<J, C>): Promise<RoutedResult<J, C>> {
  const { plan, store, clock } = run;
  const attempts: AttemptRecord[] = [];
  const deadlineAt = clock.now() + run.deadlineMs;
  let lastError: unknown;
  let previous: Deployment | undefined;
  // This request's view of deployments over their own tpm/rpm: until when each is full.
  const limited = new Map<string, Cooling>();
  // Each turn either sends or ends; a lost race for a half-open probe re-plans, bounded.
  for (let turn = 0; turn < 4 * (plan.ids.length + run.plan.sent + 8); turn += 1) {
    const now = clock.now();
    // The deadline is one budget for every attempt: none starts once it is spent.
    if (now >= deadlineAt && lastError !== undefined)
      throw exhaustedError(
        run.group,
        { reopensAtMs: undefined, allRateLimited: false },
        lastError,
        now,
      );
    // The memory store (and the Redis store's memo) answer synchronously: no await, no microtask.
    const read = store.cooling(plan.ids);
    const cooling = withLimited(read instanceof Map ? read : await read, limited, now);
    const step = plan.next(now, deadlineAt, cooling);
    if (step.kind === 'exhausted') throw exhaustedError(run.group, step, lastError, now);
    if (step.waitMs > 0) await clock.sleep(step.waitMs, run.signal);
    const deployment = step.deployment;
    const claim = limitClaimOf(deployment, run.estimateTokens ?? 0);
    if (claim !== undefined) {
      const reserved = store.reserve(deployment.id, claim);
      const fullForMs = typeof reserved === 'number' ? reserved : await reserved;
      if (fullForMs > 0) {
        limited.set(deployment.id, { untilMs: clock.now() + fullForMs, reason: 'rate_limited' });
        continue;
      }
    }
    const admission = store.admit(deployment.id);
    const refused = admission instanceof Promise ? await admission : admission;
    if (refused !== undefined) {
      if (claim !== undefined)
        adjustQuietly(store, deployment.id, {
          requestsMs: -(claim.requests?.costMs ?? 0),
          tokensMs: -(claim.tokens?.costMs ?? 0),
        });
      continue;
    }
    if (previous !== undefined)
      run.onMove?.(
        previous,
        step.retry ? 'retry' : 'fallback',
        attempts.at(-1)?.reason ?? 'unknown',
      );
    previous = deployment;
    plan.markSent(deployment.id);
    const spare = plan.ids.some((id) => id !== deployment.id && !cooling.has(id));
    const sentAt = clock.now();
    const release = run.load.start(deployment.id);
    let result: OperationResultV1<J, C>;
    try {
      result = await withinFirstByte(
        run,
        deployment,
        Math.min(run.firstByteTimeoutMs, deadlineAt - sentAt),
      );
    } catch (thrown) {
      release();
      // No answer, no tokens spent (the request itself stays counted against the rpm).
      if (claim?.tokens !== undefined)
        adjustQuietly(store, deployment.id, { tokensMs: -claim.tokens.costMs });
      const firstEvent = thrown instanceof FirstEventError;
      const error = firstEvent ? thrown.error : thrown;
      const failure = classifyAttemptFailure(error, {
        aborted: run.signal.aborted,
        nowMs: clock.now(),
        firstEvent,
      });
      attempts.push({ target: deployment.id, status: failure.status, reason: failure.reason });
      run.onFailure?.(deployment, failure);
      if (failure.action === 'final') throw error;
      lastError = error;
      plan.failed(
        deployment.id,
        clock.now(),
        failure.retryAfterMs,
        failure.action === 'rate_limited',
      );
      if (failure.action === 'rate_limited')
        await store.cool(deployment.id, failure.retryAfterMs ?? run.policy.baseMs, 'rate_limited');
      else if (failure.action === 'auth')
        await store.cool(deployment.id, run.authCooldownMs, 'auth');
      else await store.failed(deployment.id, run.policy, spare);
      continue;
    }
    run.load.observe(deployment.id, clock.now() - sentAt);
    attempts.push({
      target: deployment.id,
      status:
        result.kind === 'raw'
          ? result.status
          : ((result.kind === 'json' ? result.status : undefined) ?? 200),
    });
    return {
      result: settleAfterCommit(
        run,
        deployment,
        claim?.tokens === undefined ? result : withUsageSettled(run, deployment, claim, result),
        release,
        spare,
      ),
      deployment,
      attempts,
    };
  }
  throw exhaustedError(
    run.group,
    { reopensAtMs: undefined, allRateLimited: false },
    lastError,
    clock.now(),
  );
}

/** The store's cooling with this request's full deployments added (those whose bucket has room again dropped). */
function withLimited(
  cooling: Map<string, Cooling>,
  limited: Map<string, Cooling>,
  now: number,
): Map<string, Cooling> {
  if (limited.size === 0) return cooling;
  const merged = new Map(cooling);
  for (const [id, full] of limited) {
    if (full.untilMs <= now) limited.delete(id);
    else if (!merged.has(id)) merged.set(id, full);
  }
  return merged;
}

/**
 * The answer with its usage read on the way out (keys/observe-usage.ts): the tpm reservation is
 * corrected from the estimate to the real tokens as soon as they are reported. An answer that
 * reports none (a stream without `stream_options.include_usage`) keeps the estimate.
 */
function withUsageSettled<J, C>(
  run: RouterRun<J, C>,
  deployment: Deployment,
  claim: LimitClaim,
  result: OperationResultV1<J, C>,
): OperationResultV1<J, C> {
  const tpm = deployment.limits?.tpm as number;
  const reservedMs = claim.tokens?.costMs ?? 0;
  // A stream reports its usage in parts (running totals): the adjustment waits for the body's end.
  let reported: UsagePart | undefined;
  let settled = false;
  const sink = {
    recordUsage(usage: UsagePart) {
      reported = { ...reported, ...usage };
    },
    end() {
      if (settled || reported === undefined) return;
      settled = true;
      const usage = completeUsage(reported);
      const deltaMs = tokensCostMs(tpm, usage.prompt + usage.completion) - reservedMs;
      if (deltaMs !== 0) adjustQuietly(run.store, deployment.id, { tokensMs: deltaMs });
    },
  };
  return observeUsage(
    result as OperationResultV1<unknown, unknown>,
    sink,
    false,
  ) as OperationResultV1<J, C>;
}

/** A store write nobody waits for: a failed one is the error policy's business, never the answer's. */
function quietly(write: Promise<void> | void): void {
  if (write instanceof Promise) write.catch(() => {});
}

/** A correction of a deployment's buckets; a failed one only leaves the estimate standing. */
function adjustQuietly(
  store: DeploymentStateStore,
  id: string,
  adjustment: Parameters<DeploymentStateStore['adjust']>[1],
): void {
  void Promise.resolve()
    .then(() => store.adjust(id, adjustment))
    .catch(() => {});
}

/**
 * The attempt up to its commit point, aborted when the first byte is later than `timeoutMs`. On
 * the hot path of every routed request: one controller linked to the client's signal by a listener
 * (AbortSignal.any costs more), one timer, and the timeout error made only when it fires.
 */
function withinFirstByte<J, C>(
  run: RouterRun<J, C>,
  deployment: Deployment,
  timeoutMs: number,
): Promise<OperationResultV1<J, C>> {
  const controller = new AbortController();
  const client = run.signal;
  const onClientAbort = () => controller.abort(client.reason);
  if (client.aborted) onClientAbort();
  else client.addEventListener('abort', onClientAbort, { once: true });
  let timeout: FirstByteTimeoutError | undefined;
  return new Promise<OperationResultV1<J, C>>((resolve, reject) => {
    // A provider that ignores the abort still loses the race.
    const cancel = run.clock.timer(Math.max(0, timeoutMs), () => {
      timeout = new FirstByteTimeoutError(Math.max(0, Math.round(timeoutMs)));
      controller.abort(timeout);
      reject(timeout);
    });
    const done = () => {
      cancel();
      client.removeEventListener('abort', onClientAbort);
    };
    run
      .attempt(deployment, controller.signal)
      .then((result) => reachFirstByte(result, deployment.id.slice(0, deployment.id.indexOf('/'))))
      .then(
        (result) => {
          done();
          resolve(result);
        },
        (error: unknown) => {
          done();
          // A provider that saw our abort reports it as its own error: the cause is the late first byte.
          reject(timeout !== undefined && !client.aborted ? timeout : error);
        },
      );
  });
}

/** After the commit point: the end of the answer is a success or a breaker failure, and frees the in-flight slot. */
function settleAfterCommit<J, C>(
  run: RouterRun<J, C>,
  deployment: Deployment,
  result: OperationResultV1<J, C>,
  release: () => void,
  spare: boolean,
): OperationResultV1<J, C> {
  const succeeded = () => {
    release();
    quietly(run.store.succeeded(deployment.id));
  };
  const failed = () => {
    release();
    if (run.signal.aborted) return;
    quietly(run.store.failed(deployment.id, run.policy, spare));
  };
  if (result.kind === 'json') {
    succeeded();
    return result;
  }
  if (result.kind === 'chunks')
    return { ...result, chunks: watched(result.chunks, succeeded, failed) };
  const body = result.body;
  if (typeof (body as Readable).pipe !== 'function') {
    succeeded();
    return result;
  }
  const stream = body as Readable;
  const contentType = Object.entries(result.headers).find(
    ([name]) => name.toLowerCase() === 'content-type',
  )?.[1];
  const eventStream = /^text\/event-stream/i.test(String(contentType ?? ''));
  // An upstream may report a failure inside a stream that then ends normally (Claude's
  // `event: error` with overloaded_error, OpenAI's `data: {"error":…}`): that counts as a failure.
  let reportedError = false;
  if (eventStream)
    stream.on('data', (chunk: Buffer | string) => {
      if (!reportedError && SSE_ERROR_EVENT_MARKERS.some((marker) => chunk.indexOf(marker) >= 0))
        reportedError = true;
    });
  stream.once('end', () => (reportedError ? failed() : succeeded()));
  stream.once('error', failed);
  stream.once('close', release);
  return eventStream
    ? { ...result, body: endingWithErrorEvent(stream, run.streamFailureEvent ?? openAIErrorEvent) }
    : result;
}

const openAIErrorEvent = (error: GatewayError) => formatSseData(toOpenAIErrorBody(error));

/**
 * An upstream event stream piped as it is, except that a failure after the commit point (a reset, a
 * stall the transport gave up on) ends it with an error event instead of a cut connection, so the
 * client knows the answer is incomplete (no `[DONE]` or `message_stop` follows).
 */
function endingWithErrorEvent(
  upstream: Readable,
  errorEvent: (error: GatewayError) => string,
): Readable {
  const out = new PassThrough();
  upstream.pipe(out, { end: false });
  upstream.once('end', () => out.end());
  upstream.once('error', () => {
    const error = new GatewayError({
      status: 502,
      type: 'api_error',
      code: 'upstream_stream_failed',
      message: 'The upstream stream failed after it started; the answer is incomplete.',
      expose: true,
    });
    out.end(errorEvent(error));
  });
  // The client left: stop reading the upstream.
  out.once('close', () => {
    if (!upstream.readableEnded) upstream.destroy();
  });
  return out;
}

async function* watched<C>(
  chunks: AsyncIterable<C>,
  succeeded: () => void,
  failed: () => void,
): AsyncGenerator<C> {
  let ended = false;
  try {
    for await (const chunk of chunks) yield chunk;
    ended = true;
    succeeded();
  } catch (error) {
    ended = true;
    failed();
    throw error;
  } finally {
    // The reader stopped early (the client left): not the deployment's fault.
    if (!ended) succeeded();
  }
}

function exhaustedError(
  group: string,
  step: { reopensAtMs: number | undefined; allRateLimited: boolean; allCooling?: boolean },
  lastError: unknown,
  now: number,
): unknown {
  const retryAfterMs = Math.max(1000, (step.reopensAtMs ?? now) - now);
  const retryAfter = {
    'retry-after': String(Math.ceil(retryAfterMs / 1000)),
    'retry-after-ms': String(Math.ceil(retryAfterMs)),
  };
  if (lastError !== undefined && step.allCooling !== true) {
    // The gateway never answers a 429 without Retry-After.
    if (
      GatewayError.isInstance(lastError) &&
      lastError.status === 429 &&
      lastError.headers['retry-after'] === undefined
    )
      Object.assign(lastError.headers, retryAfter);
    return lastError;
  }
  return step.allRateLimited
    ? new GatewayError({
        status: 429,
        type: 'rate_limit_error',
        code: 'all_deployments_rate_limited',
        message: `Every deployment of "${group}" is rate limited; retry after ${retryAfter['retry-after']} s.`,
        headers: retryAfter,
        expose: true,
      })
    : new GatewayError({
        status: 503,
        type: 'api_error',
        code: 'all_deployments_unavailable',
        message: `Every deployment of "${group}" is cooling down after failures; retry after ${retryAfter['retry-after']} s.`,
        headers: retryAfter,
        expose: true,
      });
}
