"use server";

import { addStage as addStageData } from "@/lib/data/pipelines/add-stage";
import { addStageSchema } from "@/lib/validation/pipelines";
import { authedAction } from "./authed-action";
import { PIPELINE_ACTION_POLICY } from "@/lib/pipelines/action-policy";

export const addStage = authedAction(addStageSchema, async (viewer, input, tx) => ({ data: await addStageData(viewer, input, tx) }), PIPELINE_ACTION_POLICY);
