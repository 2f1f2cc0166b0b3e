import "server-only";
import { kpiDb } from "./kpi-db";
import type { Viewer } from "@/lib/auth/viewer";
import { queryStageMetrics, type StageMetrics, type StageMetricsInput } from "./query-stage-metrics";

/** KPI.md "Stages" per pipeline for P and P′, for the viewer's scope. */
export function getStageMetrics(viewer: Viewer, input: StageMetricsInput): Promise<StageMetrics> {
  return queryStageMetrics(kpiDb, viewer, input);
}
