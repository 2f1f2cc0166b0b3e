import "server-only";
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, SESSION_TOUCH_INTERVAL_MS } from "@/lib/auth/session-lifetime";
import { db } from "@/lib/db/client";

/**
 * The signed-in user with what their Viewer needs (their rep record, their team and the teams they manage),
 * or null when the session was signed out, has been idle for SESSION_IDLE_MS or is older than
 * SESSION_ABSOLUTE_MS. Each use moves the idle clock (at most every SESSION_TOUCH_INTERVAL_MS).
 */
export async function getSessionUser(userId: number, sessionId: string, now = new Date()) {
  const session = await db.authSession.findFirst({
    where: {
      id: sessionId,
      userId,
      lastSeenAt: { gt: new Date(now.getTime() - SESSION_IDLE_MS) },
      createdAt: { gt: new Date(now.getTime() - SESSION_ABSOLUTE_MS) },
    },
    select: {
      lastSeenAt: true,
      user: {
        select: {
          id: true,
          orgId: true,
          name: true,
          email: true,
          role: true,
          active: true,
          tokenVersion: true,
          rep: { select: { id: true, teamId: true } },
          managedTeams: { select: { id: true } },
        },
      },
    },
  });
  if (!session) return null;
  if (session.lastSeenAt.getTime() <= now.getTime() - SESSION_TOUCH_INTERVAL_MS) {
    await db.authSession.updateMany({ where: { id: sessionId }, data: { lastSeenAt: now } });
  }
  const { user } = session;
  return {
    id: user.id,
    orgId: user.orgId,
    name: user.name,
    email: user.email,
    role: user.role,
    active: user.active,
    tokenVersion: user.tokenVersion,
    repId: user.rep?.id ?? null,
    repTeamId: user.rep?.teamId ?? null,
    managedTeamIds: user.managedTeams.map((team) => team.id),
  };
}

export type SessionUser = NonNullable<Awaited<ReturnType<typeof getSessionUser>>>;
