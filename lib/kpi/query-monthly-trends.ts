import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { dealInScopeSql, scopedRepsSql, type KpiFilter } from "./kpi-filter";
import type { KpiSql, Money } from "./kpi-sql";
import { monthBuckets, type Period } from "./period";

export interface MonthTrend {
  /** "YYYY-MM" */
  month: string;
  won: number;
  lost: number;
  /** won ÷ (won + lost) */
  winRate: number | null;
  revenue: Money;
}

export interface MonthlyTrendsInput {
  period: Period;
  filter?: KpiFilter;
  pipelineId?: number;
}

/** Won revenue and win rate per calendar month of P (months clipped to P), in one query. */
export async function queryMonthlyTrends(sql: KpiSql, viewer: Viewer, input: MonthlyTrendsInput): Promise<MonthTrend[]> {
  assertViewer(viewer);
  const buckets = monthBuckets(input.period);
  const pipeline = input.pipelineId === undefined ? Prisma.sql`TRUE` : Prisma.sql`d.pipeline_id = ${input.pipelineId}`;
  const values = Prisma.join(
    buckets.map((b, i) => Prisma.sql`(${i}::int, ${b.month}::text, ${b.start.toISOString()}::timestamptz, ${b.end.toISOString()}::timestamptz)`),
  );
  return sql.$queryRaw<MonthTrend[]>(Prisma.sql`
    WITH months AS (SELECT * FROM (VALUES ${values}) AS v (i, month, start_at, end_at)),
    scoped AS (${scopedRepsSql(viewer, input.filter)}),
    closed AS (
      SELECT m.i,
             count(*) FILTER (WHERE d.status = 'WON') AS won,
             count(*) FILTER (WHERE d.status = 'LOST') AS lost,
             sum(d.amount) FILTER (WHERE d.status = 'WON') AS revenue
      FROM months m
      JOIN deal d ON d.org_id = ${viewer.orgId} AND d.closed_at >= m.start_at AND d.closed_at < m.end_at
      WHERE ${dealInScopeSql(viewer, input.filter)} AND ${pipeline}
      GROUP BY m.i
    )
    SELECT m.month,
           coalesce(c.won, 0)::int AS won,
           coalesce(c.lost, 0)::int AS lost,
           c.won::float8 / nullif(c.won + c.lost, 0)::float8 AS "winRate",
           coalesce(c.revenue, 0)::numeric(20, 2)::text AS revenue
    FROM months m
    LEFT JOIN closed c ON c.i = m.i
    ORDER BY m.i`);
}
