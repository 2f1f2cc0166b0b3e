import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { scopedRepsSql } from "@/lib/kpi/kpi-filter";
import type { Period } from "@/lib/kpi/period";
import { DRILL_PAGE_SIZE } from "@/lib/validation/dashboard-drill";
import type { ActivityDrillFilter } from "@/lib/validation/activity-drill";
import { dealInScopeSql } from "./get-deal";

export interface DrillActivityRow {
  id: number;
  at: Date;
  type: "CALL" | "EMAIL" | "SOCIAL" | "MEETING";
  repId: number;
  rep: string;
  team: string | null;
  dealId: number | null;
  deal: string | null;
  /** Whether the viewer may open the deal's page (its owner is in their scope). */
  dealVisible: boolean;
  leadId: number | null;
  lead: string | null;
  responded: boolean;
}

export interface DrillActivities {
  rows: DrillActivityRow[];
  /** Every matching activity, not only this page. */
  total: number;
  responded: number;
}

/** Where the previous batch ended (its last row), for reading the next one without an OFFSET. */
export type ActivityCursor = Pick<DrillActivityRow, "id" | "at" | "repId" | "rep">;

export interface DrillActivitiesInput {
  period: Period;
  teamId?: number;
  filter: ActivityDrillFilter;
  /** Rows to skip and return; defaults to the filter's page of DRILL_PAGE_SIZE. Ignored past a cursor. */
  offset?: number;
  limit?: number;
  /** Continue after this row (the export streams every page this way). */
  after?: ActivityCursor;
  /** Leave out the total (the export does not need it). */
  withoutTotal?: boolean;
}

/**
 * The activities behind an activity count, attributed like the KPI engine (to the rep who did them, `at` in P)
 * and scoped to the reps whose rows the viewer may see (a rep: only their own).
 *
 * The activity table is the largest one (millions of rows) and its only time index is (rep_id, at). So a page
 * is read rep by rep: for each rep in scope, an index scan that stops after offset + limit rows, merged and cut
 * to the page. Sorting is by time or by rep (then time), the two orders that index can serve. A single deal or
 * lead is read through its own (deal_id, at) / (lead_id, at) index instead.
 */
