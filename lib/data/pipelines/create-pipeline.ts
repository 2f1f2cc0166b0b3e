import type { Viewer } from "@/lib/auth/viewer";
import { pipelineFromStageNames, pipelineFromTemplate } from "@/lib/pipelines/templates";
import type { CreatePipelineInput } from "@/lib/validation/pipelines";
import { recordAudit } from "../audit";
import type { Tx } from "../in-transaction";
import { insertPipeline } from "./insert-pipeline";
import { assertStageRulesEditor } from "./pipeline-access";

/** A new pipeline from a template (its content in the viewer's language) or from bare stage names. */
export async function createPipeline(viewer: Viewer, input: CreatePipelineInput, tx: Tx): Promise<{ pipelineId: number }> {
  await assertStageRulesEditor(tx, viewer);
  const spec =
    input.template === "empty" ? pipelineFromStageNames(input.name, input.stages, viewer.locale) : pipelineFromTemplate(input.template, viewer.locale, input.name);
  const pipeline = await insertPipeline(tx, viewer.orgId, spec, viewer.userId);
  await recordAudit(tx, viewer, {
    action: "pipeline.create",
    entity: "pipeline",
    entityId: pipeline.id,
    after: { name: pipeline.name, template: input.template, stages: pipeline.stages },
  });
  return { pipelineId: pipeline.id };
}
