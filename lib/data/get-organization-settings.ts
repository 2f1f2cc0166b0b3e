import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db/client";
import type { OrgSettings } from "@/lib/validation/org-settings";
import { assertAdmin } from "./admin-assert";
import { readOrganizationSettings } from "./read-organization-settings";

/** The viewer's organisation's settings, for the admin's settings page. */
export async function getOrganizationSettings(viewer: Viewer): Promise<OrgSettings> {
  assertAdmin(viewer);
  const settings = await readOrganizationSettings(db, viewer.orgId);
  if (!settings) throw new Error(`Organisation ${viewer.orgId} of user ${viewer.userId} does not exist`);
  return settings;
}
