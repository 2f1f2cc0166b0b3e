import "server-only";
import { db } from "@/lib/db/client";
import { Prisma, type MeetingStatus, type MeetingWalkOrder } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { meetingVisibleSql } from "./meeting-access";

export interface MeetingView {
  id: number;
  teamId: number;
  teamName: string;
  status: MeetingStatus;
  walkOrder: MeetingWalkOrder;
  dealIds: number[];
  currentDealId: number | null;
  version: number;
  heldAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  facilitatorId: number | null;
  facilitator: string | null;
  managerId: number | null;
  manager: string | null;
  /** Whether the viewer runs it (its team's manager, an admin) or only follows it (a rep of the team). */
  canRun: boolean;
  /** KPI.md compliance counts of the team when it started and when it ended (null before). */
  before: { openDeals: number; qualified: number } | null;
  after: { openDeals: number; qualified: number } | null;
  snapshotId: number | null;
}

interface Row extends Omit<MeetingView, "before" | "after" | "canRun"> {
  openDealsBefore: number | null;
  qualifiedBefore: number | null;
  openDealsAfter: number | null;
  qualifiedAfter: number | null;
}

/** One meeting the viewer may open (run or follow); null for a missing id and for one outside the scope alike. */
export async function getMeeting(viewer: Viewer, meetingId: number): Promise<MeetingView | null> {
  assertViewer(viewer);
  const [row] = await db.$queryRaw<Row[]>(Prisma.sql`
    SELECT m.id, m.team_id AS "teamId", t.name AS "teamName", m.status, m.walk_order AS "walkOrder", coalesce(m.deal_ids, '{}') AS "dealIds",
           m.current_deal_id AS "currentDealId", m.version, m.held_at AS "heldAt", m.started_at AS "startedAt", m.finished_at AS "finishedAt",
           m.facilitator_id AS "facilitatorId", f.name AS facilitator, t.manager_id AS "managerId", mu.name AS manager,
           m.open_deals_before AS "openDealsBefore", m.qualified_before AS "qualifiedBefore",
           m.open_deals_after AS "openDealsAfter", m.qualified_after AS "qualifiedAfter", m.snapshot_id AS "snapshotId"
    FROM pipeline_meeting m
    JOIN team t ON t.id = m.team_id
    LEFT JOIN app_user f ON f.id = m.facilitator_id
    LEFT JOIN app_user mu ON mu.id = t.manager_id
    WHERE m.id = ${meetingId} AND ${meetingVisibleSql(viewer)}`);
  if (!row) return null;
  const { openDealsBefore, qualifiedBefore, openDealsAfter, qualifiedAfter, ...meeting } = row;
  return {
    ...meeting,
    canRun: viewer.role === "ADMIN" || (viewer.role === "MANAGER" && viewer.teamIds.includes(row.teamId)),
    before: openDealsBefore === null || qualifiedBefore === null ? null : { openDeals: openDealsBefore, qualified: qualifiedBefore },
    after: openDealsAfter === null || qualifiedAfter === null ? null : { openDeals: openDealsAfter, qualified: qualifiedAfter },
  };
}
