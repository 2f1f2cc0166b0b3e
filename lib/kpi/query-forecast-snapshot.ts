import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { scopedRepsSql, type KpiFilter } from "./kpi-filter";
import type { KpiSql, Money } from "./kpi-sql";
import { SNAPSHOT_CATEGORIES } from "./forecast-snapshot-lines-sql";

export type SnapshotCategory = (typeof SNAPSHOT_CATEGORIES)[number];

export interface SnapshotCell {
  amount: Money;
  deals: number;
}

export interface SnapshotFigures {
  /** The month the snapshot was taken in, per category. */
  month: Record<SnapshotCategory, SnapshotCell>;
  /** The months of that month's quarter the snapshot forecasts (that month to the quarter's end), per category. */
  quarter: Record<SnapshotCategory, SnapshotCell>;
}

export interface ForecastSnapshotView {
  takenAt: Date;
  /** "YYYY-MM-01" of the snapshot's month, and of every month it forecasts (in order). */
  month: string;
  months: string[];
  /** The first day of the quarter's last month + 1 month: months before it are "this quarter". */
  quarterEnd: string;
  total: SnapshotFigures;
  reps: Array<SnapshotFigures & { repId: number; name: string }>;
}

interface Row {
  repId: number | null;
  name: string | null;
  category: SnapshotCategory;
  monthAmount: string;
  monthDeals: number;
  quarterAmount: string;
  quarterDeals: number;
}

/**
 * One snapshot's lines, summed per rep and category for its month and for the rest of its quarter, over the reps the
 * viewer may see (a rep: their own row; the total is the scope's, as team totals are). One query.
 */
export async function queryForecastSnapshot(sql: KpiSql, viewer: Viewer, input: { snapshotId: number; filter?: KpiFilter }): Promise<ForecastSnapshotView | null> {
  assertViewer(viewer);
  const [head] = await sql.$queryRaw<Array<{ takenAt: Date; month: string; quarterEnd: string; months: string[] }>>(Prisma.sql`
    SELECT s.taken_at AS "takenAt", to_char(local.month, 'YYYY-MM-DD') AS month,
           to_char(date_trunc('quarter', local.month) + interval '3 months', 'YYYY-MM-DD') AS "quarterEnd",
           coalesce((SELECT array_agg(DISTINCT to_char(l.month, 'YYYY-MM-DD')) FROM forecast_line l WHERE l.snapshot_id = s.id), '{}') AS months
    FROM forecast_snapshot s
    JOIN organization o ON o.id = s.org_id
    CROSS JOIN LATERAL (SELECT date_trunc('month', s.taken_at AT TIME ZONE o.time_zone)::date AS month) local
    WHERE s.id = ${input.snapshotId} AND s.org_id = ${viewer.orgId}`);
  if (!head) return null;
  const rows = await sql.$queryRaw<Row[]>(Prisma.sql`
    WITH scoped AS (${scopedRepsSql(viewer, input.filter)}),
    lines AS (
      SELECT l.rep_id, l.category, l.amount, l.deal_count, l.month = ${head.month}::date AS this_month
      FROM forecast_line l
      WHERE l.snapshot_id = ${input.snapshotId} AND l.rep_id IN (SELECT id FROM scoped)
        AND l.month >= ${head.month}::date AND l.month < ${head.quarterEnd}::date
    ),
    agg AS (
      SELECT rep_id, GROUPING(rep_id) AS is_total, category::text AS category,
             coalesce(sum(amount) FILTER (WHERE this_month), 0) AS month_amount, coalesce(sum(deal_count) FILTER (WHERE this_month), 0) AS month_deals,
             sum(amount) AS quarter_amount, sum(deal_count) AS quarter_deals
      FROM lines
      GROUP BY GROUPING SETS ((category), (rep_id, category))
    )
    SELECT a.rep_id AS "repId", s.name, a.category, a.month_amount::numeric(20, 2)::text AS "monthAmount", a.month_deals::int AS "monthDeals",
           a.quarter_amount::numeric(20, 2)::text AS "quarterAmount", a.quarter_deals::int AS "quarterDeals"
    FROM agg a LEFT JOIN scoped s ON s.id = a.rep_id
    WHERE a.is_total = 1 OR s.visible
    ORDER BY s.name NULLS FIRST, a.rep_id`);
  const empty = (): SnapshotFigures => ({
    month: Object.fromEntries(SNAPSHOT_CATEGORIES.map((c) => [c, { amount: "0.00", deals: 0 }])) as Record<SnapshotCategory, SnapshotCell>,
    quarter: Object.fromEntries(SNAPSHOT_CATEGORIES.map((c) => [c, { amount: "0.00", deals: 0 }])) as Record<SnapshotCategory, SnapshotCell>,
  });
  const total = empty();
  const reps = new Map<number, SnapshotFigures & { repId: number; name: string }>();
  for (const row of rows) {
    if (!SNAPSHOT_CATEGORIES.includes(row.category)) continue;
    const target = row.repId === null ? total : (reps.get(row.repId) ?? reps.set(row.repId, { ...empty(), repId: row.repId, name: row.name ?? "" }).get(row.repId)!);
    target.month[row.category] = { amount: row.monthAmount, deals: row.monthDeals };
    target.quarter[row.category] = { amount: row.quarterAmount, deals: row.quarterDeals };
  }
  return {
    takenAt: head.takenAt,
    month: head.month,
    months: [...head.months].sort(),
    quarterEnd: head.quarterEnd,
    total,
    reps: [...reps.values()],
  };
}
