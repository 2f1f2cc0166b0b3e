import bcrypt from "bcryptjs";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import type { CreateUserInput } from "@/lib/validation/admin-user";
import { assertAdmin } from "./admin-assert";
import { findOrgTeam } from "./admin-find-in-org";
import { adminIssueInvite } from "./admin-issue-invite";
import { BCRYPT_COST } from "./admin-password";
import { recordAudit } from "./audit";
import type { Tx } from "./in-transaction";

export interface CreatedUser {
  userId: number;
  /** The one-time link's token: shown to the admin once, stored only as a hash. */
  inviteToken: string | null;
  inviteExpiresAt: Date | null;
}

/**
 * A new user of the viewer's organisation. Invited users stay inactive until they set their password;
 * a rep gets the rep record their figures hang on; a manager given a team manages it.
 */
export async function adminCreateUser(viewer: Viewer, input: CreateUserInput, tx: Tx): Promise<CreatedUser> {
  assertAdmin(viewer);
  const team = input.teamId === null ? null : await findOrgTeam(tx, viewer, input.teamId);
  const taken = await tx.user.findFirst({ where: { email: { equals: input.email, mode: "insensitive" } }, select: { id: true } });
  if (taken) throw new AppError("CONFLICT", { messageKey: "emailTaken" });

  const withPassword = input.method === "password" && input.password !== undefined;
  const user = await tx.user.create({
    data: {
      orgId: viewer.orgId,
      name: input.name,
      email: input.email,
      role: input.role,
      active: withPassword,
      passwordHash: withPassword ? await bcrypt.hash(input.password!, BCRYPT_COST) : null,
    },
    select: { id: true },
  });
  if (input.role === "REP") {
    await tx.rep.create({
      data: { orgId: viewer.orgId, userId: user.id, teamId: team?.id ?? null, name: input.name, email: input.email, kind: team?.kind ?? "AE" },
    });
  }
  if (input.role === "MANAGER" && team) await tx.team.update({ where: { id: team.id }, data: { managerId: user.id } });

  const invite = withPassword ? null : await adminIssueInvite(tx, user.id);
  await recordAudit(tx, viewer, {
    action: "user.create",
    entity: "user",
    entityId: user.id,
    after: { name: input.name, email: input.email, role: input.role, teamId: team?.id ?? null, active: withPassword, setUp: withPassword ? "password" : "invite" },
  });
  if (input.role === "MANAGER" && team) {
    await recordAudit(tx, viewer, { action: "team.set_manager", entity: "team", entityId: team.id, before: { managerId: team.managerId }, after: { managerId: user.id } });
  }
  return { userId: user.id, inviteToken: invite?.token ?? null, inviteExpiresAt: invite?.expiresAt ?? null };
}
