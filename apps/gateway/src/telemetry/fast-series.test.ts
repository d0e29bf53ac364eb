import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { fastCounter, fastGauge, fastHistogram } from './fast-series.js';

/** The same three metrics in a registry of their own. */
function family() {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    counter: new Counter({ name: 'c_total', help: 'c', labelNames: ['b', 'a'], registers }),
    gauge: new Gauge({ name: 'g', help: 'g', labelNames: ['kind'], registers }),
    histogram: new Histogram({
      name: 'h_seconds',
      help: 'h',
      labelNames: ['z', 'm'],
      buckets: [0.01, 0.1, 1],
      registers,
    }),
  };
}

describe('fast label children', () => {
  it("produce exactly prom-client's own exposition (counters, gauges, histograms, edges and overflow)", async () => {
    const reference = family();
    const fast = family();
    const counterLabels = [
      { a: 'x', b: 'y' },
      { a: 'x', b: 'other' },
    ];
    for (const labels of counterLabels) {
      reference.counter.labels(labels).inc();
      reference.counter.labels(labels).inc(2.5);
      const child = fastCounter(fast.counter, labels);
      child.inc();
      child.inc(2.5);
    }
    reference.gauge.labels({ kind: 'chat' }).inc();
    reference.gauge.labels({ kind: 'chat' }).inc();
    reference.gauge.labels({ kind: 'chat' }).dec();
    reference.gauge.labels({ kind: 'cool' }).set(1);
    reference.gauge.labels({ kind: 'cool' }).set(0);
    const chat = fastGauge(fast.gauge, { kind: 'chat' });
    chat.inc();
    chat.inc();
    chat.dec();
    const cool = fastGauge(fast.gauge, { kind: 'cool' });
    cool.set(1);
    cool.set(0);
    const values = [0, 0.01, 0.010001, 0.1, 0.5, 1, 7, 0.003];
    for (const value of values) {
      reference.histogram.labels({ m: 'gpt', z: 'eu' }).observe(value);
      fastHistogram(fast.histogram, { m: 'gpt', z: 'eu' }).observe(value);
    }
    reference.histogram.labels({ m: 'gem', z: 'us' }).observe(0.2);
    fastHistogram(fast.histogram, { m: 'gem', z: 'us' }).observe(0.2);

    const text = await fast.registry.metrics();
    expect(text).toBe(await reference.registry.metrics());
    expect(text).toContain('h_seconds_bucket{le="0.01",m="gpt",z="eu"} 3');
    expect(text).toContain('h_seconds_count{m="gpt",z="eu"} 8');
    expect(await fast.registry.getMetricsAsJSON()).toEqual(
      await reference.registry.getMetricsAsJSON(),
    );
  });

  it('a child made before any observation adds no series until it is used', async () => {
    const fast = family();
    const unused = fastHistogram(fast.histogram, { m: 'gpt', z: 'eu' });
    fastCounter(fast.counter, { a: 'x', b: 'y' });
    expect(await fast.registry.metrics()).not.toMatch(/z="eu"|a="x"/);
    unused.observe(0.5);
    expect(await fast.registry.metrics()).toContain('h_seconds_count{m="gpt",z="eu"} 1');
  });
});
