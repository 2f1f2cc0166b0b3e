import "server-only";
import { db } from "@/lib/db/client";
import { Prisma, type MeetingStatus } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import type { Tx } from "../in-transaction";
import { meetingVisibleSql } from "./meeting-access";

/** What a following screen needs to know that it must re-read: no names, no deal ids (a rep follows others' deals too). */
export interface MeetingPulse {
  version: number;
  status: MeetingStatus;
  /** 1-based place of the current deal in the walk; 0 when there is none. */
  position: number;
  total: number;
}

/**
 * The meeting's version and place, for its live-follow stream to poll (about once a second per screen): one row by
 * primary key with the viewer's scope in the WHERE clause, so a screen that lost access stops getting anything.
 */
export async function getMeetingPulse(viewer: Viewer, meetingId: number, client: Tx | typeof db = db): Promise<MeetingPulse | null> {
  assertViewer(viewer);
  const [row] = await client.$queryRaw<MeetingPulse[]>(Prisma.sql`
    SELECT m.version, m.status,
           coalesce(array_position(m.deal_ids, m.current_deal_id), 0)::int AS position,
           coalesce(cardinality(m.deal_ids), 0)::int AS total
    FROM pipeline_meeting m JOIN team t ON t.id = m.team_id
    WHERE m.id = ${meetingId} AND ${meetingVisibleSql(viewer)}`);
  return row ?? null;
}
