import { Prisma } from "@/lib/db/generated/client";
import type { Viewer } from "@/lib/auth/viewer";
import type { MovePipelineInput } from "@/lib/validation/pipelines";
import { recordAudit } from "../audit";
import type { Tx } from "../in-transaction";
import { assertStageRulesEditor, lockOrgPipeline } from "./pipeline-access";

/** Moves a pipeline one place up or down in the organisation's order (pipelines' positions need not be unique). */
export async function movePipeline(viewer: Viewer, input: MovePipelineInput, tx: Tx): Promise<void> {
  await assertStageRulesEditor(tx, viewer);
  await lockOrgPipeline(tx, viewer, input.pipelineId);
  // All of the organisation's pipelines, locked in order, so two reorders take turns.
  const pipelines = await tx.$queryRaw<Array<{ id: number; position: number }>>(Prisma.sql`
    SELECT id, position FROM pipeline WHERE org_id = ${viewer.orgId} ORDER BY position, id FOR UPDATE`);
  const from = pipelines.findIndex((p) => p.id === input.pipelineId);
  const to = input.direction === "up" ? from - 1 : from + 1;
  if (to < 0 || to >= pipelines.length) return;
  const order = pipelines.map((p) => p.id);
  [order[from], order[to]] = [order[to]!, order[from]!];
  for (const [position, id] of order.entries()) {
    if (pipelines.find((p) => p.id === id)!.position !== position) await tx.pipeline.update({ where: { id }, data: { position } });
  }
  await recordAudit(tx, viewer, {
    action: "pipeline.move",
    entity: "pipeline",
    entityId: input.pipelineId,
    before: { order: pipelines.map((p) => p.id) },
    after: { order, direction: input.direction },
  });
}
