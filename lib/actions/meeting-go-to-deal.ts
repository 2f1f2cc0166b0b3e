"use server";

import { goToMeetingDeal as goTo } from "@/lib/data/meeting/go-to-meeting-deal";
import { meetingDealSchema } from "@/lib/validation/meeting";
import { authedAction } from "./authed-action";

// ← / →: every screen following the meeting moves to the deal (they re-read it through the live-follow stream).
export const goToMeetingDeal = authedAction<typeof meetingDealSchema, { version: number }>(
  meetingDealSchema,
  async (viewer, input, tx) => ({ data: await goTo(viewer, input, tx) }),
  { roles: ["MANAGER", "ADMIN"] },
);
