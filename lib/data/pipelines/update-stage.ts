import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import type { UpdateStageInput } from "@/lib/validation/pipelines";
import { recordAudit } from "../audit";
import type { Tx } from "../in-transaction";
import { recordStageBaselines, recordStageRevisions } from "./stage-revision";
import { assertStageNameFree, assertStageRulesEditor, findOrgStage, stageFields } from "./pipeline-access";

/**
 * Renames a stage; for an open stage also sets its buyer-journey stage, the buyer's question, its probability and
 * whether it is the pipeline's first-meeting stage (at most one is: marking one unmarks the other). None of these
 * enters a stage's rank, so no history is recomputed (lead chains follow the first-meeting mark). A change of these
 * settings writes a stage revision (stage_revision), so the editor shows when which settings applied.
 */
export async function updateStage(viewer: Viewer, input: UpdateStageInput, tx: Tx): Promise<void> {
  await assertStageRulesEditor(tx, viewer);
  const { stage } = await findOrgStage(tx, viewer, input.stageId);
  if ((stage.kind === "OPEN") !== (input.part === "open")) {
    throw new AppError("CONFLICT", { messageKey: "pipelinesAdmin.errors.endsHaveOnlyAName", detail: `stage ${stage.id} is ${stage.kind}, the form was for ${input.part}` });
  }
  if (input.name !== stage.name) await assertStageNameFree(tx, stage.pipelineId, input.name, stage.id);
  const data =
    input.part === "open"
      ? { name: input.name, buyerStage: input.buyerStage, buyerQuestion: input.buyerQuestion, probability: input.probability, isFirstMeeting: input.isFirstMeeting }
      : { name: input.name };
  const changed = Object.fromEntries(Object.entries(data).filter(([key, value]) => stage[key as keyof typeof data] !== value));
  if (Object.keys(changed).length === 0) return;
  // The settings history: a revision for each stage whose settings change (a rename alone is not one).
  const settingsChanged = Object.keys(changed).some((key) => key !== "name");
  if (settingsChanged) await recordStageBaselines(tx, [stage.id]);
  let unmarked: { id: number; name: string } | null = null;
  if (changed.isFirstMeeting === true) {
    const previous = await tx.stage.findFirst({ where: { pipelineId: stage.pipelineId, isFirstMeeting: true, id: { not: stage.id } }, select: { id: true, name: true } });
    if (previous) {
      await recordStageBaselines(tx, [previous.id]);
      await tx.stage.update({ where: { id: previous.id }, data: { isFirstMeeting: false } });
      unmarked = previous;
    }
  }
  const after = await tx.stage.update({ where: { id: stage.id }, data: changed, select: stageFields });
  await recordStageRevisions(tx, [...(unmarked ? [unmarked.id] : []), ...(settingsChanged ? [stage.id] : [])], viewer.userId);
  const before = Object.fromEntries(Object.keys(changed).map((key) => [key, stage[key as keyof typeof stage]]));
  await recordAudit(tx, viewer, {
    action: "stage.update",
    entity: "stage",
    entityId: stage.id,
    before,
    after: { ...Object.fromEntries(Object.keys(changed).map((key) => [key, after[key as keyof typeof after]])), ...(unmarked ? { firstMeetingBefore: unmarked } : {}) },
  });
}