export async function listDrillActivities(viewer: Viewer, input: DrillActivitiesInput): Promise<DrillActivities> {
  assertViewer(viewer);
  const { period, filter, after } = input;
  const conditions: Prisma.Sql[] = [
    Prisma.sql`a.org_id = ${viewer.orgId}`,
    Prisma.sql`a.at >= ${period.start.toISOString()}::timestamptz AND a.at < ${period.end.toISOString()}::timestamptz`,
  ];
  if (filter.type !== undefined) conditions.push(Prisma.sql`a.type = ${filter.type}::"ActivityType"`);
  if (filter.response !== undefined) conditions.push(Prisma.sql`a.responded = ${filter.response === "yes"}`);
  if (filter.subject === "deal") conditions.push(Prisma.sql`a.deal_id IS NOT NULL`);
  if (filter.subject === "lead") conditions.push(Prisma.sql`a.deal_id IS NULL AND a.lead_id IS NOT NULL`);
  if (filter.subject === "none") conditions.push(Prisma.sql`a.deal_id IS NULL AND a.lead_id IS NULL`);
  if (filter.dealId !== undefined) conditions.push(Prisma.sql`a.deal_id = ${filter.dealId}`);
  if (filter.leadId !== undefined) conditions.push(Prisma.sql`a.lead_id = ${filter.leadId}`);
  const where = Prisma.join(conditions, " AND ");
  const scoped = scopedRepsSql(viewer, { teamIds: input.teamId === undefined ? undefined : [input.teamId], repId: filter.repId });

  const limit = input.limit ?? DRILL_PAGE_SIZE;
  const offset = after ? 0 : (input.offset ?? (filter.page - 1) * DRILL_PAGE_SIZE);
  const desc = filter.dir === "desc";
  const dir = desc ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  // Within one rep: by time in the requested direction when sorting by time, newest first when sorting by rep.
  const timeDir = filter.sort === "at" ? dir : Prisma.sql`DESC`;
  const order = (x: string, name: string) =>
    filter.sort === "at"
      ? Prisma.sql`${Prisma.raw(x)}.at ${dir}, ${Prisma.raw(x)}.id ${dir}`
      : Prisma.sql`${Prisma.raw(name)} ${dir}, ${Prisma.raw(x)}.rep_id ${dir}, ${Prisma.raw(x)}.at DESC, ${Prisma.raw(x)}.id DESC`;

  // Keyset continuation: reps before the cursor's rep are skipped whole; within it (or by time) rows after it.
  const cursorAt = after ? Prisma.sql`${after.at.toISOString()}::timestamptz` : Prisma.sql`NULL`;
  let repAfter = Prisma.sql`TRUE`;
  let rowAfter = Prisma.sql`TRUE`;
  if (after && filter.sort === "at") {
    // The plain `at` bound lets the (rep_id, at) index start at the cursor; the row comparison breaks ties.
    rowAfter = desc
      ? Prisma.sql`a.at <= ${cursorAt} AND (a.at, a.id) < (${cursorAt}, ${after.id})`
      : Prisma.sql`a.at >= ${cursorAt} AND (a.at, a.id) > (${cursorAt}, ${after.id})`;
  } else if (after) {
    repAfter = desc
      ? Prisma.sql`((s.name, s.id) < (${after.rep}, ${after.repId}) OR s.id = ${after.repId})`
      : Prisma.sql`((s.name, s.id) > (${after.rep}, ${after.repId}) OR s.id = ${after.repId})`;
    rowAfter = Prisma.sql`(s.id <> ${after.repId} OR (a.at <= ${cursorAt} AND (a.at, a.id) < (${cursorAt}, ${after.id})))`;
  }

  const columns = Prisma.sql`a.id, a.rep_id, a.type, a.at, a.lead_id, a.deal_id, a.responded`;
  const oneSubject = filter.dealId !== undefined || filter.leadId !== undefined;
  const shown = oneSubject
    ? Prisma.sql`
        SELECT ${columns}, s.name AS rep_name
        FROM activity a
        JOIN scoped s ON s.id = a.rep_id AND s.visible
        WHERE ${where} AND ${repAfter} AND ${rowAfter}
        ORDER BY ${order("a", "s.name")}
        LIMIT ${limit} OFFSET ${offset}`
    : Prisma.sql`
        SELECT a.*, s.name AS rep_name
        FROM (SELECT id, name FROM scoped WHERE visible) s
        CROSS JOIN LATERAL (
          SELECT ${columns}
          FROM activity a
          WHERE a.rep_id = s.id AND ${where} AND ${rowAfter}
          ORDER BY a.at ${timeDir}, a.id ${timeDir}
          LIMIT ${offset + limit}
        ) a
        WHERE ${repAfter}
        ORDER BY ${order("a", "s.name")}
        LIMIT ${limit} OFFSET ${offset}`;

  const [rows, totals] = await Promise.all([
    db.$queryRaw<DrillActivityRow[]>(Prisma.sql`
      WITH scoped AS (${scoped}),
      shown AS (${shown})
      SELECT x.id, x.at, x.type::text AS type, x.rep_id AS "repId", x.rep_name AS rep, t.name AS team,
             x.deal_id AS "dealId", dd.name AS deal,
             (x.deal_id IS NOT NULL AND EXISTS (SELECT 1 FROM deal d, rep r WHERE d.id = x.deal_id AND ${dealInScopeSql(viewer)})) AS "dealVisible",
             x.lead_id AS "leadId", l.name AS lead, x.responded
      FROM shown x
      JOIN rep rr ON rr.id = x.rep_id
      LEFT JOIN team t ON t.id = rr.team_id
      LEFT JOIN deal dd ON dd.id = x.deal_id
      LEFT JOIN lead l ON l.id = x.lead_id
      ORDER BY ${order("x", "x.rep_name")}`),
    input.withoutTotal
      ? Promise.resolve([{ total: 0, responded: 0 }])
      : db.$queryRaw<Array<{ total: number; responded: number }>>(Prisma.sql`
          WITH scoped AS (${scoped})
          SELECT count(*)::int AS total, count(*) FILTER (WHERE a.responded)::int AS responded
          FROM activity a
          WHERE a.rep_id = ANY (ARRAY(SELECT id FROM scoped WHERE visible)) AND ${where}`),
  ]);
  return { rows, total: totals[0]?.total ?? 0, responded: totals[0]?.responded ?? 0 };
}

/** The reps whose activities the viewer may list one by one (for the rep filter), by name. */
export async function listActivityReps(viewer: Viewer, input: { teamId?: number }): Promise<Array<{ id: number; name: string }>> {
  assertViewer(viewer);
  const scoped = scopedRepsSql(viewer, { teamIds: input.teamId === undefined ? undefined : [input.teamId] });
  return db.$queryRaw<Array<{ id: number; name: string }>>(Prisma.sql`
    WITH scoped AS (${scoped})
    SELECT id, name FROM scoped WHERE visible ORDER BY name, id`);
}
