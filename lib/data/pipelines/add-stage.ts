import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { MAX_OPEN_STAGES, type AddStageInput } from "@/lib/validation/pipelines";
import { recordAudit } from "../audit";
import type { Tx } from "../in-transaction";
import { SINCE_ALWAYS, recordStageRevisions } from "./stage-revision";
import { assertStageNameFree, assertStageRulesEditor, lockOrgPipeline, pipelineStages, stageFields } from "./pipeline-access";

/**
 * Adds an open stage after the last open one (the won and lost ends move up a place when they are in the way: their
 * rank does not depend on their position, so no history is recomputed), or the won or lost end a pipeline lacks.
 */
export async function addStage(viewer: Viewer, input: AddStageInput, tx: Tx): Promise<{ stageId: number }> {
  await assertStageRulesEditor(tx, viewer);
  const pipeline = await lockOrgPipeline(tx, viewer, input.pipelineId);
  const stages = await pipelineStages(tx, pipeline.id);
  await assertStageNameFree(tx, pipeline.id, input.name, null);
  const open = stages.filter((s) => s.kind === "OPEN");
  const lastPosition = Math.max(0, ...stages.map((s) => s.position));
  let position: number;
  if (input.kind === "OPEN") {
    if (open.length >= MAX_OPEN_STAGES) {
      throw new AppError("CONFLICT", { messageKey: "pipelinesAdmin.errors.tooManyStages", values: { max: MAX_OPEN_STAGES }, detail: `pipeline ${pipeline.id} is full` });
    }
    position = Math.max(0, ...open.map((s) => s.position)) + 1;
    // From the highest down, so each one moves to a free place.
    for (const end of stages.filter((s) => s.position >= position).reverse()) {
      await tx.stage.update({ where: { id: end.id }, data: { position: end.position + 1 } });
    }
  } else {
    if (stages.some((s) => s.kind === input.kind)) {
      throw new AppError("CONFLICT", { messageKey: input.kind === "WON" ? "pipelinesAdmin.errors.wonExists" : "pipelinesAdmin.errors.lostExists", detail: `pipeline ${pipeline.id} has its ${input.kind} end` });
    }
    position = lastPosition + 1;
  }
  const stage = await tx.stage.create({
    data: { pipelineId: pipeline.id, name: input.name, position, kind: input.kind, probability: input.kind === "WON" ? 100 : 0 },
    select: stageFields,
  });
  // Nothing was in the new stage before: its first settings apply since always.
  await recordStageRevisions(tx, [stage.id], viewer.userId, SINCE_ALWAYS);
  await recordAudit(tx, viewer, { action: "stage.create", entity: "stage", entityId: stage.id, after: { ...stage, pipeline: pipeline.name } });
  return { stageId: stage.id };
}
