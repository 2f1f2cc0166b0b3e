"use server";

import { adminUpdateTeam } from "@/lib/data/admin-update-team";
import { updateTeamSchema } from "@/lib/validation/admin-team";
import { authedAction } from "./authed-action";

export const updateTeam = authedAction(updateTeamSchema, (viewer, input, tx) => adminUpdateTeam(viewer, input, tx), {
  roles: ["ADMIN"],
  revalidate: ["/admin/users", "/admin/teams", "/admin/audit"],
});
