"use server";

import { adminUpdateUser } from "@/lib/data/admin-update-user";
import { updateUserSchema } from "@/lib/validation/admin-user";
import { authedAction } from "./authed-action";

export const updateUser = authedAction(updateUserSchema, (viewer, input, tx) => adminUpdateUser(viewer, input, tx), {
  roles: ["ADMIN"],
  revalidate: ["/admin/users", "/admin/teams", "/admin/audit"],
});
