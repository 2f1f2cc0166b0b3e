import "server-only";
import { kpiDb } from "./kpi-db";
import type { Viewer } from "@/lib/auth/viewer";
import { queryScopeLabels, type ScopeLabels } from "./query-scope-labels";

/** Team, pipeline and stage names in the viewer's scope. */
export function getScopeLabels(viewer: Viewer): Promise<ScopeLabels> {
  return queryScopeLabels(kpiDb, viewer);
}
