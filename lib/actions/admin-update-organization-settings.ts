"use server";

import { updateOrganizationSettings } from "@/lib/data/update-organization-settings";
import { orgSettingsFormSchema } from "@/lib/validation/org-settings";
import { authedAction } from "./authed-action";

// A new time zone rebuilds the organisation's derived KPI tables in the same transaction: about 4 s for the demo
// organisation's 320,000 activities, growing with their number.
const TIME_ZONE_REBUILD_TIMEOUT_MS = 10 * 60_000;

export const saveOrganizationSettings = authedAction(orgSettingsFormSchema, async (viewer, input, tx) => void (await updateOrganizationSettings(viewer, input, tx)), {
  roles: ["ADMIN"],
  // The dashboards read the settings at request time through the KPI cache, which the organization row's
  // data_change trigger invalidates; these pages show the settings themselves.
  revalidate: ["/admin/settings", "/admin/audit"],
  fieldLabels: "orgSettings.fields",
  timeoutMs: TIME_ZONE_REBUILD_TIMEOUT_MS,
});
