import "server-only";
import { kpiDb } from "./kpi-db";
import type { Viewer } from "@/lib/auth/viewer";
import { queryActivityMetrics, type ActivityMetrics, type ActivityMetricsInput } from "./query-activity-metrics";

/** KPI.md activity counts, per working day and response rates for P and P′, for the viewer's scope. */
export function getActivityMetrics(viewer: Viewer, input: ActivityMetricsInput): Promise<ActivityMetrics> {
  return queryActivityMetrics(kpiDb, viewer, input);
}
