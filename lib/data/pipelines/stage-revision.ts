// A stage's settings history (stage_revision): written by every path that sets a stage's buyer-journey stage, buyer
// question, probability or first-meeting mark, in the same transaction. Imports nothing server-only: the command line
// writes it too.
import type { Tx } from "../in-transaction";

/** From when a stage's first settings apply: since before any data, like the criteria a pipeline starts with. */
export const SINCE_ALWAYS = new Date(0);

const settingsFields = { id: true, buyerStage: true, buyerQuestion: true, probability: true, isFirstMeeting: true } as const;

async function insertRevisions(tx: Tx, stageIds: readonly number[], changedById: number | null, validFrom: Date): Promise<void> {
  const stages = await tx.stage.findMany({ where: { id: { in: [...stageIds] } }, select: settingsFields, orderBy: { id: "asc" } });
  await tx.stageRevision.createMany({ data: stages.map(({ id, ...settings }) => ({ stageId: id, validFrom, changedById, ...settings })) });
}

/**
 * Before a change of their settings: the stages that have no revision yet (made by the demo data, an import or before
 * the history was kept, where the migration did not reach them) get their settings as they are now as the first one,
 * in force since always, so the change has something to differ from.
 */
export async function recordStageBaselines(tx: Tx, stageIds: readonly number[]): Promise<void> {
  if (stageIds.length === 0) return;
  const known = await tx.stageRevision.findMany({ where: { stageId: { in: [...stageIds] } }, distinct: ["stageId"], select: { stageId: true } });
  const missing = stageIds.filter((id) => !known.some((row) => row.stageId === id));
  if (missing.length > 0) await insertRevisions(tx, missing, null, SINCE_ALWAYS);
}

/** Notes the stages' settings as they are now in the transaction, in force from validFrom (now by default). */
export async function recordStageRevisions(tx: Tx, stageIds: readonly number[], changedById: number | null, validFrom: Date = new Date()): Promise<void> {
  if (stageIds.length === 0) return;
  await insertRevisions(tx, stageIds, changedById, validFrom);
}
