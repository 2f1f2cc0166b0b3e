"use server";

import { answerMeetingCriterion as answer } from "@/lib/data/meeting/answer-meeting-criterion";
import { meetingAnswerSchema } from "@/lib/validation/meeting";
import { authedAction } from "./authed-action";

// Keys 1–9: the deal page's answer write path, inside the meeting (its screens follow).
export const answerMeetingCriterion = authedAction(meetingAnswerSchema, (viewer, input, tx) => answer(viewer, input, tx), {
  roles: ["MANAGER", "ADMIN"],
  revalidate: ["/dashboard", "/pipeline", "/drill/deals"],
});
