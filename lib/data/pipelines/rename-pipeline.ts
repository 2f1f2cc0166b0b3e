import type { Viewer } from "@/lib/auth/viewer";
import type { RenamePipelineInput } from "@/lib/validation/pipelines";
import { recordAudit } from "../audit";
import type { Tx } from "../in-transaction";
import { assertPipelineNameFree, assertStageRulesEditor, lockOrgPipeline } from "./pipeline-access";

export async function renamePipeline(viewer: Viewer, input: RenamePipelineInput, tx: Tx): Promise<void> {
  await assertStageRulesEditor(tx, viewer);
  const pipeline = await lockOrgPipeline(tx, viewer, input.pipelineId);
  if (pipeline.name === input.name) return;
  await assertPipelineNameFree(tx, viewer.orgId, input.name, pipeline.id);
  await tx.pipeline.update({ where: { id: pipeline.id }, data: { name: input.name } });
  await recordAudit(tx, viewer, { action: "pipeline.rename", entity: "pipeline", entityId: pipeline.id, before: { name: pipeline.name }, after: { name: input.name } });
}
