import bcrypt from "bcryptjs";
import type { Viewer } from "@/lib/auth/viewer";
import type { SetPasswordInput } from "@/lib/validation/admin-user";
import { assertAdmin } from "./admin-assert";
import { findOrgUser } from "./admin-find-in-org";
import { BCRYPT_COST } from "./admin-password";
import { recordAudit } from "./audit";
import type { Tx } from "./in-transaction";

/**
 * Sets a user's password and signs them out everywhere. Someone who never had a password (an invited
 * user) becomes active; a deactivated user stays deactivated.
 */
export async function adminSetPassword(viewer: Viewer, input: SetPasswordInput, tx: Tx): Promise<void> {
  assertAdmin(viewer);
  const user = await findOrgUser(tx, viewer, input.userId);
  const firstPassword = user.passwordHash === null;
  await tx.user.update({
    where: { id: user.id },
    data: {
      passwordHash: await bcrypt.hash(input.password, BCRYPT_COST),
      tokenVersion: { increment: 1 },
      ...(firstPassword ? { active: true } : {}),
    },
  });
  await tx.userInvite.deleteMany({ where: { userId: user.id, usedAt: null } });
  // The audit row says that a password was set, never what it is.
  await recordAudit(tx, viewer, {
    action: "user.set_password",
    entity: "user",
    entityId: user.id,
    before: { hasPassword: !firstPassword, active: user.active },
    after: { hasPassword: true, active: firstPassword ? true : user.active },
  });
}
