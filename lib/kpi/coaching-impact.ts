import type { CoachingMetrics } from "./query-coaching-metrics";
import type { DealMetrics } from "./query-deal-metrics";

/** KPI.md coaching target: reps averaging at least 3 hours of coaching per month (the organisation's default). */
export const COACHED_HOURS_PER_MONTH = 3;

export interface CoachingGroup {
  reps: number;
  /** Σ won ÷ Σ (won + lost) over the group's reps in P. */
  winRate: number | null;
  /** Σ revenue ÷ Σ quota over the group's reps in P. */
  quotaAttainment: number | null;
  /** (Σ revenue in P − Σ revenue in P′) ÷ Σ revenue in P′. */
  revenueChange: number | null;
}

/** KPI.md coaching impact: an association between coaching and results, not a cause. */
export interface CoachingImpact {
  coached: CoachingGroup;
  others: CoachingGroup;
}

const cents = (money: string) => BigInt(money.replace(".", ""));
const ratio = (a: bigint, b: bigint) => (b === 0n ? null : Number(a) / Number(b));

/**
 * Splits the visible reps of both results by mean coaching hours per month in P against the organisation's coaching
 * target (COACHED_HOURS_PER_MONTH unless it set another) and sums their deal figures.
 */
export function coachingImpact(deals: DealMetrics, coaching: CoachingMetrics): CoachingImpact {
  const threshold = coaching.targetMinutes > 0 ? coaching.targetMinutes / 60 : COACHED_HOURS_PER_MONTH;
  const hours = new Map(coaching.reps.map((rep) => [rep.repId, rep.meanHoursPerMonth]));
  const group = (coached: boolean): CoachingGroup => {
    const reps = deals.reps.filter((rep) => hours.has(rep.repId) && hours.get(rep.repId)! >= threshold === coached);
    const won = reps.reduce((s, r) => s + r.current.won, 0);
    const lost = reps.reduce((s, r) => s + r.current.lost, 0);
    const revenue = reps.reduce((s, r) => s + cents(r.current.revenue), 0n);
    const quota = reps.reduce((s, r) => s + cents(r.current.quota), 0n);
    const before = reps.reduce((s, r) => s + cents(r.previous.revenue), 0n);
    return {
      reps: reps.length,
      winRate: won + lost === 0 ? null : won / (won + lost),
      quotaAttainment: ratio(revenue, quota),
      revenueChange: ratio(revenue - before, before),
    };
  };
  return { coached: group(true), others: group(false) };
}
