import type { CoachingMetrics } from "@/lib/kpi/query-coaching-metrics";
import type { InsightFinding } from "./insight";

export type CoachingBelowTarget = Extract<InsightFinding, { code: "COACHING_BELOW_TARGET" }>;

/**
 * KPI.md COACHING_BELOW_TARGET: one finding listing the reps whose mean coaching hours per month are below the
 * organisation's target, lowest first. The mean is over `months` ("YYYY-MM", default every month of P; pass the months
 * already over while P runs). Silent when the scope has no coaching at all in those months: then coaching is not being
 * recorded, and calling every rep uncoached would be a false alarm.
 */
export function coachingBelowTarget(coaching: CoachingMetrics, months: readonly string[] = coaching.total.months.map((m) => m.month)): CoachingBelowTarget | null {
  const counted = new Set(coaching.total.months.map((m) => m.month).filter((month) => months.includes(month)));
  if (counted.size === 0) return null;
  const minutesOf = (list: ReadonlyArray<{ month: string; minutes: number }>) => list.reduce((sum, m) => sum + (counted.has(m.month) ? m.minutes : 0), 0);
  if (minutesOf(coaching.total.months) === 0) return null;
  // Below target ⇔ Σ minutes < target × months: whole numbers, so a rep exactly at the target is not listed.
  const reps = coaching.reps
    .map((rep) => ({ rep, minutes: minutesOf(rep.months) }))
    .filter(({ minutes }) => minutes < coaching.targetMinutes * counted.size)
    .map(({ rep, minutes }) => ({ id: rep.repId, name: rep.name, hoursPerMonth: minutes / 60 / counted.size }))
    .sort((a, b) => a.hoursPerMonth - b.hoursPerMonth || a.name.localeCompare(b.name));
  if (reps.length === 0) return null;
  return { code: "COACHING_BELOW_TARGET", rep: null, stage: null, figures: { targetHours: coaching.targetMinutes / 60, months: counted.size, reps } };
}
