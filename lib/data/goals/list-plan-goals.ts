import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { assertViewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db/client";

/**
 * The goal rows of the plan of `planYear` (written in the review of the year before) the viewer may see: a rep only
 * the goals they own, a manager those of their teams, an admin those of the organisation; `teamIds` narrows, never widens.
 */
export async function listPlanGoals(viewer: Viewer, input: { planYear: number; teamIds?: readonly number[]; includeDrafts?: boolean }) {
  assertViewer(viewer);
  const scopeTeams = viewer.role === "MANAGER" ? [...viewer.teamIds] : undefined;
  const wanted = input.teamIds === undefined ? scopeTeams : scopeTeams === undefined ? [...input.teamIds] : input.teamIds.filter((id) => scopeTeams.includes(id));
  return db.reviewGoal.findMany({
    where: {
      ...(viewer.role === "REP" ? { ownerId: viewer.userId } : {}),
      ...(input.includeDrafts ? {} : { draft: false }),
      review: { orgId: viewer.orgId, year: input.planYear - 1, ...(wanted === undefined ? {} : { teamId: { in: wanted } }) },
    },
    include: { owner: { select: { name: true, rep: { select: { id: true, teamId: true } } } }, review: { select: { teamId: true, team: { select: { name: true } } } } },
    orderBy: [{ review: { team: { name: "asc" } } }, { position: "asc" }, { id: "asc" }],
  });
}
