import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { getActivityMetrics } from "@/lib/kpi/get-activity-metrics";
import { getCoachingMetrics } from "@/lib/kpi/get-coaching-metrics";
import { getDealMetrics } from "@/lib/kpi/get-deal-metrics";
import { getLeadMetrics } from "@/lib/kpi/get-lead-metrics";
import type { KpiFilter } from "@/lib/kpi/kpi-filter";
import type { Period } from "@/lib/kpi/period";
import { kpiDb } from "@/lib/kpi/kpi-db";
import { queryConversionActivities } from "@/lib/kpi/query-conversion-activities";
import { queryForecastAccuracy } from "@/lib/kpi/query-forecast-accuracy";
import { queryQualification } from "@/lib/kpi/query-qualification";
import type { TeamYearFigures } from "./metric-catalogue";

/** The scope's figures for its period and the previous one, each from its lib/kpi query (cached per data version). */
export async function getTeamYearFigures(
  viewer: Viewer,
  { period, previous, filter }: { period: Period; previous: Period; filter: KpiFilter },
): Promise<{ current: TeamYearFigures; previous: TeamYearFigures }> {
  const [deals, leads, activities, conversions, coaching, coachingBefore, qualification, qualificationBefore, forecast, forecastBefore] = await Promise.all([
    getDealMetrics(viewer, { period, filter }),
    getLeadMetrics(viewer, { period, filter }),
    getActivityMetrics(viewer, { period, filter }),
    queryConversionActivities(kpiDb, viewer, { period, filter }),
    getCoachingMetrics(viewer, { period, filter }),
    getCoachingMetrics(viewer, { period: previous, filter }),
    queryQualification(kpiDb, viewer, { at: period.end, filter }),
    queryQualification(kpiDb, viewer, { at: previous.end, filter }),
    queryForecastAccuracy(kpiDb, viewer, { period, filter }),
    queryForecastAccuracy(kpiDb, viewer, { period: previous, filter }),
  ]);
  return {
    current: {
      deals: deals.total.current,
      leads: leads.total.current,
      activities: activities.total.current,
      conversions: conversions.total.current,
      coaching: coaching.total,
      qualification: qualification.total,
      forecast: forecast.total,
    },
    previous: {
      deals: deals.total.previous,
      leads: leads.total.previous,
      activities: activities.total.previous,
      conversions: conversions.total.previous,
      coaching: coachingBefore.total,
      qualification: qualificationBefore.total,
      forecast: forecastBefore.total,
    },
  };
}
