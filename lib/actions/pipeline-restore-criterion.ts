"use server";

import { restoreCriterion as restoreCriterionData } from "@/lib/data/pipelines/restore-criterion";
import { restoreCriterionSchema } from "@/lib/validation/pipelines";
import { authedAction } from "./authed-action";
import { PIPELINE_ACTION_POLICY } from "@/lib/pipelines/action-policy";

export const restoreCriterion = authedAction(restoreCriterionSchema, (viewer, input, tx) => restoreCriterionData(viewer, input, tx), PIPELINE_ACTION_POLICY);
