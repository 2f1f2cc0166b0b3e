"use server";

import { updateDealNextStep as update } from "@/lib/data/update-deal-next-step";
import { updateDealNextStepSchema } from "@/lib/validation/deal-edit";
import { authedAction } from "./authed-action";

// Scoped in the write: a rep's own deals, a manager's teams' deals, an admin's organisation.
export const updateDealNextStep = authedAction(updateDealNextStepSchema, (viewer, input, tx) => update(viewer, input, tx), {
  roles: ["REP", "MANAGER", "ADMIN"],
  // Their flags and compliance read next steps and answers; revalidating also re-renders the deal page posting.
  revalidate: ["/dashboard", "/my-kpis", "/drill/deals"],
});
