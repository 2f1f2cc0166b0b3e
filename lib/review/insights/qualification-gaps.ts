import type { QualificationFigures } from "@/lib/kpi/query-qualification";
import type { InsightFigures, InsightFinding } from "./insight";

/** KPI.md QUALIFICATION_GAPS: compliance below 80 % at the end of P. */
export const COMPLIANCE_FLOOR_PERCENT = 80;
/** KPI.md: at least 10 open deals. */
export const MIN_OPEN_DEALS = 10;
/** The teaching moments a review can walk through; the count says how many more there are. */
export const MAX_LISTED_DEALS = 50;

export type QualificationGaps = Extract<InsightFinding, { code: "QUALIFICATION_GAPS" }>;
type ListedDeal = InsightFigures["QUALIFICATION_GAPS"]["deals"][number];

/**
 * Compliance (qualified open deals ÷ open deals) at `at` below 80 %, with at least 10 open deals; lists the
 * misqualified deals given (in their order, at most MAX_LISTED_DEALS). 8 of 10 is exactly 80 % and does not fire.
 */
export function qualificationGaps(figures: QualificationFigures, misqualified: readonly ListedDeal[], at: Date): QualificationGaps | null {
  if (figures.openDeals < MIN_OPEN_DEALS) return null;
  if (figures.qualified * 100 >= COMPLIANCE_FLOOR_PERCENT * figures.openDeals) return null;
  return {
    code: "QUALIFICATION_GAPS",
    rep: null,
    stage: null,
    figures: {
      at: at.toISOString(),
      openDeals: figures.openDeals,
      qualified: figures.qualified,
      compliance: figures.qualified / figures.openDeals,
      deals: misqualified.slice(0, MAX_LISTED_DEALS),
    },
  };
}
