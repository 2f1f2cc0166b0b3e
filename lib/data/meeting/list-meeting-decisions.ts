import "server-only";
import { db } from "@/lib/db/client";
import { Prisma, type DecisionKind } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { dealInScopeSql } from "../get-deal";
import { meetingVisibleSql } from "./meeting-access";

export interface MeetingDecisionRow {
  id: number;
  dealId: number;
  dealName: string;
  rep: string;
  kind: DecisionKind;
  note: string | null;
  nextStep: string | null;
  ownerId: number | null;
  owner: string | null;
  decidedBy: string | null;
  updatedAt: Date;
  version: number;
  /** The deal's lost reason when the decision closed it. */
  lostReason: string | null;
  /** Where the decision moved the deal, when it did. */
  toStage: string | null;
}

/**
 * The decisions of one meeting on deals the viewer may see (a rep: their own), in the order the meeting walked the
 * deals; optionally of one deal only.
 */
export async function listMeetingDecisions(viewer: Viewer, meetingId: number, options: { dealId?: number } = {}): Promise<MeetingDecisionRow[]> {
  assertViewer(viewer);
  const one = options.dealId === undefined ? Prisma.empty : Prisma.sql`AND md.deal_id = ${options.dealId}`;
  return db.$queryRaw<MeetingDecisionRow[]>(Prisma.sql`
    SELECT md.id, d.id AS "dealId", d.name AS "dealName", r.name AS rep, md.kind, md.note, md.next_step AS "nextStep",
           md.owner_id AS "ownerId", ou.name AS owner, du.name AS "decidedBy", md.updated_at AS "updatedAt", md.version,
           CASE WHEN md.kind = 'CLOSE_LOST' THEN d.lost_reason END AS "lostReason", ts.name AS "toStage"
    FROM pipeline_meeting m
    JOIN team t ON t.id = m.team_id
    JOIN meeting_decision md ON md.meeting_id = m.id
    JOIN deal d ON d.id = md.deal_id
    JOIN rep r ON r.id = d.owner_id
    LEFT JOIN app_user ou ON ou.id = md.owner_id
    LEFT JOIN app_user du ON du.id = md.decided_by_id
    LEFT JOIN deal_stage_change c ON c.id = md.stage_change_id
    LEFT JOIN stage ts ON ts.id = c.to_stage_id
    WHERE m.id = ${meetingId} AND ${meetingVisibleSql(viewer)} AND ${dealInScopeSql(viewer)} ${one}
    ORDER BY coalesce(array_position(m.deal_ids, md.deal_id), 2147483647), md.id`);
}
