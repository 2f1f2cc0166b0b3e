"use server";

import { mergeStage as mergeStageData } from "@/lib/data/pipelines/merge-stage";
import { mergeStageSchema } from "@/lib/validation/pipelines";
import { authedAction } from "./authed-action";
import { PIPELINE_ACTION_POLICY } from "@/lib/pipelines/action-policy";

export const mergeStage = authedAction(mergeStageSchema, async (viewer, input, tx) => ({ data: await mergeStageData(viewer, input, tx) }), PIPELINE_ACTION_POLICY);
