import { randomUUID } from 'node:crypto';
import { budgetPeriodAt } from './budget-period.js';
import { estimateRequestTokens, type TokenEstimate } from './estimate-request-tokens.js';
import type { FailOverKeyStateStore } from './fail-over-key-state-store.js';
import { gcraCostMs } from './gcra.js';
import type { GatewayKey } from './key-directory.js';
import {
  budgetExhaustedError,
  estimateExceedsCapacityError,
  rateLimitError,
} from './key-limit-errors.js';
import type { AdmitResult, KeyStateStore } from './key-state-store.js';
import type { BudgetPeriod, KeyConfig } from './keys-settings.js';
import { costMicros, type ModelPrice, type PriceTable } from './price-table.js';
import { rateLimitHeaders, retryAfterHeaders } from './rate-limit-headers.js';
import type { TokenUsage } from './token-usage.js';

export const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
// Counters stay readable for a while after their period ends (the admin routes show the last one too).
const RETENTION_MS = 35 * DAY_MS;
const TOTAL_RETENTION_MS = 400 * DAY_MS;

/** A key's usage period: its budget's, else the calendar month. */
export function usagePeriodOf(config: KeyConfig): BudgetPeriod {
  return config.budget?.period ?? 'month';
}

export interface AdmissionRequest {
  key: GatewayKey;
  body: Record<string, unknown>;
  bodyBytes: number;
  /** Chat and completions produce completion tokens; embeddings do not. */
  producesCompletion: boolean;
  /** Names to price the request by, best first (routed public model, upstream model). */
  priceModels: readonly string[];
}

export interface KeyAdmissionOptions {
  /** A lease's deadline after admission: a gateway killed mid-request frees its slots when it passes. */
  leaseMs: number;
  clock?: () => number;
}

/**
 * Admission of a request against its key's limits, before the upstream call: every bucket is checked
 * and reserved at once by the store (RPM = 1 request, TPM = the token estimate, a parallel lease, the
 * estimated cost against the budget). The ticket settles the real usage afterwards, once.
 */
export class KeyAdmission {
  private readonly clock: () => number;

  constructor(
    private readonly store: FailOverKeyStateStore,
    private readonly prices: PriceTable,
    private readonly options: KeyAdmissionOptions,
  ) {
    this.clock = options.clock ?? Date.now;
  }

  async admit(request: AdmissionRequest): Promise<AdmissionTicket> {
    const config = request.key.config as KeyConfig;
    const estimate = estimateRequestTokens(
      request.body,
      request.bodyBytes,
      request.producesCompletion,
    );
    const estimateTokens = estimate.prompt + estimate.completion;
    if (config.tpm !== undefined && estimateTokens > config.tpm)
      throw estimateExceedsCapacityError(config.id, estimateTokens, config.tpm);
    const price = this.prices.lookup(request.priceModels);
    const estimateMicros = costMicros(price, {
      prompt: estimate.prompt,
      completion: estimate.completion,
      cached: 0,
      reasoning: 0,
    });
    const now = this.clock();
    const period = budgetPeriodAt(usagePeriodOf(config), now);
    const expireAtMs = Number.isFinite(period.endMs)
      ? period.endMs + RETENTION_MS
      : now + TOTAL_RETENTION_MS;
    const requests =
      config.rpm === undefined ? undefined : { limit: config.rpm, periodMs: MINUTE_MS };
    const tokens =
      config.tpm === undefined ? undefined : { limit: config.tpm, periodMs: MINUTE_MS };
    const tokensCostMs = tokens === undefined ? 0 : gcraCostMs(tokens, estimateTokens);
    const leaseId = config.maxParallel === undefined ? undefined : randomUUID();
    const { result, store } = await this.store.admit({
      keyId: config.id,
      requests:
        requests === undefined ? undefined : { ...requests, costMs: gcraCostMs(requests, 1) },
      tokens: tokens === undefined ? undefined : { ...tokens, costMs: tokensCostMs },
      lease:
        leaseId === undefined
          ? undefined
          : { max: config.maxParallel as number, id: leaseId, leaseMs: this.options.leaseMs },
      usage: {
        periodId: period.id,
        expireAtMs,
        estimateMicros,
        budgetMicros:
          config.budget === undefined ? undefined : Math.round(config.budget.usd * 1_000_000),
      },
    });
    const headers = rateLimitHeaders(
      requests && { limit: requests.limit, state: result.requests },
      tokens && { limit: tokens.limit, state: result.tokens },
    );
    if (!result.allowed)
      throw this.refusalError(
        config,
        result,
        headers,
        period.endMs,
        estimateTokens,
        estimateMicros,
      );
    return new AdmissionTicket(this.store, store, {
      keyId: config.id,
      headers,
      estimate,
      estimateMicros,
      tokensCostMs,
      tokensBucket: tokens,
      leaseId,
      price,
      priceModel: request.priceModels[0] ?? '',
      periodId: period.id,
      expireAtMs,
    });
  }

