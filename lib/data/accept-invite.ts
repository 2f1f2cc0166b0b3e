import bcrypt from "bcryptjs";
import { AppError } from "@/lib/errors";
import type { AcceptInviteInput } from "@/lib/validation/admin-user";
import { hashInviteToken } from "./admin-issue-invite";
import { BCRYPT_COST } from "./admin-password";
import type { Tx } from "./in-transaction";

/**
 * Redeems a one-time link: sets the password and activates the user. The link is spent by a conditional
 * update, so two submissions at once cannot both succeed. Returns the email to sign in with.
 */
export async function acceptInvite(input: AcceptInviteInput, tx: Tx): Promise<{ email: string }> {
  const invite = await tx.userInvite.findFirst({
    where: { tokenHash: hashInviteToken(input.token), usedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, user: { select: { id: true, orgId: true, email: true, active: true, passwordHash: true } } },
  });
  if (!invite) throw new AppError("NOT_FOUND", { messageKey: "inviteInvalid" });
  const spent = await tx.userInvite.updateMany({ where: { id: invite.id, usedAt: null }, data: { usedAt: new Date() } });
  if (spent.count !== 1) throw new AppError("NOT_FOUND", { messageKey: "inviteInvalid" });

  const { user } = invite;
  await tx.user.update({
    where: { id: user.id },
    data: { passwordHash: await bcrypt.hash(input.password, BCRYPT_COST), active: true, tokenVersion: { increment: 1 } },
  });
  // No Viewer exists yet: the invited user is the actor of their own audit row.
  await tx.auditLog.create({
    data: {
      orgId: user.orgId,
      actorId: user.id,
      action: "user.accept_invite",
      entity: "user",
      entityId: String(user.id),
      before: { hasPassword: user.passwordHash !== null, active: user.active },
      after: { hasPassword: true, active: true },
    },
  });
  return { email: user.email };
}
