import "server-only";
import { kpiDb } from "./kpi-db";
import type { Viewer } from "@/lib/auth/viewer";
import { queryOpenPipeline, type OpenPipelineInput, type OpenPipelineStage } from "./query-open-pipeline";

/** KPI.md open pipeline at date D, by stage, for the viewer's scope. */
export function getOpenPipeline(viewer: Viewer, input: OpenPipelineInput): Promise<OpenPipelineStage[]> {
  return queryOpenPipeline(kpiDb, viewer, input);
}
