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

/**
 * A `WHERE` condition: deal `d` counts for the reps of the query's `scoped` CTE (KPI.md: a deal is attributed to its
 * owner when it closed, an open deal to its current owner). For a team it is written as two conditions the
 * (closed_owner_id, closed_at) and (owner_id, created_at) indexes can answer, instead of one over
 * coalesce(closed_owner_id, owner_id) that makes PostgreSQL read every deal of the organisation; for the whole
 * organisation there is nothing to narrow (the query's d.org_id condition says it all).
 */
export function dealInScopeSql(viewer: Viewer, filter: KpiFilter = {}): Prisma.Sql {
  if (coversWholeOrg(viewer, filter)) return Prisma.sql`TRUE`;
  return Prisma.sql`(d.closed_owner_id = ANY (ARRAY(SELECT id FROM scoped))
    OR (d.closed_owner_id IS NULL AND d.owner_id = ANY (ARRAY(SELECT id FROM scoped))))`;
}

/**
 * A `WHERE` condition: a row attributed to the rep in `column` counts for the viewer's scope. For the whole
 * organisation there is nothing to narrow (rows without a rep count too); otherwise the rep is one of the query's
 * `scoped` CTE, as an array the planner can use on a (rep_id, …) index.
 */
export function repInScopeSql(viewer: Viewer, filter: KpiFilter | undefined, column: Prisma.Sql): Prisma.Sql {
  return coversWholeOrg(viewer, filter) ? Prisma.sql`TRUE` : Prisma.sql`${column} = ANY (ARRAY(SELECT id FROM scoped))`;
}

/**
 * A `WHERE` condition: lead `l` counts for the reps of the query's `scoped` CTE (its SDR, or its AE when it has no
 * SDR), written for the (sdr_id, …) and (ae_id, …) indexes like dealInScopeSql. For the whole organisation, leads
 * without any rep count only when `ownerless` says so.
 */
export function leadInScopeSql(viewer: Viewer, filter: KpiFilter = {}, options: { ownerless: boolean }): Prisma.Sql {
  if (coversWholeOrg(viewer, filter)) return options.ownerless ? Prisma.sql`TRUE` : Prisma.sql`coalesce(l.sdr_id, l.ae_id) IS NOT NULL`;
  return Prisma.sql`(l.sdr_id = ANY (ARRAY(SELECT id FROM scoped))
    OR (l.sdr_id IS NULL AND l.ae_id = ANY (ARRAY(SELECT id FROM scoped))))`;
}
