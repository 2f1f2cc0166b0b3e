import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import type { ReissueInviteInput } from "@/lib/validation/admin-user";
import { assertAdmin } from "./admin-assert";
import { findOrgUser } from "./admin-find-in-org";
import { adminIssueInvite } from "./admin-issue-invite";
import { recordAudit } from "./audit";
import type { Tx } from "./in-transaction";

/** A new one-time link for an invited user who has not set a password yet (the old link stops working). */
export async function adminReissueInvite(viewer: Viewer, input: ReissueInviteInput, tx: Tx): Promise<{ token: string; expiresAt: Date }> {
  assertAdmin(viewer);
  const user = await findOrgUser(tx, viewer, input.userId);
  if (user.passwordHash !== null) throw new AppError("CONFLICT", { messageKey: "alreadySetUp" });
  const invite = await adminIssueInvite(tx, user.id);
  await recordAudit(tx, viewer, { action: "user.invite", entity: "user", entityId: user.id, after: { expiresAt: invite.expiresAt.toISOString() } });
  return invite;
}
