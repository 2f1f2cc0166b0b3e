"use server";

import { removeCriterion as removeCriterionData } from "@/lib/data/pipelines/remove-criterion";
import { removeCriterionSchema } from "@/lib/validation/pipelines";
import { authedAction } from "./authed-action";
import { PIPELINE_ACTION_POLICY } from "@/lib/pipelines/action-policy";

export const removeCriterion = authedAction(removeCriterionSchema, async (viewer, input, tx) => ({ data: await removeCriterionData(viewer, input, tx) }), PIPELINE_ACTION_POLICY);
