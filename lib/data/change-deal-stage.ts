import { Prisma, type DealStatus, type StageKind } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { recordAudit } from "./audit";
import { dealInScopeSql } from "./get-deal";
import type { Tx } from "./in-transaction";

export interface ChangeDealStageInput {
  dealId: number;
  /** A stage of the deal's own pipeline, other than the one it is in. */
  toStageId: number;
  /** Required when the target stage is a LOST one (KPI.md: a lost deal must have a reason). */
  lostReason?: string | null;
}

export interface StageChanged {
  changeId: number;
  fromStageId: number;
  toStageId: number;
  status: DealStatus;
  at: Date;
}

interface LockedDeal {
  id: number;
  stageId: number;
  status: DealStatus;
  ownerId: number;
  pipelineId: number;
  /** When the deal's latest stage change happened (null without history): the new one must come after it. */
  lastChangeAt: Date | null;
}

const STATUS_OF: Record<StageKind, DealStatus> = { OPEN: "OPEN", WON: "WON", LOST: "LOST" };

/**
 * The one write path for moving an open deal to another stage of its pipeline: a deal_stage_change row by the viewer,
 * now, and the deal's stage, status, closed_at, closed_owner_id and lost_reason as KPI.md reads them (a WON or LOST
 * stage closes the deal, attributed to its owner at that moment), in the caller's transaction. The triggers on
 * deal_stage_change and deal keep the derived KPI tables exact. Managers (their teams' deals) and admins only: a rep
 * does not move deals; any deal outside the scope answers NOT_FOUND like a missing one.
 */
export async function changeDealStage(viewer: Viewer, input: ChangeDealStageInput, tx: Tx): Promise<StageChanged> {
  assertViewer(viewer);
  if (viewer.role === "REP") throw new AppError("FORBIDDEN", { detail: `rep ${viewer.userId} may not change deal stages` });
  const [deal] = await tx.$queryRaw<LockedDeal[]>(Prisma.sql`
    SELECT d.id, d.stage_id AS "stageId", d.status, d.owner_id AS "ownerId", d.pipeline_id AS "pipelineId",
           (SELECT max(c.at) FROM deal_stage_change c WHERE c.deal_id = d.id) AS "lastChangeAt"
    FROM deal d, rep r
    WHERE d.id = ${input.dealId} AND ${dealInScopeSql(viewer)}
    FOR UPDATE OF d`);
  if (!deal) throw new AppError("NOT_FOUND", { detail: `deal ${input.dealId} is not in the scope of user ${viewer.userId}` });
  if (deal.status !== "OPEN") throw new AppError("CONFLICT", { messageKey: "dealNotOpen", detail: `deal ${deal.id} is ${deal.status}` });

  const stage = await tx.stage.findFirst({ where: { id: input.toStageId, pipelineId: deal.pipelineId }, select: { id: true, kind: true } });
  if (!stage) throw new AppError("NOT_FOUND", { detail: `stage ${input.toStageId} is not in pipeline ${deal.pipelineId}` });
  if (stage.id === deal.stageId) throw new AppError("CONFLICT", { messageKey: "stageUnchanged", detail: `deal ${deal.id} is in stage ${stage.id} already` });
  const lostReason = input.lostReason?.trim() || null;
  if (stage.kind === "LOST" && !lostReason) throw new AppError("INVALID", { messageKey: "lostReasonRequired", detail: `deal ${deal.id}: no lost reason` });

  const status = STATUS_OF[stage.kind];
  // Never before the deal's latest change, so the history's order (at, id) puts this change last.
  const [change] = await tx.$queryRaw<Array<{ id: number; at: Date }>>(Prisma.sql`
    INSERT INTO deal_stage_change (deal_id, from_stage_id, to_stage_id, at, by_user_id)
    VALUES (${deal.id}, ${deal.stageId}, ${stage.id}, greatest(now(), ${deal.lastChangeAt}::timestamptz), ${viewer.userId})
    RETURNING id, at`);
  if (!change) throw new Error(`deal ${deal.id}: the stage change was not written`);
  const closed = status !== "OPEN";
  await tx.deal.update({
    where: { id: deal.id },
    data: {
      stageId: stage.id,
      status,
      closedAt: closed ? change.at : null,
      closedOwnerId: closed ? deal.ownerId : null,
      lostReason: status === "LOST" ? lostReason : null,
    },
  });
  await recordAudit(tx, viewer, {
    action: "deal.change_stage",
    entity: "deal",
    entityId: deal.id,
    before: { stageId: deal.stageId, status: deal.status },
    after: { stageId: stage.id, status, at: change.at, lostReason: status === "LOST" ? lostReason : null, changeId: change.id },
  });
  return { changeId: change.id, fromStageId: deal.stageId, toStageId: stage.id, status, at: change.at };
}
