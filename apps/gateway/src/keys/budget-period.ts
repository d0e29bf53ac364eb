import type { BudgetPeriod } from './keys-settings.js';

export interface PeriodWindow {
  /** Names the period in counter keys: `2026-03-01` (day), `w2026-03-02` (week from Monday), `2026-03` (month), `total`. */
  id: string;
  startMs: number;
  /** Start of the next period (ms since epoch); Infinity for `total`. */
  endMs: number;
}

const DAY_MS = 86_400_000;

/** The UTC calendar period that contains `nowMs`. Weeks start on Monday (ISO 8601). */
export function budgetPeriodAt(period: BudgetPeriod, nowMs: number): PeriodWindow {
  const now = new Date(nowMs);
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  const dayStart = Date.UTC(year, month, now.getUTCDate());
  if (period === 'day')
    return { id: isoDate(dayStart), startMs: dayStart, endMs: dayStart + DAY_MS };
  if (period === 'week') {
    const sinceMonday = (now.getUTCDay() + 6) % 7;
    const start = dayStart - sinceMonday * DAY_MS;
    return { id: `w${isoDate(start)}`, startMs: start, endMs: start + 7 * DAY_MS };
  }
  if (period === 'month') {
    const start = Date.UTC(year, month, 1);
    return { id: isoDate(start).slice(0, 7), startMs: start, endMs: Date.UTC(year, month + 1, 1) };
  }
  return { id: 'total', startMs: 0, endMs: Number.POSITIVE_INFINITY };
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
