import "server-only";
import { db } from "@/lib/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import { mayEditStageRules } from "./pipeline-access";

/** Whether the viewer may open the pipelines pages: admins, and managers when the organisation allows it. */
export function canEditStageRules(viewer: Viewer): Promise<boolean> {
  return mayEditStageRules(db, viewer);
}
