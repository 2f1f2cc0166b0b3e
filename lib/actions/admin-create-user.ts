"use server";

import { adminCreateUser } from "@/lib/data/admin-create-user";
import { createUserSchema } from "@/lib/validation/admin-user";
import { authedAction } from "./authed-action";

export const createUser = authedAction(
  createUserSchema,
  async (viewer, input, tx) => {
    const created = await adminCreateUser(viewer, input, tx);
    return { data: { userId: created.userId, inviteToken: created.inviteToken, inviteExpiresAt: created.inviteExpiresAt?.toISOString() ?? null } };
  },
  { roles: ["ADMIN"], revalidate: ["/admin/users", "/admin/teams", "/admin/audit"] },
);
