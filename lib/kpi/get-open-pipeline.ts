import "server-only";
import { db } from "@/lib/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import { queryOpenPipeline, type OpenPipelineInput, type OpenPipelineStage } from "./query-open-pipeline";

/** KPI.md open pipeline at date D, by stage, for the viewer's scope. */
export function getOpenPipeline(viewer: Viewer, input: OpenPipelineInput): Promise<OpenPipelineStage[]> {
  return queryOpenPipeline(db, viewer, input);
}
