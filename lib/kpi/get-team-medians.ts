import "server-only";
import { kpiDb } from "./kpi-db";
import type { Viewer } from "@/lib/auth/viewer";
import type { Period } from "./period";
import { queryTeamMedians, type TeamMedians } from "./query-team-medians";

/** The median rep of the viewer's team(s): medians only, never another rep's row. */
export function getTeamMedians(viewer: Viewer, input: { period: Period; pipelineId?: number }): Promise<TeamMedians> {
  return queryTeamMedians(kpiDb, viewer, input);
}
