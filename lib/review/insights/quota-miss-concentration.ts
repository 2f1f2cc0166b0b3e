import type { DealMetrics } from "@/lib/kpi/query-deal-metrics";
import type { Money } from "@/lib/kpi/kpi-sql";
import type { InsightFinding } from "./insight";

/** KPI.md QUOTA_MISS_CONCENTRATION: at least 3 reps with a quota in P. */
export const MIN_REPS_WITH_QUOTA = 3;
/** How many of the reps furthest below quota the finding names. */
export const FURTHEST_BELOW_NAMED = 3;

export type QuotaMissConcentration = Extract<InsightFinding, { code: "QUOTA_MISS_CONCENTRATION" }>;

const cents = (money: Money) => BigInt(money.replace(".", ""));

/**
 * Fewer than half of the reps with a quota in P reached it (revenue ≥ quota, in cents), among at least 3 such reps;
 * names the reps furthest below (lowest attainment first). Exactly half reaching it does not fire.
 */
export function quotaMissConcentration(deals: DealMetrics): QuotaMissConcentration | null {
  const withQuota = deals.reps.filter((rep) => cents(rep.current.quota) > 0n);
  if (withQuota.length < MIN_REPS_WITH_QUOTA) return null;
  const reached = withQuota.filter((rep) => cents(rep.current.revenue) >= cents(rep.current.quota));
  if (reached.length * 2 >= withQuota.length) return null;
  const furthestBelow = withQuota
    .filter((rep) => cents(rep.current.revenue) < cents(rep.current.quota))
    .map((rep) => ({ id: rep.repId, name: rep.name, attainment: Number(rep.current.revenue) / Number(rep.current.quota), revenue: rep.current.revenue, quota: rep.current.quota }))
    .sort((a, b) => a.attainment - b.attainment || a.name.localeCompare(b.name))
    .slice(0, FURTHEST_BELOW_NAMED);
  return {
    code: "QUOTA_MISS_CONCENTRATION",
    rep: null,
    stage: null,
    figures: { repsWithQuota: withQuota.length, repsAtQuota: reached.length, furthestBelow },
  };
}
