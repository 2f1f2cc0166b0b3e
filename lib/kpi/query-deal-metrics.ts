import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { scopedRepsSql, type KpiFilter } from "./kpi-filter";
import type { KpiSql, Money } from "./kpi-sql";
import { previousPeriod, type Period } from "./period";
import { dealEventRowsSql } from "./deal-events-sql";
import { CURRENT, PREVIOUS, periodsSql } from "./periods-sql";

/**
 * KPI.md "Deals" for one period. Counts are integers, money is an exact decimal string with two places,
 * ratios are fractions 0–1; a ratio whose denominator is zero is `null`, never 0.
 */
export interface DealFigures {
  won: number;
  lost: number;
  /** won ÷ (won + lost) */
  winRate: number | null;
  /** Σ amount of won deals (a deal without an amount adds nothing). */
  revenue: Money;
  /** revenue ÷ won, rounded to cents. */
  avgDealSize: Money | null;
  /** Calendar days from creation to close over won deals, in the organisation's time zone: mean to 2 decimals. */
  cycleMeanDays: number | null;
  cycleMedianDays: number | null;
  pipelineCreated: { count: number; amount: Money };
  /** Σ quota of the quota periods that lie inside P. */
  quota: Money;
  /** revenue ÷ quota */
  quotaAttainment: number | null;
  /** Of the reps with a quota in P, the share whose own revenue reached it. */
  repsAtQuota: number | null;
  expansion: { count: number; revenue: Money };
  /** Renewals lost: count, Σ amount, and lost ÷ (won + lost) renewals. */
  churn: { count: number; amount: Money; rate: number | null };
}

export interface DealMetricsRep {
  repId: number;
  name: string;
  teamId: number | null;
  current: DealFigures;
  previous: DealFigures;
}

export interface DealMetrics {
  period: Period;
  previousPeriod: Period;
  /** The viewer's scope narrowed by the filter: team figures are sums over the team's reps. */
  total: { current: DealFigures; previous: DealFigures };
  /** Every rep in scope whose row the viewer may see (a REP: only their own), ordered by name. */
  reps: DealMetricsRep[];
}

export interface DealMetricsInput {
  /** Built with the organisation's time zone. */
  period: Period;
  filter?: KpiFilter;
  pipelineId?: number;
}

interface Row {
  p: number;
  repId: number | null;
  name: string | null;
  teamId: number | null;
  won: number;
  lost: number;
  winRate: number | null;
  revenue: string;
  avgDealSize: string | null;
  cycleMeanDays: number | null;
  cycleMedianDays: number | null;
  createdCount: number;
  createdAmount: string;
  quota: string;
  quotaAttainment: number | null;
  repsAtQuota: number | null;
  expansionCount: number;
  expansionRevenue: string;
  churnCount: number;
  churnAmount: string;
  churnRate: number | null;
}

/**
 * One aggregate query for P and P′: per rep (grouped by the rep a deal is attributed to,
 * COALESCE(closed_owner_id, owner_id)) and for the whole scope.
 */
