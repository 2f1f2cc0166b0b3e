"use server";

import { decideMeetingDeal as decide } from "@/lib/data/meeting/decide-meeting-deal";
import { meetingDecisionSchema } from "@/lib/validation/meeting";
import { authedAction } from "./authed-action";

// Key D: saved at once and audited; a decision that moves the deal goes through the stage-change write path.
export const decideMeetingDeal = authedAction<typeof meetingDecisionSchema, { version: number; decisionVersion: number }>(
  meetingDecisionSchema,
  async (viewer, input, tx) => ({ data: await decide(viewer, input, tx) }),
  { roles: ["MANAGER", "ADMIN"], revalidate: ["/dashboard", "/pipeline", "/drill/deals"] },
);
