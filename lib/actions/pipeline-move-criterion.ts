"use server";

import { moveCriterion as moveCriterionData } from "@/lib/data/pipelines/move-criterion";
import { moveCriterionSchema } from "@/lib/validation/pipelines";
import { authedAction } from "./authed-action";
import { PIPELINE_ACTION_POLICY } from "@/lib/pipelines/action-policy";

export const moveCriterion = authedAction(moveCriterionSchema, (viewer, input, tx) => moveCriterionData(viewer, input, tx), PIPELINE_ACTION_POLICY);
