"use server";

import { trackReviewKpi as track } from "@/lib/data/review/track-review-kpi";
import { trackReviewKpiSchema } from "@/lib/validation/review";
import { authedAction } from "./authed-action";

export const trackReviewKpi = authedAction(trackReviewKpiSchema, (viewer, input, tx) => track(viewer, input, tx), {
  roles: ["MANAGER", "ADMIN"],
  revalidate: ["/review"],
});
