import "server-only";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { auditRow, type AuditEntry } from "./audit-row";
import type { Tx } from "./in-transaction";

export type { AuditEntry };

/**
 * One audit_log row, written with `tx` so it commits or rolls back with the change it describes.
 * Who and where come from the viewer.
 */
export async function recordAudit(tx: Tx, viewer: Viewer, entry: AuditEntry): Promise<void> {
  assertViewer(viewer);
  await tx.auditLog.create({ data: auditRow(viewer.orgId, viewer.userId, entry) });
}
