import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import type { MeetingForecastInput } from "@/lib/validation/meeting";
import type { Tx } from "../in-transaction";
import { updateDealForecastCategory } from "../update-deal-forecast-category";
import { bumpMeetingVersion } from "./bump-meeting-version";
import { meetingForWrite } from "./meeting-for-write";

/** Sets the forecast category of one of the meeting's deals (scoped, audited), before the snapshot at the end counts it. */
export async function setMeetingForecast(viewer: Viewer, input: MeetingForecastInput, tx: Tx): Promise<void> {
  assertViewer(viewer);
  const meeting = await meetingForWrite(viewer, input.meetingId, tx, input.dealId);
  await updateDealForecastCategory(viewer, { dealId: input.dealId, forecastCategory: input.forecastCategory }, tx);
  await bumpMeetingVersion(tx, meeting.id);
}
