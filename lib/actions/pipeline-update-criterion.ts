"use server";

import { updateCriterion as updateCriterionData } from "@/lib/data/pipelines/update-criterion";
import { updateCriterionSchema } from "@/lib/validation/pipelines";
import { authedAction } from "./authed-action";
import { PIPELINE_ACTION_POLICY } from "@/lib/pipelines/action-policy";

export const updateCriterion = authedAction(updateCriterionSchema, async (viewer, input, tx) => ({ data: await updateCriterionData(viewer, input, tx) }), PIPELINE_ACTION_POLICY);
