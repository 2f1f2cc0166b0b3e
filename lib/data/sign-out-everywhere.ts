import "server-only";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { recordAudit } from "./audit";
import type { Tx } from "./in-transaction";

/** Ends every session of the viewer: their sessions are deleted, and a token of an older version is refused too. */
export async function signOutEverywhere(viewer: Viewer, tx: Tx): Promise<void> {
  assertViewer(viewer);
  const user = await tx.user.update({
    where: { id: viewer.userId },
    data: { tokenVersion: { increment: 1 } },
    select: { id: true },
  });
  await tx.authSession.deleteMany({ where: { userId: user.id } });
  await recordAudit(tx, viewer, { action: "user.sign_out_everywhere", entity: "user", entityId: user.id });
}
