import { createRequire } from 'node:module';
import { matchModelPattern } from '@multi-ai-proxy/core';
import type { ModelPriceOverride } from './keys-settings.js';
import type { TokenUsage } from './token-usage.js';

/** USD per 1M tokens of one model. */
export interface ModelPrice {
  input: number;
  output: number;
  cachedInput: number;
  reasoning: number;
  /** `config` (the `prices` section) or `genai-prices` (@pydantic/genai-prices' bundled table). */
  source: 'config' | 'genai-prices';
}

export interface PriceTable {
  /** The price of the first of `models` that has one (config overrides first, exact then globs), else undefined. */
  lookup(models: readonly string[]): ModelPrice | undefined;
}

// @pydantic/genai-prices (a bundled catalog of every model, ~40 ms to evaluate) is required on the
// first lookup that the config's prices do not answer: never before listening, never in a gateway
// without keys that count cost. Its CommonJS build, loaded synchronously as the lookup is.
const require = createRequire(import.meta.url);
let library: typeof import('@pydantic/genai-prices') | undefined;
const calcPrice: typeof import('@pydantic/genai-prices').calcPrice = (...args) => {
  library ??= require('@pydantic/genai-prices') as typeof import('@pydantic/genai-prices');
  return library.calcPrice(...args);
};

// The library resolves a model by matching rules over its whole catalog (≈70 µs); one lookup per
// model name per hour keeps that off the request path. Bounded, since model names come from clients.
const CACHE_TTL_MS = 3_600_000;
const CACHE_MAX = 2_000;

/** Prices from the config's `prices` (exact names, then globs, in file order) over @pydantic/genai-prices. */
export function createPriceTable(
  overrides: ReadonlyMap<string, ModelPriceOverride>,
  clock: () => number = Date.now,
): PriceTable {
  const exact = new Map<string, ModelPrice>();
  const globs: Array<[string, ModelPrice]> = [];
  for (const [name, price] of overrides) {
    const resolved: ModelPrice = {
      input: price.input,
      output: price.output,
      cachedInput: price.cachedInput ?? price.input,
      reasoning: price.reasoning ?? price.output,
      source: 'config',
    };
    if (name.includes('*')) globs.push([name, resolved]);
    else exact.set(name.toLowerCase(), resolved);
  }
  const cache = new Map<string, { price: ModelPrice | undefined; until: number }>();
  const fromLibrary = (model: string): ModelPrice | undefined => {
    const now = clock();
    const hit = cache.get(model);
    if (hit !== undefined && hit.until > now) return hit.price;
    const price = lookUpLibrary(model, now);
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(model, { price, until: now + CACHE_TTL_MS });
    return price;
  };
  return {
    lookup(models) {
      for (const model of models) {
        const configured =
          exact.get(model.toLowerCase()) ??
          globs.find(([pattern]) => matchModelPattern(pattern, model))?.[1];
        if (configured !== undefined) return configured;
      }
      for (const model of models) {
        const found = fromLibrary(model);
        if (found !== undefined) return found;
      }
      return undefined;
    },
  };
}

/** Cost in micro-USD (integers, so counters add up exactly in Redis). */
export function costMicros(price: ModelPrice | undefined, usage: TokenUsage): number {
  if (price === undefined) return 0;
  const cached = Math.min(usage.cached, usage.prompt);
  const reasoning = Math.min(usage.reasoning, usage.completion);
  const perMillion =
    (usage.prompt - cached) * price.input +
    cached * price.cachedInput +
    (usage.completion - reasoning) * price.output +
    reasoning * price.reasoning;
  // USD per 1M tokens × tokens = micro-USD.
  return Math.ceil(perMillion);
}

function lookUpLibrary(model: string, now: number): ModelPrice | undefined {
  // Outside the try: a missing or broken catalog is an error to see, not "no price" for every model.
  library ??= require('@pydantic/genai-prices') as typeof import('@pydantic/genai-prices');
  let result: ReturnType<typeof calcPrice>;
  try {
    result = calcPrice({ input_tokens: 1_000_000, output_tokens: 1_000_000 }, model, {
      timestamp: new Date(now),
    });
  } catch {
    return undefined;
  }
  if (result === null) return undefined;
  const prices = result.model_price;
  const input = typeof prices.input_mtok === 'number' ? prices.input_mtok : result.input_price;
  const output = typeof prices.output_mtok === 'number' ? prices.output_mtok : result.output_price;
  const cachedInput = typeof prices.cache_read_mtok === 'number' ? prices.cache_read_mtok : input;
  return { input, output, cachedInput, reasoning: output, source: 'genai-prices' };
}
