import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { MAX_CRITERIA, type AddCriterionInput } from "@/lib/validation/pipelines";
import { recordAudit } from "../audit";
import type { Tx } from "../in-transaction";
import { SINCE_ALWAYS } from "./stage-revision";
import { assertOpenStage, assertStageRulesEditor, criterionFields, findOrgStage } from "./pipeline-access";

/** A stage's questions are unique regardless of case, retired ones included (restore one instead of repeating it). */
export async function assertQuestionFree(tx: Tx, stageId: number, question: string, exceptCriterionId: number | null): Promise<void> {
  const clash = await tx.stageCriterion.findFirst({
    where: { stageId, question: { equals: question, mode: "insensitive" }, ...(exceptCriterionId === null ? {} : { id: { not: exceptCriterionId } }) },
    select: { id: true },
  });
  if (clash) throw new AppError("CONFLICT", { messageKey: "pipelinesAdmin.errors.questionTaken", field: "question", detail: `stage ${stageId} asks "${question}" already` });
}

export async function assertCriteriaRoom(tx: Tx, stageId: number): Promise<void> {
  const active = await tx.stageCriterion.count({ where: { stageId, retiredAt: null } });
  if (active >= MAX_CRITERIA) throw new AppError("CONFLICT", { messageKey: "pipelinesAdmin.errors.tooManyCriteria", values: { max: MAX_CRITERIA }, detail: `stage ${stageId} is full` });
}

/**
 * Adds a yes/no exit criterion at the end of an open stage's list, in force from now on (not for earlier dates). While
 * the pipeline holds no deal it is still being set up: the criterion is one of its first rules, in force since always,
 * so deals imported into it afterwards, with their history, are judged by it.
 */
export async function addCriterion(viewer: Viewer, input: AddCriterionInput, tx: Tx): Promise<void> {
  await assertStageRulesEditor(tx, viewer);
  const { stage } = await findOrgStage(tx, viewer, input.stageId);
  assertOpenStage(stage);
  await assertCriteriaRoom(tx, stage.id);
  await assertQuestionFree(tx, stage.id, input.question, null);
  const last = await tx.stageCriterion.aggregate({ where: { stageId: stage.id }, _max: { position: true } });
  const hasDeals = (await tx.deal.findFirst({ where: { pipelineId: stage.pipelineId }, select: { id: true } })) !== null;
  const criterion = await tx.stageCriterion.create({ data: { stageId: stage.id, question: input.question, position: (last._max.position ?? 0) + 1, introducedAt: hasDeals ? new Date() : SINCE_ALWAYS }, select: criterionFields });
  await recordAudit(tx, viewer, { action: "criterion.create", entity: "stage_criterion", entityId: criterion.id, after: { ...criterion, stage: stage.name } });
}
