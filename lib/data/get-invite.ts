import "server-only";
import { db } from "@/lib/db/client";
import { hashInviteToken } from "./admin-issue-invite";

/** Who an invitation link is for, while it is unused and unexpired; null otherwise. Runs before there is a Viewer. */
export async function getInvite(token: string): Promise<{ name: string; email: string } | null> {
  const invite = await db.userInvite.findFirst({
    where: { tokenHash: hashInviteToken(token), usedAt: null, expiresAt: { gt: new Date() } },
    select: { user: { select: { name: true, email: true } } },
  });
  return invite?.user ?? null;
}
