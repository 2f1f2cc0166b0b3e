"use server";

import { deletePipeline as deletePipelineData } from "@/lib/data/pipelines/delete-pipeline";
import { deletePipelineSchema } from "@/lib/validation/pipelines";
import { authedAction } from "./authed-action";
import { PIPELINE_ACTION_POLICY } from "@/lib/pipelines/action-policy";

export const deletePipeline = authedAction(deletePipelineSchema, (viewer, input, tx) => deletePipelineData(viewer, input, tx), PIPELINE_ACTION_POLICY);
