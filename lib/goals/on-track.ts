import type { MetricUnit } from "@/lib/review/metric-catalogue";

/** Counts and amounts add up over the year; every other unit (a rate, days, hours a month, a day's activities) is a level. */
export function isCumulative(unit: MetricUnit): boolean {
  return unit === "count" || unit === "money";
}

/**
 * Whether a goal is on track (docs/metrics.md, "Goals"). The direction is the goal's own: up when the target is above
 * the baseline (or, without a baseline, when more of the metric is better), down otherwise. A count or an amount is
 * expected to grow linearly: on track when the value so far has reached target × the elapsed share of the year (up),
 * or stays within it (down). A level is compared with the target itself. No value yet, or a year not begun: null.
 */
export function onTrack(input: { unit: MetricUnit; baseline: number | null; target: number; value: number | null; elapsedShare: number; higherIsBetter: boolean }): boolean | null {
  if (input.value === null || input.elapsedShare <= 0) return null;
  const up = input.baseline === null ? input.higherIsBetter : input.target > input.baseline;
  const expected = isCumulative(input.unit) ? input.target * Math.min(1, input.elapsedShare) : input.target;
  return up ? input.value >= expected : input.value <= expected;
}

/** The share of a year that has elapsed by a local date (the day itself counted): 0 before the year, 1 after it. */
export function elapsedShareOfYear(year: number, today: string): number {
  if (today < `${year}-01-01`) return 0;
  if (today > `${year}-12-31`) return 1;
  const days = (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / 86_400_000;
  const elapsed = (Date.parse(`${today}T00:00:00Z`) - Date.UTC(year, 0, 1)) / 86_400_000 + 1;
  return elapsed / days;
}
