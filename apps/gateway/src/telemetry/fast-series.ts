import type { Counter, Gauge, Histogram } from 'prom-client';

// prom-client's label children (`metric.labels(...)`) rebuild the series key from the label object on
// every inc/observe (a string of every `name:value,` pair), validate the labels again and allocate a
// value/label pair; with a dozen series touched per request that was most of the metrics' CPU cost.
// These children work out the key once and update prom-client's own series record in place, so the
// registry, its text format and the cluster aggregation stay prom-client's. They rely on the record
// layout of prom-client 15 (`hashMap`, `sortedLabelNames`, `upperBounds`, `bucketValues`), pinned in
// package.json; fast-series.test.ts compares their exposition with prom-client's own children.

type Labels = Record<string, string>;

interface ValueRecord {
  value: number;
  labels: Labels;
}
interface HistogramRecord {
  labels: Labels;
  bucketValues: Record<string, number>;
  sum: number;
  count: number;
}
interface MetricInternals<R> {
  hashMap: Record<string, R>;
  sortedLabelNames: readonly string[];
}
interface HistogramInternals extends MetricInternals<HistogramRecord> {
  upperBounds: readonly number[];
  bucketValues: Readonly<Record<string, number>>;
}

/** prom-client's series key (its `hashObject` over the sorted label names). */
function seriesKey(sortedLabelNames: readonly string[], labels: Labels): string {
  let key = '';
  for (const name of sortedLabelNames) {
    const value = labels[name];
    if (value !== undefined) key += `${name}:${value},`;
  }
  return key;
}

export interface FastCounter {
  inc(value?: number): void;
}

export function fastCounter(counter: Counter<string>, labels: Labels): FastCounter {
  const metric = counter as unknown as MetricInternals<ValueRecord>;
  const key = seriesKey(metric.sortedLabelNames, labels);
  return {
    inc(value = 1) {
      const record = metric.hashMap[key];
      if (record !== undefined) record.value += value;
      else metric.hashMap[key] = { value, labels };
    },
  };
}

export interface FastGauge extends FastCounter {
  dec(): void;
  set(value: number): void;
}

export function fastGauge(gauge: Gauge<string>, labels: Labels): FastGauge {
  const metric = gauge as unknown as MetricInternals<ValueRecord>;
  const key = seriesKey(metric.sortedLabelNames, labels);
  const add = (delta: number) => {
    const record = metric.hashMap[key];
    if (record !== undefined) record.value += delta;
    else metric.hashMap[key] = { value: delta, labels };
  };
  return {
    inc: (value = 1) => add(value),
    dec: () => add(-1),
    set(value) {
      metric.hashMap[key] = { value, labels };
    },
  };
}

export interface FastHistogram {
  observe(value: number): void;
}

export function fastHistogram(histogram: Histogram<string>, labels: Labels): FastHistogram {
  const metric = histogram as unknown as HistogramInternals;
  const key = seriesKey(metric.sortedLabelNames, labels);
  const bounds = metric.upperBounds;
  // The bucket record is keyed by the bound as a string: convert once, not per observation.
  const bucketKeys = bounds.map(String);
  return {
    observe(value) {
      let record = metric.hashMap[key];
      if (record === undefined) {
        record = { labels, bucketValues: { ...metric.bucketValues }, sum: 0, count: 0 };
        metric.hashMap[key] = record;
      }
      record.sum += value;
      record.count += 1;
      for (let index = 0; index < bounds.length; index++) {
        if (value <= (bounds[index] as number)) {
          (record.bucketValues[bucketKeys[index] as string] as number) += 1;
          return;
        }
      }
    },
  };
}
