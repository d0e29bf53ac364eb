import { describe, expect, it } from 'vitest';
import { budgetPeriodAt } from './budget-period.js';

const at = (iso: string) => Date.parse(iso);

describe('budgetPeriodAt (UTC calendar)', () => {
  it('a day runs from 00:00 UTC to the next 00:00 UTC', () => {
    expect(budgetPeriodAt('day', at('2026-03-01T23:59:59.999Z'))).toEqual({
      id: '2026-03-01',
      startMs: at('2026-03-01T00:00:00Z'),
      endMs: at('2026-03-02T00:00:00Z'),
    });
    expect(budgetPeriodAt('day', at('2026-03-02T00:00:00.000Z')).id).toBe('2026-03-02');
  });

  it('a week starts on Monday, across a month and a year boundary', () => {
    // 2026-01-01 is a Thursday: its week began on Monday 2025-12-29.
    expect(budgetPeriodAt('week', at('2026-01-01T12:00:00Z'))).toEqual({
      id: 'w2025-12-29',
      startMs: at('2025-12-29T00:00:00Z'),
      endMs: at('2026-01-05T00:00:00Z'),
    });
    expect(budgetPeriodAt('week', at('2026-01-04T23:59:59.999Z')).id).toBe('w2025-12-29');
    expect(budgetPeriodAt('week', at('2026-01-05T00:00:00Z')).id).toBe('w2026-01-05');
  });

  it('a month ends at the first of the next, February and December included', () => {
    expect(budgetPeriodAt('month', at('2028-02-29T23:59:59.999Z'))).toEqual({
      id: '2028-02',
      startMs: at('2028-02-01T00:00:00Z'),
      endMs: at('2028-03-01T00:00:00Z'),
    });
    expect(budgetPeriodAt('month', at('2026-12-31T23:00:00Z')).endMs).toBe(
      at('2027-01-01T00:00:00Z'),
    );
  });

  it('total never ends', () => {
    expect(budgetPeriodAt('total', at('2026-05-05T00:00:00Z'))).toEqual({
      id: 'total',
      startMs: 0,
      endMs: Number.POSITIVE_INFINITY,
    });
  });
});
