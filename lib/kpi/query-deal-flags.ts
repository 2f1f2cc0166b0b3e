import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import type { KpiSql, Money } from "./kpi-sql";
import { DEAL_FLAGS, flaggedDealsSql, type DealFlag, type QualificationInput } from "./qualification-sql";

/** One open deal at D with its KPI.md flags (for the pipeline meeting and the review's teaching moments). */
export interface FlaggedDeal {
  dealId: number;
  name: string;
  repId: number;
  pipelineId: number;
  stageId: number;
  amount: Money | null;
  /** Local date "YYYY-MM-DD". */
  expectedCloseAt: string | null;
  daysInStage: number;
  daysSinceActivity: number;
  flags: DealFlag[];
}

export interface DealFlagsInput extends QualificationInput {
  /** Only deals carrying at least one flag (default) or every open deal. */
  onlyFlagged?: boolean;
}

interface Row {
  dealId: number;
  name: string;
  repId: number;
  pipelineId: number;
  stageId: number;
  amount: string | null;
  expectedCloseAt: string | null;
  daysInStage: number;
  daysSinceActivity: number;
  misqualified: boolean;
  stale: boolean;
  pastCloseDate: boolean;
  noNextStep: boolean;
  noAmount: boolean;
  stuck: boolean;
  skippedStage: boolean;
}

const COLUMN: Record<DealFlag, keyof Row> = {
  MISQUALIFIED: "misqualified",
  STALE: "stale",
  PAST_CLOSE_DATE: "pastCloseDate",
  NO_NEXT_STEP: "noNextStep",
  NO_AMOUNT: "noAmount",
  STUCK: "stuck",
  SKIPPED_STAGE: "skippedStage",
};

/** The open deals at D of the reps whose rows the viewer may see, with their flags, most flags first. */
export async function queryDealFlags(sql: KpiSql, viewer: Viewer, input: DealFlagsInput): Promise<FlaggedDeal[]> {
  assertViewer(viewer);
  const onlyFlagged = input.onlyFlagged ?? true;
  const rows = await sql.$queryRaw<Row[]>(Prisma.sql`
    WITH ${await flaggedDealsSql(sql, viewer, input)}
    SELECT f.id AS "dealId", f.name, f.rep_id AS "repId", f.pipeline_id AS "pipelineId", f.stage_id AS "stageId",
           f.amount::numeric(20, 2)::text AS amount, to_char(f.expected_close_at, 'YYYY-MM-DD') AS "expectedCloseAt",
           f.days_in_stage AS "daysInStage", f.days_since_activity AS "daysSinceActivity",
           f.misqualified, f.stale, f.past_close_date AS "pastCloseDate", f.no_next_step AS "noNextStep",
           f.no_amount AS "noAmount", f.stuck, f.skipped_stage AS "skippedStage"
    FROM flagged f
    WHERE f.rep_id IN (SELECT id FROM scoped WHERE visible)
      AND (${!onlyFlagged} OR f.misqualified OR f.stale OR f.past_close_date OR f.no_next_step OR f.no_amount OR f.stuck OR f.skipped_stage)
    ORDER BY (f.misqualified::int + f.stale::int + f.past_close_date::int + f.no_next_step::int + f.no_amount::int + f.stuck::int + f.skipped_stage::int) DESC,
             f.amount DESC NULLS LAST, f.id`);
  return rows.map((row) => ({
    dealId: row.dealId,
    name: row.name,
    repId: row.repId,
    pipelineId: row.pipelineId,
    stageId: row.stageId,
    amount: row.amount,
    expectedCloseAt: row.expectedCloseAt,
    daysInStage: row.daysInStage,
    daysSinceActivity: row.daysSinceActivity,
    flags: DEAL_FLAGS.filter((flag) => row[COLUMN[flag]] === true),
  }));
}
