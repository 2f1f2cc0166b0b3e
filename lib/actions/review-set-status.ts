"use server";

import { setReviewStatus as setStatus } from "@/lib/data/review/set-review-status";
import { setReviewStatusSchema } from "@/lib/validation/review";
import { authedAction } from "./authed-action";

// Completing makes the review read-only; its manager or an admin may reopen it.
export const setReviewStatus = authedAction(setReviewStatusSchema, (viewer, input, tx) => setStatus(viewer, input, tx), {
  roles: ["MANAGER", "ADMIN"],
  revalidate: ["/review"],
});
