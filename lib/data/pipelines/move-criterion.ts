import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import type { MoveCriterionInput } from "@/lib/validation/pipelines";
import { recordAudit } from "../audit";
import type { Tx } from "../in-transaction";
import { assertStageRulesEditor, findOrgCriterion } from "./pipeline-access";

/** Swaps an active criterion with the active one before or after it (through a free position: they are unique). */
export async function moveCriterion(viewer: Viewer, input: MoveCriterionInput, tx: Tx): Promise<void> {
  await assertStageRulesEditor(tx, viewer);
  const { criterion, stage } = await findOrgCriterion(tx, viewer, input.criterionId);
  if (criterion.retiredAt !== null) throw new AppError("CONFLICT", { messageKey: "pipelinesAdmin.errors.criterionRetired", detail: `criterion ${criterion.id} is retired` });
  const all = await tx.stageCriterion.findMany({ where: { stageId: stage.id }, orderBy: [{ position: "asc" }, { id: "asc" }], select: { id: true, position: true, retiredAt: true, question: true } });
  const active = all.filter((c) => c.retiredAt === null);
  const index = active.findIndex((c) => c.id === criterion.id);
  const other = active[input.direction === "up" ? index - 1 : index + 1];
  if (!other) return;
  const free = Math.min(...all.map((c) => c.position)) - 1;
  await tx.stageCriterion.update({ where: { id: criterion.id }, data: { position: free } });
  await tx.stageCriterion.update({ where: { id: other.id }, data: { position: criterion.position } });
  await tx.stageCriterion.update({ where: { id: criterion.id }, data: { position: other.position } });
  await recordAudit(tx, viewer, {
    action: "criterion.move",
    entity: "stage_criterion",
    entityId: criterion.id,
    before: { order: active.map((c) => c.question) },
    after: { order: active.map((c) => (c.id === criterion.id ? other.question : c.id === other.id ? criterion.question : c.question)), direction: input.direction },
  });
}
