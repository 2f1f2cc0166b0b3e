import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import type { DeletePipelineInput } from "@/lib/validation/pipelines";
import { recordAudit } from "../audit";
import type { Tx } from "../in-transaction";
import { assertStageRulesEditor, lockOrgPipeline, pipelineStages } from "./pipeline-access";

/** Deletes a pipeline no deal is in, with its stages and their criteria; one with deals keeps its history and stays. */
export async function deletePipeline(viewer: Viewer, input: DeletePipelineInput, tx: Tx): Promise<void> {
  await assertStageRulesEditor(tx, viewer);
  const pipeline = await lockOrgPipeline(tx, viewer, input.pipelineId);
  const deals = await tx.deal.count({ where: { pipelineId: pipeline.id } });
  if (deals > 0) {
    throw new AppError("CONFLICT", {
      messageKey: "pipelinesAdmin.errors.pipelineHasDeals",
      values: { pipeline: pipeline.name, count: deals },
      detail: `pipeline ${pipeline.id} has ${deals} deals`,
    });
  }
  const stages = await pipelineStages(tx, pipeline.id);
  const criteria = await tx.stageCriterion.findMany({ where: { stageId: { in: stages.map((s) => s.id) } }, orderBy: [{ stageId: "asc" }, { position: "asc" }] });
  await tx.pipeline.delete({ where: { id: pipeline.id } });
  await recordAudit(tx, viewer, { action: "pipeline.delete", entity: "pipeline", entityId: pipeline.id, before: { name: pipeline.name, stages, criteria } });
}
