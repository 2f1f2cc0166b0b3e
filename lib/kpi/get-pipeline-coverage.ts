import "server-only";
import { db } from "@/lib/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import { queryPipelineCoverage, type PipelineCoverage, type PipelineCoverageInput } from "./query-pipeline-coverage";

/** KPI.md pipeline coverage for P and P′, for the viewer's scope. */
export function getPipelineCoverage(viewer: Viewer, input: PipelineCoverageInput): Promise<PipelineCoverage> {
  return queryPipelineCoverage(db, viewer, input);
}
