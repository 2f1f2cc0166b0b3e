import "server-only";
import { kpiDb } from "./kpi-db";
import type { Viewer } from "@/lib/auth/viewer";
import { queryTeamMedians, type TeamMedians, type TeamMediansInput } from "./query-team-medians";

/** The median rep of the viewer's team(s), or of one team in their scope: medians only, never another rep's row. */
export function getTeamMedians(viewer: Viewer, input: TeamMediansInput): Promise<TeamMedians> {
  return queryTeamMedians(kpiDb, viewer, input);
}
