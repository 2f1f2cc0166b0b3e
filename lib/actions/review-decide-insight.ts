"use server";

import { decideReviewInsight as decide } from "@/lib/data/review/decide-review-insight";
import { decideReviewInsightSchema } from "@/lib/validation/review";
import { authedAction } from "./authed-action";

export const decideReviewInsight = authedAction(decideReviewInsightSchema, (viewer, input, tx) => decide(viewer, input, tx), {
  roles: ["MANAGER", "ADMIN"],
  revalidate: ["/review"],
});
