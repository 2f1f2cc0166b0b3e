import "server-only";
import { kpiDb } from "./kpi-db";
import type { Viewer } from "@/lib/auth/viewer";
import { queryCoachingMetrics, type CoachingMetrics, type CoachingMetricsInput } from "./query-coaching-metrics";

/** KPI.md coaching hours per month and commitments kept in P, for the viewer's scope. */
export function getCoachingMetrics(viewer: Viewer, input: CoachingMetricsInput): Promise<CoachingMetrics> {
  return queryCoachingMetrics(kpiDb, viewer, input);
}
