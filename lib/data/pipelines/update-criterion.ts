import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import type { UpdateCriterionInput } from "@/lib/validation/pipelines";
import { recordAudit } from "../audit";
import type { Tx } from "../in-transaction";
import { assertQuestionFree } from "./add-criterion";
import { assertStageRulesEditor, criterionFields, findOrgCriterion } from "./pipeline-access";

/**
 * Rewords a criterion. One nobody answered is reworded in place. One with answers is a new rule: it is retired (its
 * answers stay with the question they were given to, and it still counts for the dates it was in force) and a new
 * criterion with the new wording takes its place in the list, in force from now on. A retired criterion is not
 * reworded (restore it first).
 */
export async function updateCriterion(viewer: Viewer, input: UpdateCriterionInput, tx: Tx): Promise<{ replacedBy: number | null }> {
  await assertStageRulesEditor(tx, viewer);
  const { criterion, stage } = await findOrgCriterion(tx, viewer, input.criterionId);
  if (criterion.question === input.question) return { replacedBy: null };
  if (criterion.retiredAt !== null) throw new AppError("CONFLICT", { messageKey: "pipelinesAdmin.errors.criterionRetired", detail: `criterion ${criterion.id} is retired` });
  await assertQuestionFree(tx, stage.id, input.question, criterion.id);
  const answers = await tx.dealCriterionAnswer.count({ where: { criterionId: criterion.id } });
  if (answers === 0) {
    await tx.stageCriterion.update({ where: { id: criterion.id }, data: { question: input.question } });
    await recordAudit(tx, viewer, {
      action: "criterion.update",
      entity: "stage_criterion",
      entityId: criterion.id,
      before: { question: criterion.question },
      after: { question: input.question, answers },
    });
    return { replacedBy: null };
  }
  // Positions are unique per stage: the retired one moves before the first, the new one takes its place.
  const now = new Date();
  const first = await tx.stageCriterion.aggregate({ where: { stageId: stage.id }, _min: { position: true } });
  await tx.stageCriterion.update({ where: { id: criterion.id }, data: { retiredAt: now, position: (first._min.position ?? criterion.position) - 1 } });
  const created = await tx.stageCriterion.create({
    data: { stageId: stage.id, position: criterion.position, question: input.question, introducedAt: now },
    select: criterionFields,
  });
  await recordAudit(tx, viewer, {
    action: "criterion.retire",
    entity: "stage_criterion",
    entityId: criterion.id,
    before: { active: true },
    after: { active: false, retiredAt: now.toISOString(), answers, replacedBy: created.id },
  });
  await recordAudit(tx, viewer, {
    action: "criterion.create",
    entity: "stage_criterion",
    entityId: created.id,
    after: { ...created, stage: stage.name, replaces: { id: criterion.id, question: criterion.question } },
  });
  return { replacedBy: created.id };
}
