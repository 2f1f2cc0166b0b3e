import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import type { Tx } from "./in-transaction";

export interface AuditEntry {
  /** What happened, as `entity.verb`: "user.role_changed", "commitment.status_changed". */
  action: string;
  /** The table of the changed row: "user", "team", "commitment". */
  entity: string;
  entityId: string | number | bigint;
  before?: unknown;
  after?: unknown;
}

// Secrets never reach the audit log, whatever a caller passes in `before` or `after`.
const SECRET_KEYS = new Set(["password", "passwordHash", "tokenVersion", "token", "secret"]);

function snapshot(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  const json = JSON.stringify(value, (key, inner: unknown) => (SECRET_KEYS.has(key) ? undefined : typeof inner === "bigint" ? inner.toString() : inner));
  return JSON.parse(json) as Prisma.InputJsonValue;
}

/**
 * One audit_log row, written with `tx` so it commits or rolls back with the change it describes.
 * Who and where come from the viewer; before/after are JSON snapshots (dates as ISO strings).
 */
export async function recordAudit(tx: Tx, viewer: Viewer, entry: AuditEntry): Promise<void> {
  assertViewer(viewer);
  await tx.auditLog.create({
    data: {
      orgId: viewer.orgId,
      actorId: viewer.userId,
      action: entry.action,
      entity: entry.entity,
      entityId: String(entry.entityId),
      before: snapshot(entry.before),
      after: snapshot(entry.after),
    },
  });
}
