import type { Viewer } from "@/lib/auth/viewer";
import { withDerivedDataDeferredInTransaction } from "@/lib/db/derived-data";
import { AppError } from "@/lib/errors";
import type { MoveStageInput } from "@/lib/validation/pipelines";
import { recordAudit } from "../audit";
import type { Tx } from "../in-transaction";
import { assertStageRulesEditor, findOrgStage, pipelineStages } from "./pipeline-access";

/**
 * Swaps an open stage with the open stage before or after it. Positions are unique in a pipeline, so one of the two
 * goes through a free position first; the ranks of every history in the pipeline change, and the derived tables are
 * recomputed once, after the three updates.
 */
export async function moveStage(viewer: Viewer, input: MoveStageInput, tx: Tx): Promise<void> {
  await assertStageRulesEditor(tx, viewer);
  const { stage, pipeline } = await findOrgStage(tx, viewer, input.stageId);
  if (stage.kind !== "OPEN") throw new AppError("CONFLICT", { messageKey: "pipelinesAdmin.errors.endsStayLast", detail: `stage ${stage.id} is an end` });
  const stages = await pipelineStages(tx, pipeline.id);
  const open = stages.filter((s) => s.kind === "OPEN");
  const index = open.findIndex((s) => s.id === stage.id);
  const other = open[input.direction === "up" ? index - 1 : index + 1];
  if (!other) return;
  const free = Math.min(...stages.map((s) => s.position)) - 1;
  await withDerivedDataDeferredInTransaction(tx, async () => {
    await tx.stage.update({ where: { id: stage.id }, data: { position: free } });
    await tx.stage.update({ where: { id: other.id }, data: { position: stage.position } });
    await tx.stage.update({ where: { id: stage.id }, data: { position: other.position } });
  });
  await recordAudit(tx, viewer, {
    action: "stage.move",
    entity: "stage",
    entityId: stage.id,
    before: { order: open.map((s) => s.name) },
    after: { order: open.map((s) => (s.id === stage.id ? other.name : s.id === other.id ? stage.name : s.name)), direction: input.direction },
  });
}
