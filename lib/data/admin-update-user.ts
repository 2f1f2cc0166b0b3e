import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import type { UpdateUserInput } from "@/lib/validation/admin-user";
import { assertAdmin } from "./admin-assert";
import { assertAnotherActiveAdmin, findOrgTeam, findOrgUser } from "./admin-find-in-org";
import { recordAudit } from "./audit";
import type { Tx } from "./in-transaction";

/**
 * Changes a user's role and team. A rep's team is the team they sell in; a manager given a team
 * manages it (their other teams stay); someone who stops being a manager stops managing their teams.
 */
export async function adminUpdateUser(viewer: Viewer, input: UpdateUserInput, tx: Tx): Promise<void> {
  assertAdmin(viewer);
  const user = await findOrgUser(tx, viewer, input.userId);
  const team = input.teamId === null ? null : await findOrgTeam(tx, viewer, input.teamId);
  if (user.id === viewer.userId && input.role !== "ADMIN") throw new AppError("CONFLICT", { messageKey: "selfChange" });
  if (user.role === "ADMIN" && input.role !== "ADMIN" && user.active) await assertAnotherActiveAdmin(tx, viewer, user.id);

  const before = { role: user.role, teamId: user.rep?.teamId ?? null, managedTeamIds: user.managedTeams.map((t) => t.id) };

  if (user.role === "MANAGER" && input.role !== "MANAGER") {
    await tx.team.updateMany({ where: { orgId: viewer.orgId, managerId: user.id }, data: { managerId: null } });
  }
  if (input.role !== user.role) await tx.user.update({ where: { id: user.id }, data: { role: input.role } });
  if (input.role === "REP") {
    if (user.rep) {
      await tx.rep.update({ where: { id: user.rep.id }, data: { teamId: team?.id ?? null } });
    } else {
      await tx.rep.create({
        data: { orgId: viewer.orgId, userId: user.id, teamId: team?.id ?? null, name: user.name, email: user.email, kind: team?.kind ?? "AE" },
      });
    }
  }
  if (input.role === "MANAGER" && team) await tx.team.update({ where: { id: team.id }, data: { managerId: user.id } });

  const managed = await tx.team.findMany({ where: { managerId: user.id }, select: { id: true }, orderBy: { id: "asc" } });
  const rep = await tx.rep.findUnique({ where: { userId: user.id }, select: { teamId: true } });
  const after = { role: input.role, teamId: rep?.teamId ?? null, managedTeamIds: managed.map((t) => t.id) };
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  await recordAudit(tx, viewer, { action: "user.update", entity: "user", entityId: user.id, before, after });
}
