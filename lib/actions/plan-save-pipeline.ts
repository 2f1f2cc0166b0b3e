"use server";

import { savePipelinePlan as save } from "@/lib/data/plan/pipeline-plan";
import { savePipelinePlanSchema } from "@/lib/validation/plan";
import { authedAction } from "./authed-action";

export const savePipelinePlan = authedAction(savePipelinePlanSchema, (viewer, input, tx) => save(viewer, input, tx), {
  roles: ["MANAGER", "ADMIN"],
  revalidate: ["/plan"],
  fieldLabels: "plan.fields",
});
