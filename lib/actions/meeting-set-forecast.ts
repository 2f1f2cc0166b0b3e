"use server";

import { setMeetingForecast as setForecast } from "@/lib/data/meeting/set-meeting-forecast";
import { meetingForecastSchema } from "@/lib/validation/meeting";
import { authedAction } from "./authed-action";

// Key F: the deal's forecast category, which the snapshot at the end of the meeting counts.
export const setMeetingForecast = authedAction(meetingForecastSchema, (viewer, input, tx) => setForecast(viewer, input, tx), {
  roles: ["MANAGER", "ADMIN"],
  revalidate: ["/pipeline"],
});
