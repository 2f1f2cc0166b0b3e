import { Prisma, type DecisionKind, type DealStatus, type StageKind } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { queryDealFlags } from "@/lib/kpi/query-deal-flags";
import type { MeetingDecisionInput, MeetingDecisionKind } from "@/lib/validation/meeting";
import { recordAudit } from "../audit";
import { changeDealStage } from "../change-deal-stage";
import { dealInScopeSql } from "../get-deal";
import type { Tx } from "../in-transaction";
import { undoDealStageChange } from "../undo-deal-stage-change";
import { updateDealNextStep } from "../update-deal-next-step";
import { bumpMeetingVersion } from "./bump-meeting-version";
import { listNextStepOwners } from "./list-next-step-owners";
import { meetingForWrite } from "./meeting-for-write";

interface DealRow {
  id: number;
  pipelineId: number;
  stageId: number;
  status: DealStatus;
  expectedCloseAt: string | null;
}

interface Existing {
  id: number;
  kind: DecisionKind;
  version: number;
  nextStep: string | null;
  ownerId: number | null;
  note: string | null;
  stageChangeId: number | null;
  decidedBy: string | null;
}

const MOVES: ReadonlySet<MeetingDecisionKind> = new Set(["ADVANCE", "MOVE_BACK", "CLOSE_LOST"]);

/**
 * Records the meeting's decision on one of its deals, at once and audited, in one transaction:
 * - one decision per deal and meeting. The caller names the version it started from (0: none); if another manager or
 *   tab decided meanwhile, nothing is written and the answer is CONFLICT naming who decided what. Saving again from
 *   that version replaces it, explicitly. The meeting row is locked first, so two saves take turns (the unique
 *   (meeting_id, deal_id) index is the backstop).
 * - ADVANCE moves the deal to the next open stage once every exit criterion of its stage is answered yes; MOVE_BACK to
 *   the previous open stage; CLOSE_LOST to the pipeline's LOST stage with the reason. Through changeDealStage, the
 *   write path of every stage change, so the KPI tables stay exact. Changing a decision that moved the deal takes the
 *   move back first (only while it is the deal's latest change).
 * - the next step goes onto the deal too (update-deal-next-step), with its owner: one of listNextStepOwners (the deal
 *   owner's login, the team's manager, the facilitator or the viewer).
 */
export async function decideMeetingDeal(viewer: Viewer, input: MeetingDecisionInput, tx: Tx): Promise<{ version: number; decisionVersion: number }> {
  assertViewer(viewer);
  const meeting = await meetingForWrite(viewer, input.meetingId, tx, input.dealId);
  const deal = await lockedDeal(viewer, input.dealId, tx);

  const [existing] = await tx.$queryRaw<Existing[]>(Prisma.sql`
    SELECT md.id, md.kind, md.version, md.next_step AS "nextStep", md.owner_id AS "ownerId", md.note, md.stage_change_id AS "stageChangeId",
           u.name AS "decidedBy"
    FROM meeting_decision md LEFT JOIN app_user u ON u.id = md.decided_by_id
    WHERE md.meeting_id = ${meeting.id} AND md.deal_id = ${deal.id}
    FOR UPDATE OF md`);
  if ((existing?.version ?? 0) !== input.baseVersion) {
    throw new AppError("CONFLICT", {
      messageKey: "meetingDecisionConflict",
      values: { who: existing?.decidedBy ?? "—", decision: existing?.kind ?? "other" },
      detail: `decision on deal ${deal.id} in meeting ${meeting.id} is at version ${existing?.version ?? 0}, not ${input.baseVersion}`,
    });
  }
  const owners = await listNextStepOwners(viewer, meeting.id, deal.id, tx);
  if (input.ownerId !== null && !owners.some((owner) => owner.id === input.ownerId)) {
    throw new AppError("INVALID", { messageKey: "meetingOwnerInvalid", detail: `user ${input.ownerId} may not own a next step on deal ${deal.id}` });
  }

  // The flags the deal carried when it came up: read before this decision changes anything.
  const flags = existing ? null : ((await queryDealFlags(tx, viewer, { at: new Date(), dealId: deal.id, onlyFlagged: false }))[0]?.flags ?? []);

  let stageChangeId = existing?.stageChangeId ?? null;
  const sameMove = existing !== undefined && existing.kind === input.decision && stageChangeId !== null;
  if (stageChangeId !== null && !sameMove) {
    await undoDealStageChange(viewer, stageChangeId, tx);
    stageChangeId = null;
  }
  if (MOVES.has(input.decision) && !sameMove) {
    const toStageId = await targetStage(tx, await lockedDeal(viewer, deal.id, tx), input.decision);
    stageChangeId = (await changeDealStage(viewer, { dealId: deal.id, toStageId, lostReason: input.lostReason }, tx)).changeId;
  } else if (sameMove && input.decision === "CLOSE_LOST") {
    await updateLostReason(viewer, deal.id, input.lostReason, tx);
  }

  if (input.nextStep !== null) {
    // The same write path as the deal page; the expected close date stays what it is.
    await updateDealNextStep(viewer, { dealId: deal.id, nextStep: input.nextStep, expectedCloseAt: deal.expectedCloseAt }, tx);
  }

  const fields = { kind: input.decision, note: input.note, nextStep: input.nextStep, ownerId: input.ownerId, stageChangeId };
  let decision: { id: number; version: number };
  if (existing) {
    decision = await tx.meetingDecision.update({
      where: { id: existing.id },
      data: { ...fields, decidedById: viewer.userId, version: { increment: 1 } },
      select: { id: true, version: true },
    });
  } else {
    const [inserted] = await tx.$queryRaw<Array<{ id: number; version: number }>>(Prisma.sql`
      INSERT INTO meeting_decision (meeting_id, deal_id, decided_by_id, kind, note, flags, next_step, owner_id, stage_change_id)
      VALUES (${meeting.id}, ${deal.id}, ${viewer.userId}, ${input.decision}::"DecisionKind", ${input.note}, ${flags ?? []}::text[],
              ${input.nextStep}, ${input.ownerId}, ${stageChangeId})
      ON CONFLICT (meeting_id, deal_id) DO NOTHING
      RETURNING id, version`);
    if (!inserted) throw new AppError("CONFLICT", { messageKey: "CONFLICT", detail: `a decision on deal ${deal.id} in meeting ${meeting.id} appeared meanwhile` });
    decision = inserted;
  }
  await recordAudit(tx, viewer, {
    action: "meeting.decide",
    entity: "meeting_decision",
    entityId: decision.id,
    before: existing ? { kind: existing.kind, nextStep: existing.nextStep, ownerId: existing.ownerId, note: existing.note, version: existing.version } : undefined,
    after: { meetingId: meeting.id, dealId: deal.id, ...fields, lostReason: input.decision === "CLOSE_LOST" ? input.lostReason : undefined, version: decision.version },
  });
  return { version: await bumpMeetingVersion(tx, meeting.id), decisionVersion: decision.version };
}

