"use server";

import { adminSetPassword } from "@/lib/data/admin-set-password";
import { setPasswordSchema } from "@/lib/validation/admin-user";
import { authedAction } from "./authed-action";

export const setUserPassword = authedAction(setPasswordSchema, (viewer, input, tx) => adminSetPassword(viewer, input, tx), {
  roles: ["ADMIN"],
  revalidate: ["/admin/users", "/admin/teams", "/admin/audit"],
});
