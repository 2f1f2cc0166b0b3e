import "server-only";
import { db } from "@/lib/db/client";

/** The signed-in user with what their Viewer needs: their rep record, their team and the teams they manage. */
export async function getSessionUser(userId: number) {
  const user = await db.user.findUnique({
    where: { id: userId },
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
  });
  if (!user) return null;
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
