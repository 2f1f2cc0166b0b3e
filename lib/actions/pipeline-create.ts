"use server";

import { createPipeline as createPipelineData } from "@/lib/data/pipelines/create-pipeline";
import { createPipelineSchema } from "@/lib/validation/pipelines";
import { authedAction } from "./authed-action";
import { PIPELINE_ACTION_POLICY } from "@/lib/pipelines/action-policy";

export const createPipeline = authedAction(createPipelineSchema, async (viewer, input, tx) => ({ data: await createPipelineData(viewer, input, tx) }), PIPELINE_ACTION_POLICY);
