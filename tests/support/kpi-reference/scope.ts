import type { RefOrg } from "./org";

/** Who asks, in the terms of DESIGN.md: an admin sees the org, a manager their teams, a rep their team's totals and their own row. */
export type RefViewer =
  | { role: "ADMIN" }
  | { role: "MANAGER"; teamIds: number[] }
  | { role: "REP"; repId: number; teamIds: number[] };

export interface RefFilter {
  teamIds?: number[];
  repId?: number;
}

export interface RefScope {
  /** Reps whose figures are summed. */
  reps: Set<number>;
  /** Reps whose own row may be listed. */
  visible: Set<number>;
}

export function refScope(org: RefOrg, viewer: RefViewer, filter: RefFilter): RefScope {
  const reps = new Set<number>();
  const visible = new Set<number>();
  for (const rep of org.reps) {
    const inViewerTeams = viewer.role !== "ADMIN" && rep.teamId !== null && viewer.teamIds.includes(rep.teamId);
    const allowed = viewer.role === "ADMIN" || inViewerTeams || (viewer.role === "REP" && rep.id === viewer.repId);
    const filtered =
      (filter.teamIds === undefined || (rep.teamId !== null && filter.teamIds.includes(rep.teamId))) &&
      (filter.repId === undefined || filter.repId === rep.id);
    if (!allowed || !filtered) continue;
    reps.add(rep.id);
    if (viewer.role !== "REP" || rep.id === viewer.repId) visible.add(rep.id);
  }
  return { reps, visible };
}

/** KPI.md: a deal is attributed to its owner at the time it closed (open deals: current owner). */
export function attributedRep(deal: { ownerId: number; closedOwnerId: number | null }): number {
  return deal.closedOwnerId ?? deal.ownerId;
}
