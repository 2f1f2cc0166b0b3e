import type { Viewer } from "@/lib/auth/viewer";
import type { UpdateCriterionInput } from "@/lib/validation/pipelines";
import { recordAudit } from "../audit";
import type { Tx } from "../in-transaction";
import { assertQuestionFree } from "./add-criterion";
import { assertStageRulesEditor, findOrgCriterion } from "./pipeline-access";

/** Rewords a criterion (the audit log keeps the wording its answers were given to). */
export async function updateCriterion(viewer: Viewer, input: UpdateCriterionInput, tx: Tx): Promise<void> {
  await assertStageRulesEditor(tx, viewer);
  const { criterion, stage } = await findOrgCriterion(tx, viewer, input.criterionId);
  if (criterion.question === input.question) return;
  await assertQuestionFree(tx, stage.id, input.question, criterion.id);
  await tx.stageCriterion.update({ where: { id: criterion.id }, data: { question: input.question } });
  const answers = await tx.dealCriterionAnswer.count({ where: { criterionId: criterion.id } });
  await recordAudit(tx, viewer, {
    action: "criterion.update",
    entity: "stage_criterion",
    entityId: criterion.id,
    before: { question: criterion.question },
    after: { question: input.question, answers },
  });
}
