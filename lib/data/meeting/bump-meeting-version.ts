import { Prisma } from "@/lib/db/generated/client";
import type { Tx } from "../in-transaction";

/** One more version of the meeting, so every screen that follows it re-reads what changed. */
export async function bumpMeetingVersion(tx: Tx, meetingId: number, currentDealId?: number): Promise<number> {
  const pointer = currentDealId === undefined ? Prisma.empty : Prisma.sql`, current_deal_id = ${currentDealId}`;
  const [row] = await tx.$queryRaw<Array<{ version: number }>>(Prisma.sql`
    UPDATE pipeline_meeting SET version = version + 1 ${pointer} WHERE id = ${meetingId} RETURNING version`);
  if (!row) throw new Error(`meeting ${meetingId} vanished while locked`);
  return row.version;
}
