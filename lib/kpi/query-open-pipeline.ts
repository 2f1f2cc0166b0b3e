import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { dealInScopeSql, scopedRepsSql, type KpiFilter } from "./kpi-filter";
import type { KpiSql, Money } from "./kpi-sql";
import { instantSql } from "./periods-sql";

export interface OpenPipelineStage {
  pipelineId: number;
  stageId: number;
  count: number;
  amount: Money;
}

export interface OpenPipelineInput {
  /** The instant D: deals created before D and not closed before D, in the stage they were in just before D. */
  at: Date;
  filter?: KpiFilter;
  pipelineId?: number;
}

/** KPI.md open pipeline at date D, by stage (from the deal's history; its current stage if it has none before D). */
export async function queryOpenPipeline(sql: KpiSql, viewer: Viewer, input: OpenPipelineInput): Promise<OpenPipelineStage[]> {
  assertViewer(viewer);
  const at = instantSql(input.at);
  const pipeline = input.pipelineId === undefined ? Prisma.sql`TRUE` : Prisma.sql`d.pipeline_id = ${input.pipelineId}`;
  return sql.$queryRaw<OpenPipelineStage[]>(Prisma.sql`
    WITH scoped AS (${scopedRepsSql(viewer, input.filter)}),
    open_deals AS MATERIALIZED (
      SELECT d.pipeline_id, d.amount,
             coalesce(
               (SELECT c.to_stage_id FROM deal_stage_change c
                 WHERE c.deal_id = d.id AND c.at < ${at}
                 ORDER BY c.at DESC, c.id DESC LIMIT 1),
               d.stage_id) AS stage_id
      FROM deal d
      WHERE d.org_id = ${viewer.orgId}
        AND d.created_at < ${at}
        AND (d.closed_at IS NULL OR d.closed_at >= ${at})
        AND ${dealInScopeSql(viewer, input.filter)}
        AND ${pipeline}
    )
    SELECT o.pipeline_id AS "pipelineId", o.stage_id AS "stageId", count(*)::int AS count,
           coalesce(sum(o.amount), 0)::numeric(20, 2)::text AS amount
    FROM open_deals o
    JOIN pipeline pl ON pl.id = o.pipeline_id
    JOIN stage s ON s.id = o.stage_id
    GROUP BY o.pipeline_id, o.stage_id, pl.position, s.position
    ORDER BY pl.position, o.pipeline_id, s.position`);
}
