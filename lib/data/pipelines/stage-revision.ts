// A stage's settings history (stage_revision): written by every path that sets a stage's buyer-journey stage, buyer
// question, probability or first-meeting mark, in the same transaction. Imports nothing server-only: the command line
// writes it too.
import type { Tx } from "../in-transaction";

/** From when a stage's first settings apply: since before any data, like the criteria a pipeline starts with. */
export const SINCE_ALWAYS = new Date(0);

/** Notes the stages' settings as they are now in the transaction, in force from validFrom (now by default). */
export async function recordStageRevisions(tx: Tx, stageIds: readonly number[], changedById: number | null, validFrom: Date = new Date()): Promise<void> {
  if (stageIds.length === 0) return;
  const stages = await tx.stage.findMany({
    where: { id: { in: [...stageIds] } },
    select: { id: true, buyerStage: true, buyerQuestion: true, probability: true, isFirstMeeting: true },
    orderBy: { id: "asc" },
  });
  await tx.stageRevision.createMany({
    data: stages.map(({ id, ...settings }) => ({ stageId: id, validFrom, changedById, ...settings })),
  });
}
