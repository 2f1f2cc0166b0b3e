import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { Viewer } from "@/lib/auth/viewer";
import type { UserListQuery } from "@/lib/validation/admin-query";
import { assertAdmin } from "./admin-assert";

export const USERS_PAGE_SIZE = 25;

export type UserStatus = "active" | "invited" | "deactivated";

export interface UserListRow {
  id: number;
  name: string;
  email: string;
  role: "ADMIN" | "MANAGER" | "REP";
  status: UserStatus;
  /** A rep's own team. */
  team: { id: number; name: string } | null;
  /** The teams a manager manages. */
  managedTeams: Array<{ id: number; name: string }>;
  createdAt: Date;
}

function whereOf(viewer: Viewer, query: UserListQuery): Prisma.UserWhereInput {
  const and: Prisma.UserWhereInput[] = [{ orgId: viewer.orgId }];
  if (query.q) and.push({ OR: [{ name: { contains: query.q, mode: "insensitive" } }, { email: { contains: query.q, mode: "insensitive" } }] });
  if (query.role) and.push({ role: query.role });
  if (query.team === "none") and.push({ OR: [{ rep: null }, { rep: { teamId: null } }] }, { managedTeams: { none: {} } });
  else if (query.team !== undefined) and.push({ OR: [{ rep: { teamId: query.team } }, { managedTeams: { some: { id: query.team } } }] });
  if (query.status === "active") and.push({ active: true, passwordHash: { not: null } });
  if (query.status === "invited") and.push({ passwordHash: null });
  if (query.status === "deactivated") and.push({ active: false, passwordHash: { not: null } });
  return { AND: and };
}

/** The organisation's users for the admin list: filtered, by name, one page at a time. */
export async function listUsers(viewer: Viewer, query: UserListQuery): Promise<{ rows: UserListRow[]; total: number; page: number; pages: number }> {
  assertAdmin(viewer);
  const where = whereOf(viewer, query);
  const total = await db.user.count({ where });
  const pages = Math.max(1, Math.ceil(total / USERS_PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const users = await db.user.findMany({
    where,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    skip: (page - 1) * USERS_PAGE_SIZE,
    take: USERS_PAGE_SIZE,
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      active: true,
      passwordHash: true,
      createdAt: true,
      rep: { select: { team: { select: { id: true, name: true } } } },
      managedTeams: { select: { id: true, name: true }, orderBy: { name: "asc" } },
    },
  });
  const rows = users.map((user) => ({
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    status: statusOf(user),
    team: user.rep?.team ?? null,
    managedTeams: user.managedTeams,
    createdAt: user.createdAt,
  }));
  return { rows, total, page, pages };
}

/** Invited: never had a password. Deactivated: switched off by an admin. */
export function statusOf(user: { active: boolean; passwordHash: string | null }): UserStatus {
  if (user.passwordHash === null) return "invited";
  return user.active ? "active" : "deactivated";
}
