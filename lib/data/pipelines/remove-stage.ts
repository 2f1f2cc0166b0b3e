import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import type { RemoveStageInput } from "@/lib/validation/pipelines";
import { recordAudit } from "../audit";
import type { Tx } from "../in-transaction";
import { assertStageRulesEditor, findOrgStage, pipelineStages, type StageRow } from "./pipeline-access";
import { hasHistory, stageHistory } from "./stage-history";

/** The won and lost ends stay, and a pipeline keeps at least one open stage. */
export async function assertRemovableStage(tx: Tx, stage: StageRow): Promise<void> {
  if (stage.kind !== "OPEN") throw new AppError("CONFLICT", { messageKey: "pipelinesAdmin.errors.endsStay", detail: `stage ${stage.id} is an end` });
  const open = (await pipelineStages(tx, stage.pipelineId)).filter((s) => s.kind === "OPEN");
  if (open.length <= 1) throw new AppError("CONFLICT", { messageKey: "pipelinesAdmin.errors.needsOpenStage", detail: `stage ${stage.id} is the last open stage` });
}

/**
 * Removes an open stage that no deal is in, entered or left, and whose exit criteria nobody answered. Any of those
 * would rewrite history: the refusal says how many deals, and the editor offers to merge the stage into another.
 * Positions keep their gap: ranks only need the order.
 */
export async function removeStage(viewer: Viewer, input: RemoveStageInput, tx: Tx): Promise<void> {
  await assertStageRulesEditor(tx, viewer);
  const { stage } = await findOrgStage(tx, viewer, input.stageId);
  await assertRemovableStage(tx, stage);
  const history = await stageHistory(tx, stage.id);
  if (hasHistory(history)) {
    throw new AppError("CONFLICT", {
      messageKey: "pipelinesAdmin.errors.stageHasHistory",
      values: { stage: stage.name, ...history },
      detail: `stage ${stage.id}: ${JSON.stringify(history)}`,
    });
  }
  const criteria = await tx.stageCriterion.findMany({ where: { stageId: stage.id }, orderBy: { position: "asc" }, select: { id: true, question: true, introducedAt: true, retiredAt: true } });
  await tx.stage.delete({ where: { id: stage.id } });
  await recordAudit(tx, viewer, { action: "stage.delete", entity: "stage", entityId: stage.id, before: { ...stage, criteria } });
}
