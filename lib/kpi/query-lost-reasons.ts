import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { dealInScopeSql, scopedRepsSql, type KpiFilter } from "./kpi-filter";
import type { KpiSql, Money } from "./kpi-sql";
import { previousPeriod, type Period } from "./period";
import { CURRENT, periodsSql } from "./periods-sql";

/** The reason recorded when an import leaves it empty (KPI.md). */
export const UNKNOWN_REASON = "unknown";

export interface LostReasonRow {
  pipelineId: number;
  /** The stage the deal was in before its final change into LOST; null when its history does not say. */
  fromStageId: number | null;
  reason: string;
  count: number;
  amount: Money;
}

export interface LostReasons {
  period: Period;
  previousPeriod: Period;
  current: LostReasonRow[];
  previous: LostReasonRow[];
}

export interface LostReasonsInput {
  period: Period;
  filter?: KpiFilter;
  pipelineId?: number;
}

/** KPI.md lost reasons: deals lost in P (status LOST, closedAt in P) by reason and the stage they were lost from. */
export async function queryLostReasons(sql: KpiSql, viewer: Viewer, input: LostReasonsInput): Promise<LostReasons> {
  assertViewer(viewer);
  const previous = previousPeriod(input.period);
  const pipeline = input.pipelineId === undefined ? Prisma.sql`TRUE` : Prisma.sql`d.pipeline_id = ${input.pipelineId}`;
  const rows = await sql.$queryRaw<(LostReasonRow & { p: number })[]>(Prisma.sql`
    WITH periods AS (${periodsSql(input.period, previous)}),
    scoped AS (${scopedRepsSql(viewer, input.filter)}),
    lost AS (
      SELECT p.p, d.pipeline_id, d.amount,
             coalesce(nullif(d.lost_reason, ''), ${UNKNOWN_REASON}) AS reason,
             CASE WHEN f.final_kind = 'LOST' THEN f.prev_stage_id END AS from_stage_id
      FROM deal d
      JOIN periods p ON d.closed_at >= p.start_at AND d.closed_at < p.end_at
      -- The last change of the deal's history (deal_stage_fact, kept current by triggers) and the stage before it.
      LEFT JOIN deal_stage_fact f ON f.deal_id = d.id AND f.is_last
      WHERE d.org_id = ${viewer.orgId}
        AND d.status = 'LOST'
        AND ${dealInScopeSql(viewer, input.filter)}
        AND ${pipeline}
    )
    SELECT l.p, l.pipeline_id AS "pipelineId", l.from_stage_id AS "fromStageId", l.reason,
           count(*)::int AS count, coalesce(sum(l.amount), 0)::numeric(20, 2)::text AS amount
    FROM lost l
    LEFT JOIN stage s ON s.id = l.from_stage_id
    GROUP BY l.p, l.pipeline_id, l.from_stage_id, s.position, l.reason
    ORDER BY l.p, l.pipeline_id, s.position NULLS LAST, count(*) DESC, l.reason`);
  const inPeriod = (current: boolean): LostReasonRow[] =>
    rows
      .filter((row) => (row.p === CURRENT) === current)
      .map((row) => ({ pipelineId: row.pipelineId, fromStageId: row.fromStageId, reason: row.reason, count: row.count, amount: row.amount }));
  return { period: input.period, previousPeriod: previous, current: inPeriod(true), previous: inPeriod(false) };
}
