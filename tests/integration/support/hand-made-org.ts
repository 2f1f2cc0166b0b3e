// Builders for the small organisations a KPI test writes out by hand (edge cases, running cohorts): one pipeline
// of numbered open stages, deals of 1 000.00 with their stage history, and only the fields a case is about spelled out.
import type { RefDeal, RefPipeline, RefStageChange } from "../../support/kpi-reference/org";

/** Stage change ids increase in the order the changes are built, as the database records them. */
let changeId = 1000;

/** Changes into each stage at its instant, in the order given. */
export function stageHistory(...changes: [stageId: number, at: string | Date][]): RefStageChange[] {
  return changes.map(([stageId, at]) => ({ id: ++changeId, stageId, at: new Date(at) }));
}

/** "New business": open stages S1…Sn in the order given, then Won and Lost. */
export function newBusinessPipeline(id: number, stages: { open: number[]; won: number; lost: number }): RefPipeline {
  return {
    id,
    name: "New business",
    position: 0,
    stages: [
      ...stages.open.map((stageId, i) => ({ id: stageId, name: `S${i + 1}`, position: i + 1, kind: "OPEN" as const })),
      { id: stages.won, name: "Won", position: stages.open.length + 1, kind: "WON" },
      { id: stages.lost, name: "Lost", position: stages.open.length + 2, kind: "LOST" },
    ],
  };
}

/** A new deal of 1 000.00, open and without a reason unless `fields` say otherwise, in the stage its history ends in. */
export function refDeal(id: number, fields: Partial<RefDeal> & Pick<RefDeal, "pipelineId" | "ownerId" | "createdAt" | "history">): RefDeal {
  const last = fields.history.at(-1);
  if (!last) throw new Error(`deal ${id} has no stage history`);
  return {
    id,
    stageId: last.stageId,
    closedOwnerId: null,
    type: "NEW",
    amountCents: 100_000n,
    closedAt: null,
    status: "OPEN",
    lostReason: null,
    ...fields,
  };
}
