import type { Viewer } from "@/lib/auth/viewer";
import type { RemoveCriterionInput } from "@/lib/validation/pipelines";
import { recordAudit } from "../audit";
import type { Tx } from "../in-transaction";
import { assertStageRulesEditor, findOrgCriterion } from "./pipeline-access";

/**
 * Deletes a criterion nobody answered. One with answers is retired instead (retiredAt = now): qualification stops
 * asking it from now on, it still counts for the dates when it was in force, and the deals' answers keep the question
 * they were given to.
 */
export async function removeCriterion(viewer: Viewer, input: RemoveCriterionInput, tx: Tx): Promise<{ retired: boolean; answers: number }> {
  await assertStageRulesEditor(tx, viewer);
  const { criterion, stage } = await findOrgCriterion(tx, viewer, input.criterionId);
  const answers = await tx.dealCriterionAnswer.count({ where: { criterionId: criterion.id } });
  if (answers > 0) {
    const retiredAt = criterion.retiredAt ?? new Date();
    if (criterion.retiredAt === null) await tx.stageCriterion.update({ where: { id: criterion.id }, data: { retiredAt } });
    await recordAudit(tx, viewer, {
      action: "criterion.retire",
      entity: "stage_criterion",
      entityId: criterion.id,
      before: { active: criterion.retiredAt === null },
      after: { active: false, retiredAt: retiredAt.toISOString(), answers },
    });
    return { retired: true, answers };
  }
  await tx.stageCriterion.delete({ where: { id: criterion.id } });
  await recordAudit(tx, viewer, { action: "criterion.delete", entity: "stage_criterion", entityId: criterion.id, before: { ...criterion, stage: stage.name } });
  return { retired: false, answers: 0 };
}
