import type { Viewer } from "@/lib/auth/viewer";
import { withDerivedDataDeferredInTransaction } from "@/lib/db/derived-data";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { MAX_CRITERIA, type MergeStageInput } from "@/lib/validation/pipelines";
import { recordAudit } from "../audit";
import type { Tx } from "../in-transaction";
import { recordStageBaselines, recordStageRevisions } from "./stage-revision";
import { assertStageRulesEditor, findOrgStage, stageFields } from "./pipeline-access";
import { assertRemovableStage } from "./remove-stage";
import { stageHistory } from "./stage-history";

export interface MergeResult {
  movedDeals: number;
  rewrittenChanges: number;
  droppedChanges: number;
  movedCriteria: number;
}

/**
 * Merges an open stage into another open stage of its pipeline, in the caller's transaction, and removes it:
 * - deals in it move to the other stage, and every history entry into it (or from it) becomes one into (or from) it;
 * - where that makes a deal enter the other stage twice in a row (S → T, T → S), the later entry goes: the deal was in
 *   the merged stage from the earlier one on, so its time there is the sum and it entered it once. from_stage_id
 *   follows the entry before it, as the import writes it; a remaining from = to (a history whose from_stage_id did not
 *   follow its entries) gets the stage of the entry before it;
 * - its exit criteria, answers and all, go to the end of the other stage's list (they keep their history; retire
 *   those the merged stage does not need); its first-meeting mark goes with its deals.
 * The derived tables are recomputed once from the rewritten histories, before the stage is deleted.
 */
export async function mergeStage(viewer: Viewer, input: MergeStageInput, tx: Tx): Promise<MergeResult> {
  await assertStageRulesEditor(tx, viewer);
  const { stage, pipeline } = await findOrgStage(tx, viewer, input.stageId);
  await assertRemovableStage(tx, stage);
  const into = await tx.stage.findFirst({ where: { id: input.intoStageId, pipelineId: pipeline.id }, select: stageFields });
  if (!into || into.kind !== "OPEN" || into.id === stage.id) {
    throw new AppError("CONFLICT", { messageKey: "pipelinesAdmin.errors.mergeTarget", field: "intoStageId", detail: `cannot merge stage ${stage.id} into ${input.intoStageId}` });
  }
  const active = await tx.stageCriterion.count({ where: { stageId: { in: [stage.id, into.id] }, retiredAt: null } });
  if (active > MAX_CRITERIA) {
    throw new AppError("CONFLICT", { messageKey: "pipelinesAdmin.errors.tooManyCriteria", values: { max: MAX_CRITERIA }, detail: `${active} active criteria after the merge` });
  }
  const history = await stageHistory(tx, stage.id);

  const result = await withDerivedDataDeferredInTransaction(tx, async (): Promise<MergeResult> => {
    const movedDeals = await tx.$executeRaw(Prisma.sql`UPDATE deal SET stage_id = ${into.id} WHERE stage_id = ${stage.id}`);
    const entries = await tx.$queryRaw<Array<{ id: number; dealId: number }>>(Prisma.sql`
      UPDATE deal_stage_change SET to_stage_id = ${into.id} WHERE to_stage_id = ${stage.id} RETURNING id, deal_id AS "dealId"`);
    const exits = await tx.$queryRaw<Array<{ dealId: number }>>(Prisma.sql`
      UPDATE deal_stage_change SET from_stage_id = ${into.id} WHERE from_stage_id = ${stage.id} RETURNING deal_id AS "dealId"`);
    const rewritten = entries.map((e) => e.id);
    const deals = [...new Set([...entries, ...exits].map((e) => e.dealId))];
    const dropped = await tx.$executeRaw(Prisma.sql`
      WITH h AS (
        SELECT c.id, c.to_stage_id, lag(c.to_stage_id) OVER w AS prev_stage, lag(c.id) OVER w AS prev_id
        FROM deal_stage_change c WHERE c.deal_id = ANY (${deals}::int[])
        WINDOW w AS (PARTITION BY c.deal_id ORDER BY c.at, c.id)
      )
      DELETE FROM deal_stage_change c USING h
      WHERE c.id = h.id AND h.to_stage_id = ${into.id} AND h.prev_stage = ${into.id}
        AND (h.id = ANY (${rewritten}::int[]) OR h.prev_id = ANY (${rewritten}::int[]))`);
    await tx.$executeRaw(Prisma.sql`
      UPDATE deal_stage_change c SET from_stage_id = x.prev
      FROM (SELECT id, lag(to_stage_id) OVER (PARTITION BY deal_id ORDER BY at, id) AS prev FROM deal_stage_change WHERE deal_id = ANY (${deals}::int[])) x
      WHERE c.id = x.id AND c.from_stage_id = ${into.id} AND c.to_stage_id = ${into.id} AND x.prev IS DISTINCT FROM c.from_stage_id`);
    const movedCriteria = await tx.$executeRaw(Prisma.sql`
      UPDATE stage_criterion sc SET stage_id = ${into.id}, position = m.last + x.n
      FROM (SELECT id, row_number() OVER (ORDER BY position, id) AS n FROM stage_criterion WHERE stage_id = ${stage.id}) x,
           (SELECT coalesce(max(position), 0) AS last FROM stage_criterion WHERE stage_id = ${into.id}) m
      WHERE sc.id = x.id`);
    if (stage.isFirstMeeting) {
      await recordStageBaselines(tx, [into.id]);
      await tx.stage.update({ where: { id: stage.id }, data: { isFirstMeeting: false } });
      await tx.stage.update({ where: { id: into.id }, data: { isFirstMeeting: true } });
      await recordStageRevisions(tx, [into.id], viewer.userId);
    }
    return { movedDeals, rewrittenChanges: rewritten.length, droppedChanges: dropped, movedCriteria };
  });
  await tx.stage.delete({ where: { id: stage.id } });
  await recordAudit(tx, viewer, {
    action: "stage.merge",
    entity: "stage",
    entityId: stage.id,
    before: { ...stage, history },
    after: { intoStageId: into.id, into: into.name, ...result, firstMeetingMoved: stage.isFirstMeeting },
  });
  return result;
}
