"use server";

import { adminCreateTeam } from "@/lib/data/admin-create-team";
import { createTeamSchema } from "@/lib/validation/admin-team";
import { authedAction } from "./authed-action";

export const createTeam = authedAction(createTeamSchema, async (viewer, input, tx) => ({ data: await adminCreateTeam(viewer, input, tx) }), {
  roles: ["ADMIN"],
  revalidate: ["/admin/users", "/admin/teams", "/admin/audit"],
});
