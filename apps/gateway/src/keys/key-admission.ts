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
import { completeUsage, type TokenUsage, type UsagePart } from './token-usage.js';

export const MINUTE_MS = 60_000;
/**
 * A lease's deadline after admission or its last renewal: a gateway killed mid-request frees its
 * slots this long after it last renewed them. An open request renews its lease every third of it,
 * so two renewals may fail (Redis away for a moment) before the slot lapses.
 */
export const LEASE_MS = 60_000;
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
  /**
   * What an answer that reported no usage is charged: `estimate` (model operations: a client abort,
   * an upstream that sends none) or `request` (passthrough: files, audio, anything without a usage
   * report counts as a request with no tokens).
   */
  withoutUsage?: 'estimate' | 'request';
}

export interface KeyAdmissionOptions {
  /** A lease's deadline after admission or renewal (LEASE_MS). */
  leaseMs?: number;
  /** How often an open request renews its lease (a third of the lease). */
  renewEveryMs?: number;
  clock?: () => number;
}

/**
 * Admission of a request against its key's limits, before the upstream call: every bucket is checked
 * and reserved at once by the store (RPM = 1 request, TPM = the token estimate, a parallel lease, the
 * estimated cost against the budget). The ticket settles the real usage afterwards, once.
 */
export class KeyAdmission {
  private readonly clock: () => number;
  private readonly leaseMs: number;
  private readonly renewEveryMs: number;

  constructor(
    private readonly store: FailOverKeyStateStore,
    private readonly prices: PriceTable,
    options: KeyAdmissionOptions = {},
  ) {
    this.clock = options.clock ?? Date.now;
    this.leaseMs = options.leaseMs ?? LEASE_MS;
    this.renewEveryMs = options.renewEveryMs ?? Math.floor(this.leaseMs / 3);
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
          : { max: config.maxParallel as number, id: leaseId, leaseMs: this.leaseMs },
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
    const ticket = new AdmissionTicket(this.store, store, this.prices, {
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
      chargeEstimateWithoutUsage: (request.withoutUsage ?? 'estimate') === 'estimate',
    });
    if (leaseId !== undefined) ticket.renewLeaseEvery(this.renewEveryMs, this.leaseMs);
    return ticket;
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
  chargeEstimateWithoutUsage: boolean;
}

/**
 * One admitted request. Settling (once, whatever happens) replaces the reservation with what was
 * used: the usage the answer reported; nothing when it failed before answering; when an answer
 * began but reported no usage, the estimate (model operations) or the request alone (passthrough).
 * While the request is open its lease is renewed, so a stream of any length keeps its slot.
 */
export class AdmissionTicket {
  private reported: UsagePart | undefined;
  failed = false;
  private settled: Promise<void> | undefined;
  private renewal: NodeJS.Timeout | undefined;
  private price: ModelPrice | undefined;
  private priceModel: string;

  constructor(
    private readonly stores: FailOverKeyStateStore,
    private readonly store: KeyStateStore,
    private readonly prices: PriceTable,
    readonly terms: TicketTerms,
  ) {
    this.price = terms.price;
    this.priceModel = terms.priceModel;
  }

  get keyId(): string {
    return this.terms.keyId;
  }

  /** The x-ratelimit-* headers of the admission, for the answer. */
  get headers(): Record<string, string> {
    return this.terms.headers;
  }

  /** The usage as reported so far (a stream's events may each report some fields), undefined before any. */
  get usage(): TokenUsage | undefined {
    return this.reported === undefined ? undefined : completeUsage(this.reported);
  }

  /** Adds a usage report: a field reported again replaces the earlier value (streams report running totals). */
  recordUsage(usage: UsagePart): void {
    this.reported = { ...this.reported, ...usage };
  }

  /** Prices the answer by the deployment that gave it (a model group's answering attempt). */
  priceAs(models: readonly string[]): void {
    const price = this.prices.lookup(models);
    if (price === undefined) return;
    this.price = price;
    this.priceModel = models[0] ?? this.priceModel;
  }

  /** Cost of the request in USD as settled (the estimate until usage is known). */
  get costUsd(): number {
    return this.actualMicros() / 1e6;
  }

  /** Keeps the lease alive while the request is open; stopped by `settle`. */
  renewLeaseEvery(everyMs: number, leaseMs: number): void {
    const leaseId = this.terms.leaseId;
    if (leaseId === undefined || this.settled !== undefined) return;
    this.renewal = setInterval(
      () => void this.stores.renewLease(this.store, this.terms.keyId, leaseId, leaseMs),
      everyMs,
    );
    // An open lease must not keep a stopping process alive.
    this.renewal.unref();
  }

  settle(): Promise<void> {
    if (this.renewal !== undefined) {
      clearInterval(this.renewal);
      this.renewal = undefined;
    }
    this.settled ??= this.stores.settle(this.store, this.settlement());
    return this.settled;
  }

  private actualMicros(): number {
    const usage = this.usage;
    if (usage !== undefined) return costMicros(this.price, usage);
    return this.failed || !this.terms.chargeEstimateWithoutUsage ? 0 : this.terms.estimateMicros;
  }

  private settlement() {
    const { terms } = this;
    const usage = this.usage;
    const actualTokens =
      usage !== undefined
        ? usage.prompt + usage.completion
        : this.failed || !terms.chargeEstimateWithoutUsage
          ? 0
          : terms.estimate.prompt + terms.estimate.completion;
    const tokensDeltaMs =
      terms.tokensBucket === undefined
        ? undefined
        : gcraCostMs(terms.tokensBucket, actualTokens) - terms.tokensCostMs;
    const unpriced =
      usage !== undefined && this.price === undefined && usage.prompt + usage.completion > 0
        ? this.priceModel
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
