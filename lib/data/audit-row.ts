import type { Prisma } from "@/lib/db/generated/client";

export interface AuditEntry {
  /** What happened, as `entity.verb`: "user.update", "commitment.set_status". */
  action: string;
  /** The table of the changed row: "user", "team", "commitment". */
  entity: string;
  entityId: string | number | bigint;
  before?: unknown;
  after?: unknown;
}

// Secrets never reach the audit log, whatever a caller passes in `before` or `after`.
const SECRET_KEYS = new Set(["password", "passwordHash", "tokenVersion", "token", "tokenHash", "secret"]);

function snapshot(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  const json = JSON.stringify(value, (key, inner: unknown) => (SECRET_KEYS.has(key) ? undefined : typeof inner === "bigint" ? inner.toString() : inner));
  return JSON.parse(json) as Prisma.InputJsonValue;
}

/** The audit_log row for a change: JSON snapshots (dates as ISO strings, secrets dropped). A null actor is the command line. */
export function auditRow(orgId: number, actorId: number | null, entry: AuditEntry): Prisma.AuditLogUncheckedCreateInput {
  return {
    orgId,
    actorId,
    action: entry.action,
    entity: entry.entity,
    entityId: String(entry.entityId),
    before: snapshot(entry.before),
    after: snapshot(entry.after),
  };
}
