import "server-only";
import { db } from "@/lib/db/client";
import type { BuyerStage } from "@/lib/db/generated/enums";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";

export interface StageGuide {
  stageId: number;
  buyerStage: BuyerStage | null;
  buyerQuestion: string | null;
  criteria: string[];
}

/** Each open stage's buyer-journey stage, the buyer's question and its exit criteria (the organisation's stage rules). */
export async function listStageGuides(viewer: Viewer): Promise<Map<number, StageGuide>> {
  assertViewer(viewer);
  const stages = await db.stage.findMany({
    where: { kind: "OPEN", pipeline: { orgId: viewer.orgId } },
    select: { id: true, buyerStage: true, buyerQuestion: true, criteria: { where: { retiredAt: null }, select: { question: true }, orderBy: { position: "asc" } } },
  });
  return new Map(stages.map((s) => [s.id, { stageId: s.id, buyerStage: s.buyerStage, buyerQuestion: s.buyerQuestion, criteria: s.criteria.map((c) => c.question) }]));
}
