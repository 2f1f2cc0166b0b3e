import { Prisma, type MeetingStatus, type MeetingWalkOrder } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import type { Tx } from "../in-transaction";
import { meetingRunnableSql } from "./meeting-access";

export interface MeetingForWrite {
  id: number;
  teamId: number;
  status: MeetingStatus;
  walkOrder: MeetingWalkOrder;
  dealIds: number[];
  currentDealId: number | null;
  version: number;
  facilitatorId: number | null;
  managerId: number | null;
}

/**
 * The meeting a write is about, locked for the rest of the transaction so the writes of one meeting take turns (two
 * managers or two tabs) and its version counts each once. Only its team's manager and admins may write; a rep gets
 * FORBIDDEN, anyone else NOT_FOUND as for a missing id; a meeting that is not in progress is read-only (CONFLICT).
 * With `dealId`, the deal must be one the meeting walks.
 */
export async function meetingForWrite(viewer: Viewer, meetingId: number, tx: Tx, dealId?: number): Promise<MeetingForWrite> {
  assertViewer(viewer);
  if (viewer.role === "REP") throw new AppError("FORBIDDEN", { detail: `rep ${viewer.userId} may not run meeting ${meetingId}` });
  const [meeting] = await tx.$queryRaw<MeetingForWrite[]>(Prisma.sql`
    SELECT m.id, m.team_id AS "teamId", m.status, m.walk_order AS "walkOrder", coalesce(m.deal_ids, '{}') AS "dealIds",
           m.current_deal_id AS "currentDealId", m.version, m.facilitator_id AS "facilitatorId", t.manager_id AS "managerId"
    FROM pipeline_meeting m JOIN team t ON t.id = m.team_id
    WHERE m.id = ${meetingId} AND ${meetingRunnableSql(viewer)}
    FOR UPDATE OF m`);
  if (!meeting) throw new AppError("NOT_FOUND", { detail: `meeting ${meetingId} is not runnable by user ${viewer.userId}` });
  if (meeting.status !== "IN_PROGRESS") throw new AppError("CONFLICT", { messageKey: "meetingNotInProgress", detail: `meeting ${meetingId} is ${meeting.status}` });
  if (dealId !== undefined && !meeting.dealIds.includes(dealId)) {
    throw new AppError("NOT_FOUND", { detail: `deal ${dealId} is not walked by meeting ${meetingId}` });
  }
  return meeting;
}
