"use server";

import { updateStage as updateStageData } from "@/lib/data/pipelines/update-stage";
import { updateStageSchema } from "@/lib/validation/pipelines";
import { authedAction } from "./authed-action";
import { PIPELINE_ACTION_POLICY } from "@/lib/pipelines/action-policy";

export const updateStage = authedAction(updateStageSchema, (viewer, input, tx) => updateStageData(viewer, input, tx), PIPELINE_ACTION_POLICY);
