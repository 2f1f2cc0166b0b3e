import type { Viewer } from "@/lib/auth/viewer";
import type { RestoreCriterionInput } from "@/lib/validation/pipelines";
import { recordAudit } from "../audit";
import type { Tx } from "../in-transaction";
import { assertCriteriaRoom } from "./add-criterion";
import { assertStageRulesEditor, findOrgCriterion } from "./pipeline-access";

/**
 * Asks a retired criterion again, where it stood in the list, from now on: the time it was retired is kept as a pause,
 * so dates in it are still judged without the criterion.
 */
export async function restoreCriterion(viewer: Viewer, input: RestoreCriterionInput, tx: Tx): Promise<void> {
  await assertStageRulesEditor(tx, viewer);
  const { criterion, stage } = await findOrgCriterion(tx, viewer, input.criterionId);
  if (criterion.retiredAt === null) return;
  await assertCriteriaRoom(tx, stage.id);
  const restoredAt = new Date();
  await tx.stageCriterionPause.create({ data: { criterionId: criterion.id, retiredAt: criterion.retiredAt, restoredAt } });
  await tx.stageCriterion.update({ where: { id: criterion.id }, data: { retiredAt: null } });
  await recordAudit(tx, viewer, {
    action: "criterion.restore",
    entity: "stage_criterion",
    entityId: criterion.id,
    before: { active: false, retiredAt: criterion.retiredAt.toISOString() },
    after: { active: true, restoredAt: restoredAt.toISOString() },
  });
}
