"use server";

import { renamePipeline as renamePipelineData } from "@/lib/data/pipelines/rename-pipeline";
import { renamePipelineSchema } from "@/lib/validation/pipelines";
import { authedAction } from "./authed-action";
import { PIPELINE_ACTION_POLICY } from "@/lib/pipelines/action-policy";

export const renamePipeline = authedAction(renamePipelineSchema, (viewer, input, tx) => renamePipelineData(viewer, input, tx), PIPELINE_ACTION_POLICY);
