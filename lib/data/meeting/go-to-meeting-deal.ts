import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import type { MeetingDealInput } from "@/lib/validation/meeting";
import type { Tx } from "../in-transaction";
import { bumpMeetingVersion } from "./bump-meeting-version";
import { meetingForWrite } from "./meeting-for-write";

/**
 * Points the meeting at one of its deals; every screen following it moves there. The client names the target, so
 * two managers pressing "next" at once land on the same deal instead of skipping one. Navigation, not a change to
 * the organisation's data: not audited.
 */
export async function goToMeetingDeal(viewer: Viewer, input: MeetingDealInput, tx: Tx): Promise<{ version: number }> {
  assertViewer(viewer);
  const meeting = await meetingForWrite(viewer, input.meetingId, tx, input.dealId);
  if (meeting.currentDealId === input.dealId) return { version: meeting.version };
  return { version: await bumpMeetingVersion(tx, meeting.id, input.dealId) };
}
