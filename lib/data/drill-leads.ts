import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { coversWholeOrg, scopedRepsSql } from "@/lib/kpi/kpi-filter";
import { queryLeadSide } from "@/lib/kpi/lead-side";
import type { Period } from "@/lib/kpi/period";
import { DRILL_PAGE_SIZE, type LeadDrillFilter } from "@/lib/validation/dashboard-drill";
import { keysetAfter, type KeysetCursor } from "./keyset";

export interface DrillLeadRow {
  id: number;
  name: string;
  account: string | null;
  source: string;
  status: string;
  owner: string | null;
  team: string | null;
  createdAt: Date;
  handedOverAt: Date | null;
  ae: string | null;
  deals: number;
  wonDeals: number;
  /** The row's value of the sort column as text, for continuing after it (`after`). */
  sortKey: string | null;
}

export interface DrillLeads {
  rows: DrillLeadRow[];
  total: number;
}

const order = (shown: Prisma.Sql): Record<LeadDrillFilter["sort"], Prisma.Sql> => ({
  createdAt: Prisma.sql`l.created_at`,
  handedOverAt: Prisma.sql`l.handed_over_at`,
  name: Prisma.sql`l.name`,
  // A hidden SDR sorts as if empty, so the order says nothing of the name.
  owner: Prisma.sql`(CASE WHEN ${shown} THEN r.name END)`,
  source: Prisma.sql`l.source`,
});

/** Each sort column's SQL type, for comparing a keyset cursor with it (sources sort in their declared order). */
const SORT_TYPES: Record<LeadDrillFilter["sort"], string> = {
  createdAt: "timestamptz",
  handedOverAt: "timestamptz",
  name: "text",
  owner: "text",
  source: '"LeadSource"',
};

/**
 * The leads behind the lead-flow and hand-over numbers, on the side the lead panel reads for the scope
 * (lib/kpi/lead-side.ts): owned (as the KPI engine counts them) by their SDR, else their AE; or, for a scope
 * without SDRs, handed over to its AEs. On the receiving side the SDR (and their team) of another team is not
 * named: the viewer sees the lead because it came to their AE, not the SDR's rows.
 */
export async function listDrillLeads(
  viewer: Viewer,
  input: {
    period: Period;
    teamId?: number;
    filter: LeadDrillFilter;
    offset?: number;
    limit?: number;
    /** Continue after this row instead of at an offset (the export streams every page this way). */
    after?: KeysetCursor;
    /** Leave out the total (the export does not need it). */
    withoutTotal?: boolean;
  },
): Promise<DrillLeads> {
  assertViewer(viewer);
  const { period, filter } = input;
  const start = Prisma.sql`${period.start.toISOString()}::timestamptz`;
  const end = Prisma.sql`${period.end.toISOString()}::timestamptz`;
  const kpiFilter = { teamIds: input.teamId === undefined ? undefined : [input.teamId], repId: filter.repId };
  // Leads with neither an SDR nor an AE count only in the whole organisation's figures.
  const ownerless = coversWholeOrg(viewer, kpiFilter) ? Prisma.sql`coalesce(l.sdr_id, l.ae_id) IS NULL` : Prisma.sql`FALSE`;
  const side = await queryLeadSide(db, viewer, kpiFilter);
  const conditions: Prisma.Sql[] = [
    Prisma.sql`l.org_id = ${viewer.orgId}`,
    side === "receiver"
      ? Prisma.sql`l.ae_id IN (SELECT id FROM scoped WHERE visible)`
      : Prisma.sql`(coalesce(l.sdr_id, l.ae_id) IN (SELECT id FROM scoped WHERE visible) OR ${ownerless})`,
    filter.basis === "created" ? Prisma.sql`l.created_at >= ${start} AND l.created_at < ${end}` : Prisma.sql`l.handed_over_at >= ${start} AND l.handed_over_at < ${end}`,
  ];
  if (filter.source !== undefined) conditions.push(Prisma.sql`l.source = ${filter.source}::"LeadSource"`);
  if (filter.outcome === "converted") conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM deal d WHERE d.lead_id = l.id)`);
  if (filter.outcome === "won") conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM deal d WHERE d.lead_id = l.id AND d.status = 'WON')`);
  const where = Prisma.join(conditions, " AND ");
  const direction = filter.dir === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const limit = input.limit ?? DRILL_PAGE_SIZE;
  const offset = input.after ? 0 : (input.offset ?? (filter.page - 1) * DRILL_PAGE_SIZE);
  const scoped = scopedRepsSql(viewer, kpiFilter);
  // The SDR's name and team: on the owner side always a rep of the scope; on the receiving side only when the viewer sees their rows.
  const shown = side === "receiver" && viewer.role !== "ADMIN" ? Prisma.sql`(r.id IN (SELECT id FROM seeable WHERE visible))` : Prisma.sql`TRUE`;
  const seeable = scopedRepsSql(viewer);
  const sortKey = order(shown)[filter.sort];
  const after = keysetAfter(sortKey, SORT_TYPES[filter.sort], Prisma.sql`l.id`, filter.dir, input.after);
  const [rows, totals] = await Promise.all([
    // The page is chosen on narrow rows (id and sort key) and only its rows are joined and counted, so a sort
    // over many matches stays in memory and the export's every batch costs one pass over the matches.
    db.$queryRaw<DrillLeadRow[]>(Prisma.sql`
      WITH scoped AS (${scoped}),
      seeable AS (${seeable}),
      page AS (
        SELECT l.id, ${sortKey} AS k
        FROM lead l
        LEFT JOIN rep r ON r.id = coalesce(l.sdr_id, l.ae_id)
        WHERE ${where} AND ${after}
        ORDER BY ${sortKey} ${direction} NULLS LAST, l.id ${direction}
        LIMIT ${limit} OFFSET ${offset})
      SELECT l.id, l.name, a.name AS account, l.source::text AS source, l.status::text AS status,
             CASE WHEN ${shown} THEN r.name END AS owner, CASE WHEN ${shown} THEN t.name END AS team,
             l.created_at AS "createdAt", l.handed_over_at AS "handedOverAt", ae.name AS ae,
             (SELECT count(*)::int FROM deal d WHERE d.lead_id = l.id) AS deals,
             (SELECT count(*)::int FROM deal d WHERE d.lead_id = l.id AND d.status = 'WON') AS "wonDeals",
             p.k::text AS "sortKey"
      FROM page p
      JOIN lead l ON l.id = p.id
      LEFT JOIN rep r ON r.id = coalesce(l.sdr_id, l.ae_id)
      LEFT JOIN team t ON t.id = r.team_id
      LEFT JOIN rep ae ON ae.id = l.ae_id
      LEFT JOIN account a ON a.id = l.account_id
      ORDER BY p.k ${direction} NULLS LAST, p.id ${direction}`),
    input.withoutTotal
      ? Promise.resolve([{ total: 0 }])
      : db.$queryRaw<Array<{ total: number }>>(Prisma.sql`
      WITH scoped AS (${scoped})
      SELECT count(*)::int AS total FROM lead l WHERE ${where}`),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}
