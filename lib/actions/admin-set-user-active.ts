"use server";

import { adminSetUserActive } from "@/lib/data/admin-set-user-active";
import { setUserActiveSchema } from "@/lib/validation/admin-user";
import { authedAction } from "./authed-action";

export const setUserActive = authedAction(setUserActiveSchema, (viewer, input, tx) => adminSetUserActive(viewer, input, tx), {
  roles: ["ADMIN"],
  revalidate: ["/admin/users", "/admin/teams", "/admin/audit"],
});
