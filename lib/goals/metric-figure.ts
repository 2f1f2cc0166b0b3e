import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import type { KpiFilter } from "@/lib/kpi/kpi-filter";
import type { KpiSql } from "@/lib/kpi/kpi-sql";
import type { Period } from "@/lib/kpi/period";
import { queryActivityMetrics } from "@/lib/kpi/query-activity-metrics";
import { queryCoachingMetrics } from "@/lib/kpi/query-coaching-metrics";
import { queryConversionActivities } from "@/lib/kpi/query-conversion-activities";
import { queryDealMetrics } from "@/lib/kpi/query-deal-metrics";
import { queryForecastAccuracy } from "@/lib/kpi/query-forecast-accuracy";
import { queryLeadMetrics } from "@/lib/kpi/query-lead-metrics";
import { queryQualification } from "@/lib/kpi/query-qualification";
import { METRICS, type MetricKey, type MetricSource, type TeamYearFigures } from "@/lib/review/metric-catalogue";

type Loader = (sql: KpiSql, viewer: Viewer, period: Period, filter: KpiFilter) => Promise<TeamYearFigures[MetricSource]>;

// The same lib/kpi queries the review and coaching read, narrowed to a team or to one rep.
const LOADERS: { [S in MetricSource]: (sql: KpiSql, viewer: Viewer, period: Period, filter: KpiFilter) => Promise<TeamYearFigures[S]> } = {
  deals: async (sql, viewer, period, filter) => (await queryDealMetrics(sql, viewer, { period, filter })).total.current,
  leads: async (sql, viewer, period, filter) => (await queryLeadMetrics(sql, viewer, { period, filter })).total.current,
  activities: async (sql, viewer, period, filter) => (await queryActivityMetrics(sql, viewer, { period, filter })).total.current,
  conversions: async (sql, viewer, period, filter) => (await queryConversionActivities(sql, viewer, { period, filter })).total.current,
  coaching: async (sql, viewer, period, filter) => (await queryCoachingMetrics(sql, viewer, { period, filter })).total,
  // Compliance is taken at the end of the period, as the review takes it at the end of the year.
  qualification: async (sql, viewer, period, filter) => (await queryQualification(sql, viewer, { at: period.end, filter })).total,
  forecast: async (sql, viewer, period, filter) => (await queryForecastAccuracy(sql, viewer, { period, filter })).total,
};

/** Whose figure a goal follows: the team's (a goal the manager owns) or one rep's (a goal a rep owns). */
export type GoalSubject = { teamId: number } | { repId: number };

/**
 * One catalogue metric over a period for a team or a rep, from its lib/kpi query. A rep viewer may only ask for
 * their own figures (a rep's scope sums their team, so narrowing it to a teammate would reveal the teammate's).
 */
export async function metricFigure(sql: KpiSql, viewer: Viewer, input: { metric: MetricKey; period: Period; subject: GoalSubject }): Promise<number | null> {
  if (viewer.role === "REP" && !("repId" in input.subject && input.subject.repId === viewer.repId)) {
    throw new AppError("NOT_FOUND", { detail: `rep ${viewer.repId} asked for figures that are not their own` });
  }
  const definition = METRICS[input.metric];
  const filter: KpiFilter = "repId" in input.subject ? { repId: input.subject.repId } : { teamIds: [input.subject.teamId] };
  const figures = { [definition.source]: await (LOADERS[definition.source] as Loader)(sql, viewer, input.period, filter) } as unknown as TeamYearFigures;
  const value = definition.value(figures);
  return value === null || Number.isNaN(value) ? null : value;
}
