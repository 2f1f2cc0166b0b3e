import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db/client";
import type { Tx } from "../in-transaction";
import { getReviewTeam } from "../review/review-team";

export interface GoalOwnerOption {
  userId: number;
  name: string;
  /** The rep the user is, in this team; null for the team's manager (a goal of the whole team). */
  repId: number | null;
}

/**
 * Who may own a goal of a team: its manager (the goal follows the team's figure) and each active rep of the team
 * with a sign-in (the goal follows the rep's own figure). The caller has already checked the team is in scope.
 */
export async function listGoalOwners(viewer: Viewer, teamId: number, client: Tx | typeof db): Promise<GoalOwnerOption[]> {
  const team = await client.team.findFirst({
    where: { id: teamId, orgId: viewer.orgId },
    select: { manager: { select: { id: true, name: true } }, reps: { where: { active: true, userId: { not: null } }, select: { id: true, userId: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] } },
  });
  if (!team) return [];
  const owners: GoalOwnerOption[] = team.manager ? [{ userId: team.manager.id, name: team.manager.name, repId: null }] : [];
  for (const rep of team.reps) if (rep.userId !== null && rep.userId !== team.manager?.id) owners.push({ userId: rep.userId, name: rep.name, repId: rep.id });
  return owners;
}

/** The owners a goal of a team may have, for a viewer who may review the team (NOT_FOUND otherwise). */
export async function listTeamGoalOwners(viewer: Viewer, teamId: number): Promise<GoalOwnerOption[]> {
  await getReviewTeam(viewer, teamId);
  return listGoalOwners(viewer, teamId, db);
}
