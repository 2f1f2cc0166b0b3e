import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import type { MeetingAnswerInput } from "@/lib/validation/meeting";
import { answerDealCriterion } from "../answer-deal-criterion";
import type { Tx } from "../in-transaction";
import { bumpMeetingVersion } from "./bump-meeting-version";
import { meetingForWrite } from "./meeting-for-write";

/** Answers an exit criterion of one of the meeting's deals through the deal page's own write path (scoped, audited). */
export async function answerMeetingCriterion(viewer: Viewer, input: MeetingAnswerInput, tx: Tx): Promise<void> {
  assertViewer(viewer);
  const meeting = await meetingForWrite(viewer, input.meetingId, tx, input.dealId);
  await answerDealCriterion(viewer, { dealId: input.dealId, criterionId: input.criterionId, answer: input.answer }, tx);
  await bumpMeetingVersion(tx, meeting.id);
}
