import type { ActionPolicy } from "@/lib/actions/authed-action";

/**
 * Pipelines, stages and exit criteria: admins, and managers when the organisation lets them (checked in the data
 * layer, which reads the setting in the action's transaction). The pages re-render after every change.
 */
export const PIPELINE_ACTION_POLICY: ActionPolicy = {
  roles: ["ADMIN", "MANAGER"],
  revalidate: ["/admin/pipelines"],
  fieldLabels: "pipelinesAdmin.fields",
};
