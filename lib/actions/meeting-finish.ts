"use server";

import { finishMeeting as finish } from "@/lib/data/meeting/finish-meeting";
import { meetingIdSchema } from "@/lib/validation/meeting";
import { authedAction } from "./authed-action";

// Compliance at the end and the team's forecast snapshot; the page then opens the summary.
export const finishMeeting = authedAction<typeof meetingIdSchema, { snapshotId: number }>(
  meetingIdSchema,
  async (viewer, input, tx) => ({ data: await finish(viewer, input.meetingId, tx) }),
  { roles: ["MANAGER", "ADMIN"], revalidate: ["/dashboard", "/review"] },
);
