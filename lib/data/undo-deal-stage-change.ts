import { Prisma, type DealStatus } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { recordAudit } from "./audit";
import { dealInScopeSql } from "./get-deal";
import type { Tx } from "./in-transaction";

interface Target {
  dealId: number;
  fromStageId: number | null;
  toStageId: number;
  stageId: number;
  status: DealStatus;
  latestId: number;
}

/**
 * Takes back a stage change made by changeDealStage (a meeting decision that is changed): the change is deleted, as if
 * it had never happened, and the deal is open again in the stage it came from (changeDealStage only moves open deals).
 * Only while it is still the deal's latest change and the deal still sits where it put it; otherwise the deal has
 * moved on and the answer is CONFLICT. The triggers on deal_stage_change recompute the derived tables.
 */
export async function undoDealStageChange(viewer: Viewer, changeId: number, tx: Tx): Promise<void> {
  assertViewer(viewer);
  if (viewer.role === "REP") throw new AppError("FORBIDDEN", { detail: `rep ${viewer.userId} may not change deal stages` });
  const [target] = await tx.$queryRaw<Target[]>(Prisma.sql`
    SELECT c.deal_id AS "dealId", c.from_stage_id AS "fromStageId", c.to_stage_id AS "toStageId", d.stage_id AS "stageId", d.status,
           (SELECT l.id FROM deal_stage_change l WHERE l.deal_id = d.id ORDER BY l.at DESC, l.id DESC LIMIT 1) AS "latestId"
    FROM deal_stage_change c
    JOIN deal d ON d.id = c.deal_id, rep r
    WHERE c.id = ${changeId} AND ${dealInScopeSql(viewer)}
    FOR UPDATE OF d`);
  if (!target) throw new AppError("NOT_FOUND", { detail: `stage change ${changeId} is not in the scope of user ${viewer.userId}` });
  if (target.latestId !== changeId || target.stageId !== target.toStageId || target.fromStageId === null) {
    throw new AppError("CONFLICT", { messageKey: "stageChangedSince", detail: `deal ${target.dealId} moved after change ${changeId}` });
  }
  await tx.dealStageChange.delete({ where: { id: changeId } });
  await tx.deal.update({
    where: { id: target.dealId },
    data: { stageId: target.fromStageId, status: "OPEN", closedAt: null, closedOwnerId: null, lostReason: null },
  });
  await recordAudit(tx, viewer, {
    action: "deal.undo_stage_change",
    entity: "deal",
    entityId: target.dealId,
    before: { stageId: target.toStageId, status: target.status, changeId },
    after: { stageId: target.fromStageId, status: "OPEN" },
  });
}
