import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import type { Tx } from "./in-transaction";

// An id from another organisation answers NOT_FOUND, exactly like an id that does not exist.

export async function findOrgUser(tx: Tx, viewer: Viewer, userId: number) {
  const user = await tx.user.findFirst({
    where: { id: userId, orgId: viewer.orgId },
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      active: true,
      passwordHash: true,
      rep: { select: { id: true, teamId: true } },
      managedTeams: { select: { id: true }, orderBy: { id: "asc" } },
    },
  });
  if (!user) throw new AppError("NOT_FOUND", { detail: `user ${userId} not in org ${viewer.orgId}` });
  return user;
}

export async function findOrgTeam(tx: Tx, viewer: Viewer, teamId: number) {
  const team = await tx.team.findFirst({ where: { id: teamId, orgId: viewer.orgId }, select: { id: true, name: true, kind: true, managerId: true } });
  if (!team) throw new AppError("NOT_FOUND", { detail: `team ${teamId} not in org ${viewer.orgId}` });
  return team;
}

export async function findOrgRep(tx: Tx, viewer: Viewer, repId: number) {
  const rep = await tx.rep.findFirst({ where: { id: repId, orgId: viewer.orgId }, select: { id: true, name: true, teamId: true, userId: true } });
  if (!rep) throw new AppError("NOT_FOUND", { detail: `rep ${repId} not in org ${viewer.orgId}` });
  return rep;
}

/** A team's manager must be an active MANAGER of the same organisation. */
export async function findOrgManager(tx: Tx, viewer: Viewer, userId: number) {
  const user = await findOrgUser(tx, viewer, userId);
  if (user.role !== "MANAGER" || !user.active) throw new AppError("CONFLICT", { messageKey: "managerRoleRequired" });
  return user;
}

/** Refuses a change that would leave the organisation without an active administrator. */
export async function assertAnotherActiveAdmin(tx: Tx, viewer: Viewer, userId: number): Promise<void> {
  const others = await tx.user.count({ where: { orgId: viewer.orgId, role: "ADMIN", active: true, id: { not: userId } } });
  if (others === 0) throw new AppError("CONFLICT", { messageKey: "lastAdmin" });
}
