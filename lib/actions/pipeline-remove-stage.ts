"use server";

import { removeStage as removeStageData } from "@/lib/data/pipelines/remove-stage";
import { removeStageSchema } from "@/lib/validation/pipelines";
import { authedAction } from "./authed-action";
import { PIPELINE_ACTION_POLICY } from "@/lib/pipelines/action-policy";

export const removeStage = authedAction(removeStageSchema, (viewer, input, tx) => removeStageData(viewer, input, tx), PIPELINE_ACTION_POLICY);
