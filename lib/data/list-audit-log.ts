import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { Viewer } from "@/lib/auth/viewer";
import { addDays, startOfLocalDate } from "@/lib/kpi/period";
import type { AuditQuery } from "@/lib/validation/admin-query";
import { assertAdmin } from "./admin-assert";

export const AUDIT_PAGE_SIZE = 30;

export interface AuditRow {
  id: string;
  at: Date;
  actor: { id: number; name: string } | null;
  action: string;
  entity: string;
  entityId: string;
  /** The changed row's name today, when it is a user, team or rep of the organisation. */
  entityName: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface AuditPage {
  rows: AuditRow[];
  total: number;
  page: number;
  pages: number;
  /** Names for the ids that appear in before/after, so a diff reads "Team: North → South". */
  names: { team: Record<string, string>; user: Record<string, string>; rep: Record<string, string> };
}

const asObject = (value: Prisma.JsonValue | null): Record<string, unknown> | null =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

// Keys in before/after that hold ids of these entities.
const TEAM_KEYS = new Set(["teamId", "managedTeamIds"]);
const USER_KEYS = new Set(["managerId", "userId", "ownerId"]);

function collectIds(rows: AuditRow[]) {
  const ids = { team: new Set<number>(), user: new Set<number>(), rep: new Set<number>() };
  const add = (set: Set<number>, value: unknown) => {
    for (const item of Array.isArray(value) ? value : [value]) if (typeof item === "number") set.add(item);
  };
  for (const row of rows) {
    for (const side of [row.before, row.after]) {
      for (const [key, value] of Object.entries(side ?? {})) {
        if (TEAM_KEYS.has(key)) add(ids.team, value);
        if (USER_KEYS.has(key)) add(ids.user, value);
      }
    }
    const id = Number(row.entityId);
    if (Number.isInteger(id) && (row.entity === "team" || row.entity === "user" || row.entity === "rep")) ids[row.entity].add(id);
  }
  return ids;
}

/** The organisation's audit log, newest first, filtered by actor, entity, action and days (in the organisation's time zone). */
export async function listAuditLog(viewer: Viewer, query: AuditQuery): Promise<AuditPage> {
  assertAdmin(viewer);
  const { timeZone } = await db.organization.findUniqueOrThrow({ where: { id: viewer.orgId }, select: { timeZone: true } });
  const at: Prisma.DateTimeFilter = {};
  if (query.from) at.gte = startOfLocalDate(query.from, timeZone);
  if (query.to) at.lt = startOfLocalDate(addDays(query.to, 1), timeZone);
  const where: Prisma.AuditLogWhereInput = {
    orgId: viewer.orgId,
    ...(query.actor === undefined ? {} : { actorId: query.actor }),
    ...(query.entity === undefined ? {} : { entity: query.entity }),
    ...(query.action === undefined ? {} : { action: query.action }),
    ...(query.from || query.to ? { at } : {}),
  };
  const total = await db.auditLog.count({ where });
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const entries = await db.auditLog.findMany({
    where,
    orderBy: [{ at: "desc" }, { id: "desc" }],
    skip: (page - 1) * AUDIT_PAGE_SIZE,
    take: AUDIT_PAGE_SIZE,
    select: { id: true, at: true, action: true, entity: true, entityId: true, before: true, after: true, actor: { select: { id: true, name: true } } },
  });
  const rows: AuditRow[] = entries.map((entry) => ({
    id: entry.id.toString(),
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    entityName: null,
    before: asObject(entry.before),
    after: asObject(entry.after),
  }));

  const ids = collectIds(rows);
  const [teams, users, reps] = await Promise.all([
    db.team.findMany({ where: { orgId: viewer.orgId, id: { in: [...ids.team] } }, select: { id: true, name: true } }),
    db.user.findMany({ where: { orgId: viewer.orgId, id: { in: [...ids.user] } }, select: { id: true, name: true } }),
    db.rep.findMany({ where: { orgId: viewer.orgId, id: { in: [...ids.rep] } }, select: { id: true, name: true } }),
  ]);
  const names = {
    team: Object.fromEntries(teams.map((t) => [String(t.id), t.name])),
    user: Object.fromEntries(users.map((u) => [String(u.id), u.name])),
    rep: Object.fromEntries(reps.map((r) => [String(r.id), r.name])),
  };
  for (const row of rows) {
    if (row.entity === "team" || row.entity === "user" || row.entity === "rep") row.entityName = names[row.entity][row.entityId] ?? null;
  }
  return { rows, total, page, pages, names };
}