export async function queryDealMetrics(sql: KpiSql, viewer: Viewer, input: DealMetricsInput): Promise<DealMetrics> {
  assertViewer(viewer);
  const previous = previousPeriod(input.period);
  const money = (expression: Prisma.Sql) => Prisma.sql`coalesce(${expression}, 0)::numeric(20, 2)::text`;
  const ratio = (numerator: Prisma.Sql, denominator: Prisma.Sql) =>
    Prisma.sql`(${numerator})::float8 / nullif((${denominator})::float8, 0)`;

  // The figures from the aggregates in `x`, with the cycle median given apart (the `cycles` CTE).
  const figures = (x: string, cycleMedian: Prisma.Sql) => {
    const a = Prisma.raw(x);
    return Prisma.sql`
      coalesce(${a}.won, 0)::int AS won,
      coalesce(${a}.lost, 0)::int AS lost,
      ${ratio(Prisma.sql`${a}.won`, Prisma.sql`${a}.won + ${a}.lost`)} AS "winRate",
      ${money(Prisma.sql`${a}.revenue`)} AS revenue,
      round(coalesce(${a}.revenue, 0) / nullif(${a}.won, 0), 2)::numeric(20, 2)::text AS "avgDealSize",
      round(${a}.cycle_sum::numeric / nullif(${a}.won, 0), 2)::float8 AS "cycleMeanDays",
      ${cycleMedian} AS "cycleMedianDays",
      coalesce(${a}.created_count, 0)::int AS "createdCount",
      ${money(Prisma.sql`${a}.created_amount`)} AS "createdAmount",
      coalesce(${a}.expansion_count, 0)::int AS "expansionCount",
      ${money(Prisma.sql`${a}.expansion_revenue`)} AS "expansionRevenue",
      coalesce(${a}.churn_count, 0)::int AS "churnCount",
      ${money(Prisma.sql`${a}.churn_amount`)} AS "churnAmount",
      ${ratio(Prisma.sql`${a}.churn_count`, Prisma.sql`${a}.churn_count + ${a}.renewals_won`)} AS "churnRate"`;
  };

  const rows = await sql.$queryRaw<Row[]>(Prisma.sql`
    WITH periods AS (${periodsSql(input.period, previous)}),
    scoped AS (${scopedRepsSql(viewer, input.filter)}),
    events AS (
      -- Deals created, won and lost in P and P′ per rep, type and cycle: whole local months from deal_month, edge days from deal.
      ${dealEventRowsSql(viewer, [
        { p: CURRENT, ...input.period },
        { p: PREVIOUS, ...previous },
      ], { filter: input.filter, pipelineId: input.pipelineId })}
    ),
    deal_agg AS (
      SELECT p, rep_id, GROUPING(rep_id) AS is_total,
             coalesce(sum(n) FILTER (WHERE event = 'WON'), 0) AS won,
             coalesce(sum(n) FILTER (WHERE event = 'LOST'), 0) AS lost,
             sum(amount) FILTER (WHERE event = 'WON') AS revenue,
             sum(cycle_days * n) FILTER (WHERE event = 'WON') AS cycle_sum,
             coalesce(sum(n) FILTER (WHERE event = 'CREATED'), 0) AS created_count,
             sum(amount) FILTER (WHERE event = 'CREATED') AS created_amount,
             coalesce(sum(n) FILTER (WHERE event = 'WON' AND type = 'EXPANSION'), 0) AS expansion_count,
             sum(amount) FILTER (WHERE event = 'WON' AND type = 'EXPANSION') AS expansion_revenue,
             coalesce(sum(n) FILTER (WHERE event = 'WON' AND type = 'RENEWAL'), 0) AS renewals_won,
             coalesce(sum(n) FILTER (WHERE event = 'LOST' AND type = 'RENEWAL'), 0) AS churn_count,
             sum(amount) FILTER (WHERE event = 'LOST' AND type = 'RENEWAL') AS churn_amount
      FROM events
      GROUP BY GROUPING SETS ((p), (p, rep_id))
    ),
    -- The cycle medians, for the whole scope (rep_id NULL) and per rep: one value per won deal (a row of n deals, n times).
    cycles AS (
      SELECT e.p, e.rep_id, GROUPING(e.rep_id) AS is_total, percentile_cont(0.5) WITHIN GROUP (ORDER BY e.cycle_days) AS median_days
      FROM events e
      CROSS JOIN LATERAL generate_series(1, e.n) AS copy
      WHERE e.event = 'WON'
      GROUP BY GROUPING SETS ((e.p), (e.p, e.rep_id))
    ),
    quota_agg AS (
      SELECT p.p, q.rep_id, sum(q.amount) AS quota
      FROM periods p
      JOIN quota q ON q.period_start >= p.start_day AND q.period_end < p.end_day
      WHERE q.rep_id IN (SELECT id FROM scoped)
      GROUP BY p.p, q.rep_id
    ),
    rep_rows AS (
      SELECT s.id AS rep_id, s.name, s.team_id, s.visible, p.p,
             a.won, a.lost, a.revenue, a.cycle_sum, c.median_days AS cycle_median, a.created_count, a.created_amount,
             a.expansion_count, a.expansion_revenue, a.renewals_won, a.churn_count, a.churn_amount,
             coalesce(q.quota, 0) AS quota
      FROM scoped s
      CROSS JOIN periods p
      LEFT JOIN deal_agg a ON a.is_total = 0 AND a.rep_id = s.id AND a.p = p.p
      LEFT JOIN cycles c ON c.is_total = 0 AND c.rep_id = s.id AND c.p = p.p
      LEFT JOIN quota_agg q ON q.rep_id = s.id AND q.p = p.p
    ),
    quota_totals AS (
      SELECT p,
             sum(quota) AS quota,
             count(*) FILTER (WHERE quota > 0 AND coalesce(revenue, 0) >= quota) AS at_quota,
             count(*) FILTER (WHERE quota > 0) AS with_quota
      FROM rep_rows
      GROUP BY p
    )
    SELECT p.p, NULL::int AS "repId", NULL::text AS name, NULL::int AS "teamId",
           ${figures("a", Prisma.sql`c.median_days`)},
           ${money(Prisma.sql`t.quota`)} AS quota,
           ${ratio(Prisma.sql`coalesce(a.revenue, 0)`, Prisma.sql`t.quota`)} AS "quotaAttainment",
           ${ratio(Prisma.sql`t.at_quota`, Prisma.sql`t.with_quota`)} AS "repsAtQuota"
    FROM periods p
    LEFT JOIN deal_agg a ON a.is_total = 1 AND a.p = p.p
    LEFT JOIN cycles c ON c.is_total = 1 AND c.p = p.p
    LEFT JOIN quota_totals t ON t.p = p.p
    UNION ALL
    SELECT r.p, r.rep_id, r.name, r.team_id,
           ${figures("r", Prisma.sql`r.cycle_median`)},
           ${money(Prisma.sql`r.quota`)} AS quota,
           ${ratio(Prisma.sql`coalesce(r.revenue, 0)`, Prisma.sql`r.quota`)} AS "quotaAttainment",
           ${ratio(Prisma.sql`(r.quota > 0 AND coalesce(r.revenue, 0) >= r.quota)::int`, Prisma.sql`(r.quota > 0)::int`)} AS "repsAtQuota"
    FROM rep_rows r
    WHERE r.visible
    ORDER BY 2 NULLS FIRST, 1`);

  return shapeDealMetrics(input.period, previous, rows);
}