async function lockedDeal(viewer: Viewer, dealId: number, tx: Tx): Promise<DealRow> {
  const [deal] = await tx.$queryRaw<DealRow[]>(Prisma.sql`
    SELECT d.id, d.pipeline_id AS "pipelineId", d.stage_id AS "stageId", d.status, d.expected_close_at::text AS "expectedCloseAt"
    FROM deal d, rep r
    WHERE d.id = ${dealId} AND ${dealInScopeSql(viewer)}
    FOR UPDATE OF d`);
  if (!deal) throw new AppError("NOT_FOUND", { detail: `deal ${dealId} is not in the scope of user ${viewer.userId}` });
  return deal;
}

/** Where a moving decision takes the deal: the next or previous open stage, or the pipeline's LOST stage. */
async function targetStage(tx: Tx, deal: DealRow, decision: MeetingDecisionKind): Promise<number> {
  const stages = await tx.stage.findMany({
    where: { pipelineId: deal.pipelineId },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: { id: true, name: true, kind: true },
  });
  if (decision === "CLOSE_LOST") {
    const lost = stages.find((stage) => stage.kind === "LOST");
    if (!lost) throw new AppError("NOT_FOUND", { detail: `pipeline ${deal.pipelineId} has no LOST stage` });
    return lost.id;
  }
  const open = stages.filter((stage: { kind: StageKind }) => stage.kind === "OPEN");
  const index = open.findIndex((stage) => stage.id === deal.stageId);
  const current = open[index];
  if (deal.status !== "OPEN" || !current) throw new AppError("CONFLICT", { messageKey: "dealNotOpen", detail: `deal ${deal.id} is not in an open stage` });
  if (decision === "MOVE_BACK") {
    const previous = open[index - 1];
    if (!previous) throw new AppError("INVALID", { messageKey: "moveBackFromFirstStage", values: { stage: current.name }, detail: `deal ${deal.id} is in the first stage` });
    return previous.id;
  }
  const next = open[index + 1];
  if (!next) throw new AppError("INVALID", { messageKey: "advanceFromLastStage", values: { stage: current.name }, detail: `deal ${deal.id} is in the last open stage` });
  const [unmet] = await tx.$queryRaw<Array<{ count: number }>>(Prisma.sql`
    SELECT count(*)::int AS count
    FROM stage_criterion sc
    LEFT JOIN deal_criterion_answer a ON a.criterion_id = sc.id AND a.deal_id = ${deal.id}
    WHERE sc.stage_id = ${current.id} AND sc.retired_at IS NULL AND a.answer IS NOT TRUE`);
  if ((unmet?.count ?? 0) > 0) {
    throw new AppError("INVALID", { messageKey: "advanceCriteriaOpen", values: { stage: current.name, count: unmet!.count }, detail: `deal ${deal.id}: ${unmet!.count} open criteria` });
  }
  return next.id;
}

/** A lost deal's reason, changed by saving its CLOSE_LOST decision again. */
async function updateLostReason(viewer: Viewer, dealId: number, lostReason: string | null, tx: Tx): Promise<void> {
  if (!lostReason) throw new AppError("INVALID", { messageKey: "lostReasonRequired", detail: `deal ${dealId}: no lost reason` });
  const before = await tx.deal.findUniqueOrThrow({ where: { id: dealId }, select: { lostReason: true } });
  if (before.lostReason === lostReason) return;
  await tx.deal.update({ where: { id: dealId }, data: { lostReason } });
  await recordAudit(tx, viewer, { action: "deal.update_lost_reason", entity: "deal", entityId: dealId, before, after: { lostReason } });
}
