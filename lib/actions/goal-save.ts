"use server";

import { saveGoal as save } from "@/lib/data/goals/save-goal";
import { saveGoalSchema } from "@/lib/validation/goals";
import { authedAction } from "./authed-action";

export const saveGoal = authedAction(saveGoalSchema, async (viewer, input, tx) => ({ data: await save(viewer, input, tx) }), {
  roles: ["MANAGER", "ADMIN"],
  revalidate: ["/plan", "/review", "/dashboard", "/my-kpis"],
  fieldLabels: "goals.fields",
});
