"use server";

import { adminReissueInvite } from "@/lib/data/admin-reissue-invite";
import { reissueInviteSchema } from "@/lib/validation/admin-user";
import { authedAction } from "./authed-action";

export const reissueInvite = authedAction(
  reissueInviteSchema,
  async (viewer, input, tx) => {
    const invite = await adminReissueInvite(viewer, input, tx);
    return { data: { userId: input.userId, inviteToken: invite.token, inviteExpiresAt: invite.expiresAt.toISOString() } };
  },
  { roles: ["ADMIN"], revalidate: ["/admin/users", "/admin/teams", "/admin/audit"] },
);
