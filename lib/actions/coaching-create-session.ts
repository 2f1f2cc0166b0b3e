"use server";

import { createCoachingSession as create } from "@/lib/data/coaching/create-coaching-session";
import { createCoachingSessionSchema } from "@/lib/validation/coaching";
import { authedAction } from "./authed-action";

// Scoped in the write: a manager's teams' reps, an admin's organisation; a rep id from elsewhere is not found.
export const createCoachingSession = authedAction(createCoachingSessionSchema, async (viewer, input, tx) => {
  const { sessionId } = await create(viewer, input, tx);
  return { data: { sessionId } };
}, {
  roles: ["MANAGER", "ADMIN"],
  // Coaching hours and commitments kept feed the coaching grid and the review; the posting page (the profile) re-renders too.
  revalidate: ["/coaching", "/review", "/my-kpis"],
  fieldLabels: "coaching.fields",
});
