import "server-only";
import { db } from "@/lib/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import { assertAdmin } from "./admin-assert";

export interface TeamRep {
  id: number;
  name: string;
  kind: "SDR" | "AE";
  active: boolean;
  hasLogin: boolean;
}

export interface AdminTeam {
  id: number;
  name: string;
  kind: "SDR" | "AE";
  manager: { id: number; name: string; active: boolean } | null;
  reps: TeamRep[];
}

/** Teams with their manager and reps, the reps in no team, and who may manage a team (active managers). */
export async function listTeams(viewer: Viewer): Promise<{ teams: AdminTeam[]; unassigned: TeamRep[]; managers: Array<{ id: number; name: string }> }> {
  assertAdmin(viewer);
  const repSelect = { id: true, name: true, kind: true, active: true, userId: true } as const;
  const [teams, unassigned, managers] = await Promise.all([
    db.team.findMany({
      where: { orgId: viewer.orgId },
      orderBy: [{ kind: "asc" }, { name: "asc" }],
      select: {
        id: true,
        name: true,
        kind: true,
        manager: { select: { id: true, name: true, active: true } },
        reps: { select: repSelect, orderBy: [{ active: "desc" }, { name: "asc" }] },
      },
    }),
    db.rep.findMany({ where: { orgId: viewer.orgId, teamId: null }, select: repSelect, orderBy: [{ active: "desc" }, { name: "asc" }] }),
    db.user.findMany({ where: { orgId: viewer.orgId, role: "MANAGER", active: true }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  const shapeRep = (rep: { id: number; name: string; kind: "SDR" | "AE"; active: boolean; userId: number | null }): TeamRep => ({
    id: rep.id,
    name: rep.name,
    kind: rep.kind,
    active: rep.active,
    hasLogin: rep.userId !== null,
  });
  return {
    teams: teams.map((team) => ({ ...team, reps: team.reps.map(shapeRep) })),
    unassigned: unassigned.map(shapeRep),
    managers,
  };
}
