// What an insight is (KPI.md "Insights"): a rule's finding with the numbers that triggered it, the review section it
// belongs to, a stable key for accept/dismiss decisions, and a link to the rows behind it.
import type { ReviewSection } from "@/lib/db/generated/enums";
import type { Money } from "@/lib/kpi/kpi-sql";

export const INSIGHT_CODES = [
  "STAGE_DROP",
  "STALLED_STAGE",
  "HANDOFF_BOTTLENECK",
  "QUOTA_MISS_CONCENTRATION",
  "FORECAST_BIAS",
  "QUALIFICATION_GAPS",
  "LOW_ACTIVITY",
  "LOW_EFFECTIVENESS",
  "COACHING_BELOW_TARGET",
  "COMMITMENTS_SLIPPING",
] as const;
export type InsightCode = (typeof INSIGHT_CODES)[number];

/** KPI.md gives each rule its section: (1) sales process, (2) sales KPIs, (3) pipeline review, (4) coaching. */
export const INSIGHT_SECTION: Record<InsightCode, ReviewSection> = {
  STAGE_DROP: "SALES_PROCESS",
  STALLED_STAGE: "SALES_PROCESS",
  HANDOFF_BOTTLENECK: "SALES_KPIS",
  QUOTA_MISS_CONCENTRATION: "SALES_KPIS",
  FORECAST_BIAS: "PIPELINE_REVIEW",
  QUALIFICATION_GAPS: "PIPELINE_REVIEW",
  LOW_ACTIVITY: "COACHING",
  LOW_EFFECTIVENESS: "COACHING",
  COACHING_BELOW_TARGET: "COACHING",
  COMMITMENTS_SLIPPING: "COACHING",
};

export interface Named {
  id: number;
  name: string;
}

/** A figure in P against the same figure in P′. */
export interface Compared<T = number> {
  current: T;
  previous: T;
}

/** A rep's figure against the median of their team's reps in P. */
export interface AgainstTeam {
  rep: number;
  teamMedian: number;
}

export interface InsightFigures {
  HANDOFF_BOTTLENECK: {
    handedOver: Compared & { change: number };
    firstMeetings: Compared & { change: number };
    /** first meetings ÷ handed over */
    conversion: Compared;
  };
  STAGE_DROP: {
    pipeline: Named;
    entered: Compared;
    advanced: Compared;
    /** advanced ÷ entered; the drop is previous − current (≥ 0.05). */
    conversion: Compared;
  };
  STALLED_STAGE: {
    pipeline: Named;
    /** Stays in the stage that ended in P. */
    stays: number;
    medianDays: number;
    /** The median of the other open stages' medians in the pipeline. */
    othersMedianDays: number;
    /** The organisation's factor the stage's median reached (its stuck factor, 2 by default). */
    factor: number;
  };
  LOW_ACTIVITY: {
    /** Activities per working day. */
    perWorkingDay: AgainstTeam;
  };
  LOW_EFFECTIVENESS: {
    perWorkingDay: AgainstTeam;
    responseRate: AgainstTeam | null;
    leadToOpportunity: AgainstTeam | null;
    /** Which of the two fell below 60 % of the team median. */
    below: Array<"responseRate" | "leadToOpportunity">;
  };
  COACHING_BELOW_TARGET: {
    targetHours: number;
    /** Months of P the means are taken over (those already over). */
    months: number;
    reps: Array<Named & { hoursPerMonth: number }>;
  };
  COMMITMENTS_SLIPPING: {
    kept: Compared;
    /** KEPT + MISSED among commitments due in each period. */
    due: Compared;
    /** kept ÷ due; previous is null when P′ had too few to compare. */
    rate: { current: number; previous: number | null };
    reason: "BELOW_FLOOR" | "FELL";
  };
  FORECAST_BIAS: {
    currency: string;
    direction: "OVER" | "UNDER";
    /** Σ COMMIT forecast and Σ won over the months of P with a forecast. */
    forecast: Money;
    actual: Money;
    bias: Money;
    /** |bias| ÷ actual */
    share: number;
    months: number;
    worstMonth: { month: string; forecast: Money; actual: Money };
  };
  QUALIFICATION_GAPS: {
    /** The instant compliance is measured at: the end of P, or now while P runs. */
    at: string;
    openDeals: number;
    qualified: number;
    compliance: number;
    /** The misqualified open deals (the teaching moments), most flags and largest first; at most MAX_LISTED_DEALS. */
    deals: Array<Named & { rep: Named; stage: Named; amount: Money | null }>;
  };
  QUOTA_MISS_CONCENTRATION: {
    repsWithQuota: number;
    repsAtQuota: number;
    /** The reps furthest below their quota, lowest attainment first. */
    furthestBelow: Array<Named & { attainment: number; revenue: Money; quota: Money }>;
  };
}

/** The rules that name a rep, and those that name a stage; the others name neither. */
type RepCode = "LOW_ACTIVITY" | "LOW_EFFECTIVENESS";
type StageCode = "STAGE_DROP" | "STALLED_STAGE";

/** What a rule finds: its code, whom or which stage it names, and its numbers. */
export type InsightFinding = {
  [C in InsightCode]: {
    code: C;
    rep: C extends RepCode ? Named : null;
    stage: C extends StageCode ? Named : null;
    figures: InsightFigures[C];
  };
}[InsightCode];

export type Insight = InsightFinding & {
  section: ReviewSection;
  /** `CODE`, `CODE:rep:<id>` or `CODE:stage:<id>`: the same finding gets the same key every time it is computed. */
  key: string;
  /** The drill-through page that lists its rows, with the period and team of the review; null where no page lists them. */
  drill: string | null;
};

export function insightKey(finding: Pick<InsightFinding, "code" | "rep" | "stage">): string {
  if (finding.rep) return `${finding.code}:rep:${finding.rep.id}`;
  if (finding.stage) return `${finding.code}:stage:${finding.stage.id}`;
  return finding.code;
}
