import "server-only";
import { kpiDb } from "./kpi-db";
import type { Viewer } from "@/lib/auth/viewer";
import { queryPipelineCoverage, type PipelineCoverage, type PipelineCoverageInput } from "./query-pipeline-coverage";

/** KPI.md pipeline coverage for P and P′, for the viewer's scope. */
export function getPipelineCoverage(viewer: Viewer, input: PipelineCoverageInput): Promise<PipelineCoverage> {
  return queryPipelineCoverage(kpiDb, viewer, input);
}
