import { Prisma } from "@/lib/db/generated/client";
import type { Viewer } from "@/lib/auth/viewer";
import { repScopeSql } from "@/lib/data/rep-scope-sql";

/** Narrows the viewer's scope: some teams, or one rep. Never widens it. */
export interface KpiFilter {
  teamIds?: readonly number[];
  repId?: number;
}

/**
 * `SELECT id, team_id, name, visible FROM rep …`: the reps whose figures count for this viewer and
 * filter; `visible` says whose individual row the viewer may see (a REP: only their own).
 */
export function scopedRepsSql(viewer: Viewer, filter: KpiFilter = {}): Prisma.Sql {
  const scope = repScopeSql(viewer, { id: Prisma.sql`rep.id`, orgId: Prisma.sql`rep.org_id`, teamId: Prisma.sql`rep.team_id` });
  const teams =
    filter.teamIds === undefined
      ? Prisma.sql`TRUE`
      : filter.teamIds.length === 0
        ? Prisma.sql`FALSE`
        : Prisma.sql`rep.team_id IN (${Prisma.join(filter.teamIds)})`;
  const one = filter.repId === undefined ? Prisma.sql`TRUE` : Prisma.sql`rep.id = ${filter.repId}`;
  return Prisma.sql`SELECT rep.id, rep.team_id, rep.name, (${scope.rowVisible}) AS visible
    FROM rep WHERE ${scope.aggregate} AND ${teams} AND ${one}`;
}

/** Whether the viewer's narrowed scope is the whole organisation (an admin without a filter). */
export function coversWholeOrg(viewer: Viewer, filter: KpiFilter = {}): boolean {
  return viewer.role === "ADMIN" && filter.teamIds === undefined && filter.repId === undefined;
}
