import { assertViewer, type Viewer } from "./viewer";

/**
 * Which reps' figures a viewer may see. `aggregate` bounds the totals; `rows` says whose individual
 * figures and names may be listed. A rep sees team totals but only their own row.
 */
export type RepScope =
  | { orgId: number; aggregate: { kind: "org" }; rows: { kind: "all" } }
  | { orgId: number; aggregate: { kind: "teams"; teamIds: readonly number[] }; rows: { kind: "all" } }
  | {
      orgId: number;
      aggregate: { kind: "teamsAndRep"; teamIds: readonly number[]; repId: number | null };
      rows: { kind: "rep"; repId: number | null };
    };

export function repScope(viewer: Viewer): RepScope {
  assertViewer(viewer);
  const { orgId } = viewer;
  switch (viewer.role) {
    case "ADMIN":
      return { orgId, aggregate: { kind: "org" }, rows: { kind: "all" } };
    case "MANAGER":
      return { orgId, aggregate: { kind: "teams", teamIds: viewer.teamIds }, rows: { kind: "all" } };
    case "REP":
      return {
        orgId,
        aggregate: { kind: "teamsAndRep", teamIds: viewer.teamIds, repId: viewer.repId },
        rows: { kind: "rep", repId: viewer.repId },
      };
  }
}

/** Whether a viewer may see one rep's individual figures (the rule behind repScope, for one rep). */
export function canSeeRep(viewer: Viewer, rep: { id: number; orgId: number; teamId: number | null }): boolean {
  const scope = repScope(viewer);
  if (rep.orgId !== scope.orgId) return false;
  switch (scope.rows.kind) {
    case "rep":
      return scope.rows.repId !== null && rep.id === scope.rows.repId;
    case "all":
      return scope.aggregate.kind === "org" || (rep.teamId !== null && scope.aggregate.teamIds.includes(rep.teamId));
  }
}