  private refusalError(
    config: KeyConfig,
    result: Extract<AdmitResult, { allowed: false }>,
    headers: Record<string, string>,
    periodEndMs: number,
    estimateTokens: number,
    estimateMicros: number,
  ) {
    if (result.refusal === 'budget') {
      const budget = config.budget as NonNullable<KeyConfig['budget']>;
      // A `total` budget never resets; a day is what a client is told to wait before asking again.
      const wait = Number.isFinite(periodEndMs) ? periodEndMs - result.nowMs : DAY_MS;
      return budgetExhaustedError(
        config.id,
        `$${budget.usd} per ${budget.period === 'total' ? 'lifetime' : budget.period} (UTC), and this request is estimated at $${(estimateMicros / 1e6).toFixed(6)}`,
        { ...headers, ...retryAfterHeaders(wait) },
      );
    }
    const detail =
      result.refusal === 'parallel'
        ? `limit ${config.maxParallel} requests in flight`
        : result.refusal === 'requests'
          ? `limit ${config.rpm}, try again in ${Math.ceil(result.retryAfterMs)} ms`
          : `limit ${config.tpm}, requested ${estimateTokens} (estimate), try again in ${Math.ceil(result.retryAfterMs)} ms`;
    return rateLimitError(config.id, result.refusal, detail, {
      ...headers,
      ...retryAfterHeaders(result.retryAfterMs),
    });
  }
}

interface TicketTerms {
  keyId: string;
  headers: Record<string, string>;
  estimate: TokenEstimate;
  estimateMicros: number;
  tokensCostMs: number;
  tokensBucket: { limit: number; periodMs: number } | undefined;
  leaseId: string | undefined;
  price: ModelPrice | undefined;
  priceModel: string;
  periodId: string;
  expireAtMs: number;
}

/**
 * One admitted request. Settling (once, whatever happens) replaces the reservation with what was
 * used: the usage the answer reported; nothing when it failed before answering; the estimate when
 * an answer began but reported no usage (a client abort, an upstream that sends none).
 */
export class AdmissionTicket {
  usage: TokenUsage | undefined;
  failed = false;
  private settled: Promise<void> | undefined;

  constructor(
    private readonly stores: FailOverKeyStateStore,
    private readonly store: KeyStateStore,
    readonly terms: TicketTerms,
  ) {}

  get keyId(): string {
    return this.terms.keyId;
  }

  /** The x-ratelimit-* headers of the admission, for the answer. */
  get headers(): Record<string, string> {
    return this.terms.headers;
  }

  recordUsage(usage: TokenUsage): void {
    this.usage = usage;
  }

  /** Cost of the request in USD as settled (the estimate until usage is known). */
  get costUsd(): number {
    return this.actualMicros() / 1e6;
  }

  settle(): Promise<void> {
    this.settled ??= this.stores.settle(this.store, this.settlement());
    return this.settled;
  }

  private actualMicros(): number {
    if (this.usage !== undefined) return costMicros(this.terms.price, this.usage);
    return this.failed ? 0 : this.terms.estimateMicros;
  }

  private settlement() {
    const { terms, usage } = this;
    const actualTokens =
      usage !== undefined
        ? usage.prompt + usage.completion
        : this.failed
          ? 0
          : terms.estimate.prompt + terms.estimate.completion;
    const tokensDeltaMs =
      terms.tokensBucket === undefined
        ? undefined
        : gcraCostMs(terms.tokensBucket, actualTokens) - terms.tokensCostMs;
    const unpriced =
      usage !== undefined && terms.price === undefined && usage.prompt + usage.completion > 0
        ? terms.priceModel
        : undefined;
    return {
      keyId: terms.keyId,
      tokensDeltaMs,
      leaseId: terms.leaseId,
      usage: {
        periodId: terms.periodId,
        expireAtMs: terms.expireAtMs,
        prompt: usage?.prompt ?? 0,
        completion: usage?.completion ?? 0,
        cached: usage?.cached ?? 0,
        reasoning: usage?.reasoning ?? 0,
        costDeltaMicros: this.actualMicros() - terms.estimateMicros,
        unpricedModel: unpriced,
      },
    };
  }
}
