"use server";

import { deleteGoal as remove } from "@/lib/data/goals/save-goal";
import { deleteGoalSchema } from "@/lib/validation/goals";
import { authedAction } from "./authed-action";

export const deleteGoal = authedAction(deleteGoalSchema, (viewer, input, tx) => remove(viewer, input, tx), {
  roles: ["MANAGER", "ADMIN"],
  revalidate: ["/plan", "/review", "/dashboard", "/my-kpis"],
});
