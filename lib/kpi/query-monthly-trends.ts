import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { dealEventRowsSql } from "./deal-events-sql";
import { scopedRepsSql, type KpiFilter } from "./kpi-filter";
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
  const months = Prisma.join(buckets.map((b, i) => Prisma.sql`(${i}::int, ${b.month}::text)`));
  const spans = buckets.map((b, i) => ({ p: i, startDate: b.startDate, endDate: b.endDate, timeZone: input.period.timeZone }));
  return sql.$queryRaw<MonthTrend[]>(Prisma.sql`
    WITH months AS (SELECT * FROM (VALUES ${months}) AS v (i, month)),
    scoped AS (${scopedRepsSql(viewer, input.filter)}),
    closed AS (
      -- Deals won and lost in each month: a whole local month from deal_month, a month clipped by P from deal.
      SELECT p AS i,
             coalesce(sum(n) FILTER (WHERE event = 'WON'), 0) AS won,
             coalesce(sum(n) FILTER (WHERE event = 'LOST'), 0) AS lost,
             sum(amount) FILTER (WHERE event = 'WON') AS revenue
      FROM (${dealEventRowsSql(viewer, spans, { filter: input.filter, pipelineId: input.pipelineId, events: ["WON", "LOST"] })}) e
      GROUP BY p
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
