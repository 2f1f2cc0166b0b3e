import { Prisma } from "@/lib/db/generated/client";
import type { Tx } from "../in-transaction";

/** What would be lost or rewritten by removing a stage. */
export interface StageHistory {
  /** Deals whose current stage it is. */
  inStage: number;
  /** Other deals whose history entered or left it. */
  passedThrough: number;
  /** Deals that answered one of its exit criteria. */
  answered: number;
}

export function hasHistory(history: StageHistory): boolean {
  return history.inStage + history.passedThrough + history.answered > 0;
}

/**
 * A stage's history, exactly: every row that refers to it (the history's from_stage_id too, which has no index; this
 * runs only when a removal is asked for).
 */
export async function stageHistory(tx: Tx, stageId: number): Promise<StageHistory> {
  const [row] = await tx.$queryRaw<StageHistory[]>(Prisma.sql`
    SELECT (SELECT count(*) FROM deal WHERE stage_id = ${stageId})::int AS "inStage",
           (SELECT count(DISTINCT c.deal_id) FROM deal_stage_change c JOIN deal d ON d.id = c.deal_id
             WHERE (c.to_stage_id = ${stageId} OR c.from_stage_id = ${stageId}) AND d.stage_id <> ${stageId})::int AS "passedThrough",
           (SELECT count(DISTINCT a.deal_id) FROM deal_criterion_answer a JOIN stage_criterion sc ON sc.id = a.criterion_id
             WHERE sc.stage_id = ${stageId})::int AS answered`);
  return row ?? { inStage: 0, passedThrough: 0, answered: 0 };
}

/**
 * Every stage's history in a pipeline, for the editor: the entries into each stage (from_stage_id follows the entry
 * before it, so a deal that left a stage entered it), read through the stage index.
 */
export async function pipelineStageHistories(client: Pick<Tx, "$queryRaw">, pipelineId: number): Promise<Map<number, StageHistory>> {
  const rows = await client.$queryRaw<Array<StageHistory & { stageId: number }>>(Prisma.sql`
    SELECT s.id AS "stageId",
           coalesce(now_in.n, 0)::int AS "inStage",
           coalesce(passed.n, 0)::int AS "passedThrough",
           coalesce(answered.n, 0)::int AS answered
    FROM stage s
    LEFT JOIN (SELECT stage_id, count(*) AS n FROM deal WHERE pipeline_id = ${pipelineId} GROUP BY stage_id) now_in ON now_in.stage_id = s.id
    LEFT JOIN (
      SELECT c.to_stage_id, count(DISTINCT c.deal_id) AS n
      FROM deal_stage_change c JOIN deal d ON d.id = c.deal_id
      WHERE c.to_stage_id IN (SELECT id FROM stage WHERE pipeline_id = ${pipelineId}) AND d.stage_id <> c.to_stage_id
      GROUP BY c.to_stage_id
    ) passed ON passed.to_stage_id = s.id
    LEFT JOIN (
      SELECT sc.stage_id, count(DISTINCT a.deal_id) AS n
      FROM deal_criterion_answer a JOIN stage_criterion sc ON sc.id = a.criterion_id
      WHERE sc.stage_id IN (SELECT id FROM stage WHERE pipeline_id = ${pipelineId})
      GROUP BY sc.stage_id
    ) answered ON answered.stage_id = s.id
    WHERE s.pipeline_id = ${pipelineId}`);
  return new Map(rows.map(({ stageId, ...history }) => [stageId, history]));
}
