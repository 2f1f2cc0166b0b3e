"use server";

import { adminMoveRep } from "@/lib/data/admin-move-rep";
import { moveRepSchema } from "@/lib/validation/admin-team";
import { authedAction } from "./authed-action";

export const moveRep = authedAction(moveRepSchema, (viewer, input, tx) => adminMoveRep(viewer, input, tx), {
  roles: ["ADMIN"],
  revalidate: ["/admin/users", "/admin/teams", "/admin/audit"],
});
