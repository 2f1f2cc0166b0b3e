import type { ActivityType } from "@/lib/db/generated/enums";
import type { ActivityFigures } from "@/lib/kpi/query-activity-metrics";
import type { CoachingFigures } from "@/lib/kpi/query-coaching-metrics";
import type { ConversionFigures } from "@/lib/kpi/query-conversion-activities";
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
  conversions: ConversionFigures;
  coaching: CoachingFigures;
  qualification: QualificationFigures;
  forecast: ForecastFigures;
}

/** The lib/kpi result a metric's value is read from: only that query runs when one metric is wanted. */
export type MetricSource = keyof TeamYearFigures;

interface MetricDefinition {
  unit: MetricUnit;
  source: MetricSource;
  /** Surface KPIs are what every CRM shows; deep ones explain them (DESIGN.md, section 2). */
  depth: "surface" | "deep";
  higherIsBetter: boolean;
  value: (f: TeamYearFigures) => number | null;
}

const money = (value: string | null) => (value === null ? null : Number(value));

const responseRateOf = (type: ActivityType) => (f: TeamYearFigures) => f.activities.byType[type].responseRate;
const countOf = (type: ActivityType) => (f: TeamYearFigures) => f.activities.byType[type].count;

/**
 * Every figure a goal, a tracked KPI or a coaching commitment can name, with where its value comes from. The same
 * definitions serve a team's year and one rep's window (the lib/kpi queries take a filter of one rep).
 */
export const METRICS = {
  revenue: { unit: "money", source: "deals", depth: "surface", higherIsBetter: true, value: (f) => money(f.deals.revenue) },
  quotaAttainment: { unit: "rate", source: "deals", depth: "surface", higherIsBetter: true, value: (f) => f.deals.quotaAttainment },
  repsAtQuota: { unit: "rate", source: "deals", depth: "surface", higherIsBetter: true, value: (f) => f.deals.repsAtQuota },
  winRate: { unit: "rate", source: "deals", depth: "surface", higherIsBetter: true, value: (f) => f.deals.winRate },
  avgDealSize: { unit: "money", source: "deals", depth: "surface", higherIsBetter: true, value: (f) => money(f.deals.avgDealSize) },
  salesCycle: { unit: "days", source: "deals", depth: "surface", higherIsBetter: false, value: (f) => f.deals.cycleMeanDays },
  leadsCreated: { unit: "count", source: "leads", depth: "deep", higherIsBetter: true, value: (f) => f.leads.created },
  pipelineCreated: { unit: "money", source: "deals", depth: "deep", higherIsBetter: true, value: (f) => money(f.deals.pipelineCreated.amount) },
  handedOver: { unit: "count", source: "leads", depth: "deep", higherIsBetter: true, value: (f) => f.leads.handedOver },
  leadToOpportunity: { unit: "rate", source: "leads", depth: "deep", higherIsBetter: true, value: (f) => f.leads.leadToOpportunity },
  handOverToFirstMeeting: {
    unit: "rate",
    source: "leads",
    depth: "deep",
    higherIsBetter: true,
    value: (f) => (f.leads.handedOver === 0 ? null : f.leads.firstMeetings / f.leads.handedOver),
  },
  handOverCloseRate: { unit: "rate", source: "leads", depth: "deep", higherIsBetter: true, value: (f) => f.leads.closeRate },
  churnRate: { unit: "rate", source: "deals", depth: "deep", higherIsBetter: false, value: (f) => f.deals.churn.rate },
  expansionRevenue: { unit: "money", source: "deals", depth: "deep", higherIsBetter: true, value: (f) => money(f.deals.expansion.revenue) },
  activitiesPerDay: { unit: "perDay", source: "activities", depth: "deep", higherIsBetter: true, value: (f) => f.activities.perWorkingDay },
  responseRate: { unit: "rate", source: "activities", depth: "deep", higherIsBetter: true, value: (f) => f.activities.responseRate },
  callResponseRate: { unit: "rate", source: "activities", depth: "deep", higherIsBetter: true, value: responseRateOf("CALL") },
  emailResponseRate: { unit: "rate", source: "activities", depth: "deep", higherIsBetter: true, value: responseRateOf("EMAIL") },
  socialResponseRate: { unit: "rate", source: "activities", depth: "deep", higherIsBetter: true, value: responseRateOf("SOCIAL") },
  meetingResponseRate: { unit: "rate", source: "activities", depth: "deep", higherIsBetter: true, value: responseRateOf("MEETING") },
  calls: { unit: "count", source: "activities", depth: "deep", higherIsBetter: true, value: countOf("CALL") },
  emails: { unit: "count", source: "activities", depth: "deep", higherIsBetter: true, value: countOf("EMAIL") },
  socialTouches: { unit: "count", source: "activities", depth: "deep", higherIsBetter: true, value: countOf("SOCIAL") },
  meetings: { unit: "count", source: "activities", depth: "deep", higherIsBetter: true, value: countOf("MEETING") },
  followUpRate: { unit: "rate", source: "conversions", depth: "deep", higherIsBetter: true, value: (f) => f.conversions.followUpRate },
  coachingHours: { unit: "hours", source: "coaching", depth: "deep", higherIsBetter: true, value: (f) => f.coaching.meanHoursPerMonth },
  commitmentsKept: { unit: "rate", source: "coaching", depth: "deep", higherIsBetter: true, value: (f) => f.coaching.commitmentsKept },
  compliance: { unit: "rate", source: "qualification", depth: "deep", higherIsBetter: true, value: (f) => f.qualification.compliance },
  forecastAccuracy: { unit: "rate", source: "forecast", depth: "deep", higherIsBetter: true, value: (f) => f.forecast.meanAccuracy },
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

/**
 * What a coaching session can discuss and a commitment can promise: one rep's own figures over a window of days.
 * Left out: figures of a team (reps at quota, churn), of a whole year (quota attainment needs the quota periods
 * inside the window), of coaching itself, and the forecast (a rep's COMMIT is the manager's call).
 */
export const COACHING_METRICS: readonly MetricKey[] = [
  "activitiesPerDay",
  "responseRate",
  "callResponseRate",
  "emailResponseRate",
  "socialResponseRate",
  "meetingResponseRate",
  "calls",
  "emails",
  "socialTouches",
  "meetings",
  "leadsCreated",
  "handedOver",
  "leadToOpportunity",
  "followUpRate",
  "pipelineCreated",
  "winRate",
  "avgDealSize",
  "salesCycle",
  "revenue",
  "compliance",
];

/**
 * The values a target of each unit can take, in the unit people type: a rate in percent (0–100), a count in
 * whole numbers, money within the column (14 digits, 2 decimals), days and hours within what a window can hold.
 */
export const TARGET_BOUNDS: Record<MetricUnit, { min: number; max: number; integer: boolean }> = {
  rate: { min: 0, max: 100, integer: false },
  count: { min: 0, max: 1_000_000, integer: true },
  money: { min: 0, max: 999_999_999_999.99, integer: false },
  days: { min: 0, max: 3_650, integer: false },
  hours: { min: 0, max: 744, integer: false },
  perDay: { min: 0, max: 1_000, integer: false },
};

/** A target as typed (a rate in percent) → the metric's own scale (a rate as a fraction 0–1). */
export function targetOnMetricScale(unit: MetricUnit, target: number): number {
  return unit === "rate" ? target / 100 : target;
}
