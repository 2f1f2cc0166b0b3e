import "server-only";
import { db } from "@/lib/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import { assertAdmin } from "./admin-assert";

/** What the audit log can be filtered by: the actors, entities and actions that occur in it. */
export async function listAuditFilters(viewer: Viewer) {
  assertAdmin(viewer);
  const [actors, entities, actions] = await Promise.all([
    db.user.findMany({ where: { orgId: viewer.orgId, auditEntries: { some: {} } }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.auditLog.findMany({ where: { orgId: viewer.orgId }, distinct: ["entity"], select: { entity: true }, orderBy: { entity: "asc" } }),
    db.auditLog.findMany({ where: { orgId: viewer.orgId }, distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } }),
  ]);
  return { actors, entities: entities.map((row) => row.entity), actions: actions.map((row) => row.action) };
}
