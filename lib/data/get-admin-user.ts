import "server-only";
import { db } from "@/lib/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import { assertAdmin } from "./admin-assert";
import { statusOf, type UserListRow } from "./list-users";

export interface AdminUser extends UserListRow {
  rep: { id: number; kind: "SDR" | "AE"; active: boolean } | null;
  /** When the open invitation link expires, if there is one. */
  inviteExpiresAt: Date | null;
  isViewer: boolean;
}

/** One user of the viewer's organisation for the admin's user page; null for an id from elsewhere. */
export async function getAdminUser(viewer: Viewer, userId: number): Promise<AdminUser | null> {
  assertAdmin(viewer);
  const user = await db.user.findFirst({
    where: { id: userId, orgId: viewer.orgId },
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      active: true,
      passwordHash: true,
      createdAt: true,
      rep: { select: { id: true, kind: true, active: true, team: { select: { id: true, name: true } } } },
      managedTeams: { select: { id: true, name: true }, orderBy: { name: "asc" } },
      invites: { where: { usedAt: null, expiresAt: { gt: new Date() } }, select: { expiresAt: true }, orderBy: { expiresAt: "desc" }, take: 1 },
    },
  });
  if (!user) return null;
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    status: statusOf(user),
    team: user.rep?.team ?? null,
    managedTeams: user.managedTeams,
    createdAt: user.createdAt,
    rep: user.rep ? { id: user.rep.id, kind: user.rep.kind, active: user.rep.active } : null,
    inviteExpiresAt: user.invites[0]?.expiresAt ?? null,
    isViewer: user.id === viewer.userId,
  };
}
