"use server";

import { addCriterion as addCriterionData } from "@/lib/data/pipelines/add-criterion";
import { addCriterionSchema } from "@/lib/validation/pipelines";
import { authedAction } from "./authed-action";
import { PIPELINE_ACTION_POLICY } from "@/lib/pipelines/action-policy";

export const addCriterion = authedAction(addCriterionSchema, (viewer, input, tx) => addCriterionData(viewer, input, tx), PIPELINE_ACTION_POLICY);
