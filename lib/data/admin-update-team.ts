import type { Viewer } from "@/lib/auth/viewer";
import type { UpdateTeamInput } from "@/lib/validation/admin-team";
import { assertAdmin } from "./admin-assert";
import { findOrgManager, findOrgTeam } from "./admin-find-in-org";
import { assertTeamNameFree } from "./admin-team-name";
import { recordAudit } from "./audit";
import type { Tx } from "./in-transaction";

/** Renames a team and sets (or clears) its manager. */
export async function adminUpdateTeam(viewer: Viewer, input: UpdateTeamInput, tx: Tx): Promise<void> {
  assertAdmin(viewer);
  const team = await findOrgTeam(tx, viewer, input.teamId);
  await assertTeamNameFree(tx, viewer, input.name, team.id);
  const manager = input.managerId === null ? null : await findOrgManager(tx, viewer, input.managerId);
  const before = { name: team.name, managerId: team.managerId };
  const after = { name: input.name, managerId: manager?.id ?? null };
  if (before.name === after.name && before.managerId === after.managerId) return;
  await tx.team.update({ where: { id: team.id }, data: after });
  await recordAudit(tx, viewer, { action: "team.update", entity: "team", entityId: team.id, before, after });
}
