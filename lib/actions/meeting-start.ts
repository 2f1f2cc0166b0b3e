"use server";

import { startMeeting as start } from "@/lib/data/meeting/start-meeting";
import { startMeetingSchema } from "@/lib/validation/meeting";
import { authedAction } from "./authed-action";

// Starts this week's meeting of a team (or resumes the one in progress); the page then opens /meeting/<id>.
export const startMeeting = authedAction<typeof startMeetingSchema, { meetingId: number; resumed: boolean }>(
  startMeetingSchema,
  async (viewer, input, tx) => ({ data: await start(viewer, input, tx) }),
  { roles: ["MANAGER", "ADMIN"] },
);
