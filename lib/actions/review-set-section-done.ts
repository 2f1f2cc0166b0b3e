"use server";

import { setReviewSectionDone as setDone } from "@/lib/data/review/set-review-section-done";
import { setReviewSectionDoneSchema } from "@/lib/validation/review";
import { authedAction } from "./authed-action";

export const setReviewSectionDone = authedAction(setReviewSectionDoneSchema, (viewer, input, tx) => setDone(viewer, input, tx), {
  roles: ["MANAGER", "ADMIN"],
  revalidate: ["/review"],
});
