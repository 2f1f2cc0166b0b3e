import { Prisma } from "@/lib/db/generated/client";
import type { Viewer } from "@/lib/auth/viewer";

/**
 * Whether the meeting aliased `m` (its team joined as `t`) is one the viewer may open: an admin's organisation, a
 * manager's teams, a rep's own team (to follow it). Only the first two may run it: see meetingRunnableSql.
 */
export function meetingVisibleSql(viewer: Viewer): Prisma.Sql {
  if (viewer.role === "ADMIN") return Prisma.sql`t.org_id = ${viewer.orgId}`;
  if (viewer.teamIds.length === 0) return Prisma.sql`FALSE`;
  return Prisma.sql`t.org_id = ${viewer.orgId} AND t.id IN (${Prisma.join(viewer.teamIds)})`;
}

/** Whether the viewer may run the meeting aliased `m` / team `t`: an admin of its organisation or a manager of its team. */
export function meetingRunnableSql(viewer: Viewer): Prisma.Sql {
  return viewer.role === "REP" ? Prisma.sql`FALSE` : meetingVisibleSql(viewer);
}

/** Whether the viewer may run meetings of this team (the same rule for a team id the caller names). */
export function canRunTeam(viewer: Viewer, teamId: number): boolean {
  return viewer.role === "ADMIN" || (viewer.role === "MANAGER" && viewer.teamIds.includes(teamId));
}
