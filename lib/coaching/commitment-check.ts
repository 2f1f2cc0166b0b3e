import type { CommitmentComparator } from "@/lib/db/generated/enums";
import { addDays, localDate, periodOf, type LocalDate, type Period } from "@/lib/kpi/period";
import { METRICS, targetOnMetricScale, type MetricKey } from "@/lib/review/metric-catalogue";

/**
 * The window a commitment's metric is measured over: from the day of the session it was made in to its due date,
 * both whole days in the organisation's time zone (`[session day 00:00, due date + 1 day 00:00)`).
 */
export function commitmentWindow(sessionAt: Date, dueDate: LocalDate, timeZone: string): Period {
  const from = localDate(sessionAt, timeZone);
  // A due date before the session (only an import could make one) measures the session's day alone.
  return periodOf({ kind: "custom", from, to: dueDate < from ? from : dueDate }, timeZone);
}

/** Whether the due date is over in the organisation's time zone: only then is the value final and a status proposed. */
export function isWindowOver(window: Period, now: Date): boolean {
  return now.getTime() >= window.end.getTime();
}

/** The last day a commitment can still be kept: its due date has not ended yet in the organisation's time zone. */
export function isOverdue(dueDate: LocalDate, now: Date, timeZone: string): boolean {
  return localDate(now, timeZone) > dueDate;
}

// Rates are fractions computed in floating point; a target typed as 15 % is 0.15 up to rounding.
const EPSILON = 1e-9;

/**
 * KEPT when the actual value reaches the target in the commitment's direction (at least / at most), MISSED when it
 * does not; null when the metric has no value over the window (nothing to divide by): the manager decides then.
 */
export function proposedStatus(commitment: { metric: MetricKey; comparator: CommitmentComparator; target: number }, actual: number | null): "KEPT" | "MISSED" | null {
  if (actual === null || Number.isNaN(actual)) return null;
  const target = targetOnMetricScale(METRICS[commitment.metric].unit, commitment.target);
  const tolerance = EPSILON * Math.max(1, Math.abs(target));
  const kept = commitment.comparator === "AT_LEAST" ? actual >= target - tolerance : actual <= target + tolerance;
  return kept ? "KEPT" : "MISSED";
}

/** The comparator a metric suggests: at least for a metric where higher is better, at most otherwise. */
export function defaultComparator(metric: MetricKey): CommitmentComparator {
  return METRICS[metric].higherIsBetter ? "AT_LEAST" : "AT_MOST";
}

/** The window of the figures discussed in a session: the 90 days up to and including the session's day. */
export const DISCUSSED_WINDOW_DAYS = 90;

export function discussedWindow(sessionAt: Date, timeZone: string): Period {
  const to = localDate(sessionAt, timeZone);
  return periodOf({ kind: "custom", from: addDays(to, -(DISCUSSED_WINDOW_DAYS - 1)), to }, timeZone);
}