function figuresOf(row: Row): DealFigures {
  return {
    won: row.won,
    lost: row.lost,
    winRate: row.winRate,
    revenue: row.revenue,
    avgDealSize: row.avgDealSize,
    cycleMeanDays: row.cycleMeanDays,
    cycleMedianDays: row.cycleMedianDays,
    pipelineCreated: { count: row.createdCount, amount: row.createdAmount },
    quota: row.quota,
    quotaAttainment: row.quotaAttainment,
    repsAtQuota: row.repsAtQuota,
    expansion: { count: row.expansionCount, revenue: row.expansionRevenue },
    churn: { count: row.churnCount, amount: row.churnAmount, rate: row.churnRate },
  };
}

function shapeDealMetrics(period: Period, previous: Period, rows: Row[]): DealMetrics {
  const pair = (list: Row[]) => {
    const current = list.find((row) => row.p === CURRENT);
    const before = list.find((row) => row.p !== CURRENT);
    if (!current || !before) throw new Error("Deal metrics: a period is missing from the query result");
    return { current: figuresOf(current), previous: figuresOf(before) };
  };
  const byRep = new Map<number, Row[]>();
  for (const row of rows) {
    if (row.repId === null) continue;
    byRep.set(row.repId, [...(byRep.get(row.repId) ?? []), row]);
  }
  const reps = [...byRep.entries()].map(([repId, list]) => ({
    repId,
    name: list[0]?.name ?? "",
    teamId: list[0]?.teamId ?? null,
    ...pair(list),
  }));
  reps.sort((a, b) => a.name.localeCompare(b.name) || a.repId - b.repId);
  return { period, previousPeriod: previous, total: pair(rows.filter((row) => row.repId === null)), reps };
}
