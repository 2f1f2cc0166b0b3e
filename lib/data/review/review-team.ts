import { db } from "@/lib/db/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import type { Tx } from "../in-transaction";

export interface ReviewTeam {
  id: number;
  name: string;
  kind: "AE" | "SDR";
  managerName: string | null;
}

/** The teams whose review the viewer may open: a manager's own teams, every team of an admin's organisation, none for a rep. */
export async function listReviewTeams(viewer: Viewer, client: Tx | typeof db = db): Promise<ReviewTeam[]> {
  assertViewer(viewer);
  if (viewer.role === "REP") return [];
  const teams = await client.team.findMany({
    where: { orgId: viewer.orgId, ...(viewer.role === "MANAGER" ? { id: { in: [...viewer.teamIds] } } : {}) },
    select: { id: true, name: true, kind: true, manager: { select: { name: true } } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return teams.map((team) => ({ id: team.id, name: team.name, kind: team.kind, managerName: team.manager?.name ?? null }));
}

/** One team the viewer may review; any other id answers NOT_FOUND, exactly like a missing one. */
export async function getReviewTeam(viewer: Viewer, teamId: number, client: Tx | typeof db = db): Promise<ReviewTeam> {
  assertViewer(viewer);
  const allowed = viewer.role === "ADMIN" || (viewer.role === "MANAGER" && viewer.teamIds.includes(teamId));
  const team = allowed
    ? await client.team.findFirst({ where: { id: teamId, orgId: viewer.orgId }, select: { id: true, name: true, kind: true, manager: { select: { name: true } } } })
    : null;
  if (!team) throw new AppError("NOT_FOUND", { detail: `team ${teamId} is not reviewable by user ${viewer.userId}` });
  return { id: team.id, name: team.name, kind: team.kind, managerName: team.manager?.name ?? null };
}
