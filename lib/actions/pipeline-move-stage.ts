"use server";

import { moveStage as moveStageData } from "@/lib/data/pipelines/move-stage";
import { moveStageSchema } from "@/lib/validation/pipelines";
import { authedAction } from "./authed-action";
import { PIPELINE_ACTION_POLICY } from "@/lib/pipelines/action-policy";

export const moveStage = authedAction(moveStageSchema, (viewer, input, tx) => moveStageData(viewer, input, tx), PIPELINE_ACTION_POLICY);
