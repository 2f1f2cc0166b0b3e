import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
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

type Loader = (sql: KpiSql, viewer: Viewer, period: Period, repId: number) => Promise<TeamYearFigures[MetricSource]>;

// Each catalogue source is one lib/kpi query narrowed to the rep; its figures for P are the rep's own.
const LOADERS: { [S in MetricSource]: (sql: KpiSql, viewer: Viewer, period: Period, repId: number) => Promise<TeamYearFigures[S]> } = {
  deals: async (sql, viewer, period, repId) => (await queryDealMetrics(sql, viewer, { period, filter: { repId } })).total.current,
  leads: async (sql, viewer, period, repId) => (await queryLeadMetrics(sql, viewer, { period, filter: { repId } })).total.current,
  activities: async (sql, viewer, period, repId) => (await queryActivityMetrics(sql, viewer, { period, filter: { repId } })).total.current,
  conversions: async (sql, viewer, period, repId) => (await queryConversionActivities(sql, viewer, { period, filter: { repId } })).total.current,
  coaching: async (sql, viewer, period, repId) => (await queryCoachingMetrics(sql, viewer, { period, filter: { repId } })).total,
  // Compliance is taken at the end of the window, as the review takes it at the end of the year.
  qualification: async (sql, viewer, period, repId) => (await queryQualification(sql, viewer, { at: period.end, filter: { repId } })).total,
  forecast: async (sql, viewer, period, repId) => (await queryForecastAccuracy(sql, viewer, { period, filter: { repId } })).total,
};

/**
 * One rep's value of each named catalogue metric over a period, each from its lib/kpi query (run once per source,
 * through the KPI cache in the app). The queries are scoped by the viewer: a manager gets empty figures for a rep
 * outside their teams. A rep's scope sums their team, so narrowing it to a teammate would give that teammate's
 * figures: a rep asking for anyone but themselves is refused.
 */
export async function repMetricValues(
  viewer: Viewer,
  input: { repId: number; period: Period; metrics: readonly MetricKey[] },
  db?: KpiSql,
): Promise<Map<MetricKey, number | null>> {
  if (viewer.role === "REP" && viewer.repId !== input.repId) throw new AppError("NOT_FOUND", { detail: `rep ${viewer.repId} asked for rep ${input.repId}'s figures` });
  // Imported on demand: kpi-db is server-only, and tests pass their own client.
  const sql = db ?? (await import("@/lib/kpi/kpi-db")).kpiDb;
  const sources = [...new Set(input.metrics.map((metric) => METRICS[metric].source))];
  const loaded = await Promise.all(sources.map(async (source) => [source, await (LOADERS[source] as Loader)(sql, viewer, input.period, input.repId)] as const));
  // Only the sources the metrics read are loaded; each value function reads its own source alone (a unit test checks it).
  const figures = Object.fromEntries(loaded) as unknown as TeamYearFigures;
  return new Map(input.metrics.map((metric) => [metric, METRICS[metric].value(figures)]));
}
