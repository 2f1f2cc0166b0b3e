"use server";

import { movePipeline as movePipelineData } from "@/lib/data/pipelines/move-pipeline";
import { movePipelineSchema } from "@/lib/validation/pipelines";
import { authedAction } from "./authed-action";
import { PIPELINE_ACTION_POLICY } from "@/lib/pipelines/action-policy";

export const movePipeline = authedAction(movePipelineSchema, (viewer, input, tx) => movePipelineData(viewer, input, tx), PIPELINE_ACTION_POLICY);
