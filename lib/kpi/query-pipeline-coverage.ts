import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { dealInScopeSql, scopedRepsSql, type KpiFilter } from "./kpi-filter";
import type { KpiSql, Money } from "./kpi-sql";
import { nextPeriod, previousPeriod, type Period } from "./period";
import { CURRENT, PREVIOUS, periodsSql } from "./periods-sql";

/**
 * KPI.md pipeline coverage for P: deals open when P ends (created before, not closed before) whose
 * expected close date lies in the next period N, Σ amount ÷ Σ quota of the quota periods inside N.
 */
export interface CoverageFigures {
  /** The period whose pipeline and quota are compared: the one after P. */
  next: { startDate: string; endDate: string };
  openDeals: number;
  openAmount: Money;
  quota: Money;
  coverage: number | null;
}

export interface PipelineCoverage {
  period: Period;
  previousPeriod: Period;
  current: CoverageFigures;
  /** For P′, the next period is P. */
  previous: CoverageFigures;
}

export interface PipelineCoverageInput {
  period: Period;
  filter?: KpiFilter;
  pipelineId?: number;
}

interface Row {
  p: number;
  openDeals: number;
  openAmount: string;
  quota: string;
  coverage: number | null;
}

export async function queryPipelineCoverage(sql: KpiSql, viewer: Viewer, input: PipelineCoverageInput): Promise<PipelineCoverage> {
  assertViewer(viewer);
  const previous = previousPeriod(input.period);
  const next = nextPeriod(input.period);
  const pipeline = input.pipelineId === undefined ? Prisma.sql`TRUE` : Prisma.sql`d.pipeline_id = ${input.pipelineId}`;
  // Row CURRENT holds N (after P), row PREVIOUS holds P (after P′).
  const rows = await sql.$queryRaw<Row[]>(Prisma.sql`
    WITH periods AS (${periodsSql(next, input.period)}),
    scoped AS (${scopedRepsSql(viewer, input.filter)}),
    open_deals AS (
      SELECT p.p, count(*) AS deals, sum(d.amount) AS amount
      FROM periods p
      JOIN deal d
        ON d.org_id = ${viewer.orgId}
       AND d.created_at < p.start_at
       AND (d.closed_at IS NULL OR d.closed_at >= p.start_at)
       AND d.expected_close_at >= p.start_day AND d.expected_close_at < p.end_day
      WHERE ${dealInScopeSql(viewer, input.filter)} AND ${pipeline}
      GROUP BY p.p
    ),
    quotas AS (
      SELECT p.p, sum(q.amount) AS quota
      FROM periods p
      JOIN quota q ON q.period_start >= p.start_day AND q.period_end < p.end_day
      WHERE q.rep_id IN (SELECT id FROM scoped)
      GROUP BY p.p
    )
    SELECT p.p,
           coalesce(o.deals, 0)::int AS "openDeals",
           coalesce(o.amount, 0)::numeric(20, 2)::text AS "openAmount",
           coalesce(q.quota, 0)::numeric(20, 2)::text AS quota,
           coalesce(o.amount, 0)::float8 / nullif(q.quota, 0)::float8 AS coverage
    FROM periods p
    LEFT JOIN open_deals o ON o.p = p.p
    LEFT JOIN quotas q ON q.p = p.p
    ORDER BY p.p`);
  const figures = (target: Period, index: number): CoverageFigures => {
    const row = rows.find((r) => r.p === index);
    if (!row) throw new Error("Pipeline coverage: a period is missing from the query result");
    return { next: { startDate: target.startDate, endDate: target.endDate }, openDeals: row.openDeals, openAmount: row.openAmount, quota: row.quota, coverage: row.coverage };
  };
  return { period: input.period, previousPeriod: previous, current: figures(next, CURRENT), previous: figures(input.period, PREVIOUS) };
}
