import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import type { SetUserActiveInput } from "@/lib/validation/admin-user";
import { assertAdmin } from "./admin-assert";
import { assertAnotherActiveAdmin, findOrgUser } from "./admin-find-in-org";
import { recordAudit } from "./audit";
import type { Tx } from "./in-transaction";

/**
 * Deactivates or reactivates a login. Deactivation also bumps the token version and revokes open
 * invitations, so no session or link of theirs works from the next request on.
 */
export async function adminSetUserActive(viewer: Viewer, input: SetUserActiveInput, tx: Tx): Promise<void> {
  assertAdmin(viewer);
  const user = await findOrgUser(tx, viewer, input.userId);
  if (user.id === viewer.userId) throw new AppError("CONFLICT", { messageKey: "selfChange" });
  if (user.active === input.active) return;
  if (!input.active && user.role === "ADMIN") await assertAnotherActiveAdmin(tx, viewer, user.id);

  await tx.user.update({
    where: { id: user.id },
    data: input.active ? { active: true } : { active: false, tokenVersion: { increment: 1 } },
  });
  if (!input.active) await tx.userInvite.deleteMany({ where: { userId: user.id, usedAt: null } });
  await recordAudit(tx, viewer, {
    action: input.active ? "user.reactivate" : "user.deactivate",
    entity: "user",
    entityId: user.id,
    before: { active: user.active },
    after: { active: input.active },
  });
}
