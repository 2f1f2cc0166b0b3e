import type { Viewer } from "@/lib/auth/viewer";
import type { RestoreCriterionInput } from "@/lib/validation/pipelines";
import { recordAudit } from "../audit";
import type { Tx } from "../in-transaction";
import { assertCriteriaRoom } from "./add-criterion";
import { assertStageRulesEditor, findOrgCriterion } from "./pipeline-access";

/** Asks a retired criterion again, where it stood in the list. */
export async function restoreCriterion(viewer: Viewer, input: RestoreCriterionInput, tx: Tx): Promise<void> {
  await assertStageRulesEditor(tx, viewer);
  const { criterion, stage } = await findOrgCriterion(tx, viewer, input.criterionId);
  if (criterion.active) return;
  await assertCriteriaRoom(tx, stage.id);
  await tx.stageCriterion.update({ where: { id: criterion.id }, data: { active: true } });
  await recordAudit(tx, viewer, { action: "criterion.restore", entity: "stage_criterion", entityId: criterion.id, before: { active: false }, after: { active: true } });
}
