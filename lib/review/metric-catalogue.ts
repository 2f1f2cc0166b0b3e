import type { ActivityFigures } from "@/lib/kpi/query-activity-metrics";
import type { CoachingFigures } from "@/lib/kpi/query-coaching-metrics";
import type { DealFigures } from "@/lib/kpi/query-deal-metrics";
import type { ForecastFigures } from "@/lib/kpi/query-forecast-accuracy";
import type { LeadFigures } from "@/lib/kpi/query-lead-metrics";
import type { QualificationFigures } from "@/lib/kpi/query-qualification";

/** How a metric's value reads: a rate is a fraction 0–1 shown as a percentage. */
export type MetricUnit = "rate" | "money" | "count" | "days" | "hours" | "perDay";

/** The team figures of one year a metric's value is taken from (all from lib/kpi). */
export interface TeamYearFigures {
  deals: DealFigures;
  leads: LeadFigures;
  activities: ActivityFigures;
  coaching: CoachingFigures;
  qualification: QualificationFigures;
  forecast: ForecastFigures;
}

interface MetricDefinition {
  unit: MetricUnit;
  /** Surface KPIs are what every CRM shows; deep ones explain them (DESIGN.md, section 2). */
  depth: "surface" | "deep";
  higherIsBetter: boolean;
  value: (f: TeamYearFigures) => number | null;
}

const money = (value: string | null) => (value === null ? null : Number(value));

/** Every team figure a goal or a tracked KPI can name, with where its value comes from. */
export const METRICS = {
  revenue: { unit: "money", depth: "surface", higherIsBetter: true, value: (f) => money(f.deals.revenue) },
  quotaAttainment: { unit: "rate", depth: "surface", higherIsBetter: true, value: (f) => f.deals.quotaAttainment },
  repsAtQuota: { unit: "rate", depth: "surface", higherIsBetter: true, value: (f) => f.deals.repsAtQuota },
  winRate: { unit: "rate", depth: "surface", higherIsBetter: true, value: (f) => f.deals.winRate },
  avgDealSize: { unit: "money", depth: "surface", higherIsBetter: true, value: (f) => money(f.deals.avgDealSize) },
  salesCycle: { unit: "days", depth: "surface", higherIsBetter: false, value: (f) => f.deals.cycleMeanDays },
  leadsCreated: { unit: "count", depth: "deep", higherIsBetter: true, value: (f) => f.leads.created },
  pipelineCreated: { unit: "money", depth: "deep", higherIsBetter: true, value: (f) => money(f.deals.pipelineCreated.amount) },
  handedOver: { unit: "count", depth: "deep", higherIsBetter: true, value: (f) => f.leads.handedOver },
  leadToOpportunity: { unit: "rate", depth: "deep", higherIsBetter: true, value: (f) => f.leads.leadToOpportunity },
  handOverToFirstMeeting: {
    unit: "rate",
    depth: "deep",
    higherIsBetter: true,
    value: (f) => (f.leads.handedOver === 0 ? null : f.leads.firstMeetings / f.leads.handedOver),
  },
  handOverCloseRate: { unit: "rate", depth: "deep", higherIsBetter: true, value: (f) => f.leads.closeRate },
  churnRate: { unit: "rate", depth: "deep", higherIsBetter: false, value: (f) => f.deals.churn.rate },
  expansionRevenue: { unit: "money", depth: "deep", higherIsBetter: true, value: (f) => money(f.deals.expansion.revenue) },
  activitiesPerDay: { unit: "perDay", depth: "deep", higherIsBetter: true, value: (f) => f.activities.perWorkingDay },
  responseRate: { unit: "rate", depth: "deep", higherIsBetter: true, value: (f) => f.activities.responseRate },
  coachingHours: { unit: "hours", depth: "deep", higherIsBetter: true, value: (f) => f.coaching.meanHoursPerMonth },
  commitmentsKept: { unit: "rate", depth: "deep", higherIsBetter: true, value: (f) => f.coaching.commitmentsKept },
  compliance: { unit: "rate", depth: "deep", higherIsBetter: true, value: (f) => f.qualification.compliance },
  forecastAccuracy: { unit: "rate", depth: "deep", higherIsBetter: true, value: (f) => f.forecast.meanAccuracy },
} as const satisfies Record<string, MetricDefinition>;

export type MetricKey = keyof typeof METRICS;
export const METRIC_KEYS = Object.keys(METRICS) as MetricKey[];

export function isMetricKey(value: string): value is MetricKey {
  return Object.hasOwn(METRICS, value);
}

/** The KPIs a manager can tick in the Sales KPIs step, surface ones first. */
export const TRACKABLE_KPIS: readonly MetricKey[] = [
  "revenue",
  "quotaAttainment",
  "repsAtQuota",
  "winRate",
  "avgDealSize",
  "salesCycle",
  "leadsCreated",
  "pipelineCreated",
  "handedOver",
  "leadToOpportunity",
  "handOverToFirstMeeting",
  "handOverCloseRate",
  "churnRate",
  "expansionRevenue",
];
