import "server-only";
import { db } from "@/lib/db/client";
import { hashSetupToken } from "./issue-setup-token";

/**
 * Whether a setup link may be shown: its token is unused and unexpired, and nobody has an account yet (once anyone
 * does, setting up is over, whatever link is left). Runs before there is a Viewer: the token is the credential.
 */
export async function isSetupLinkUsable(token: string): Promise<boolean> {
  const [link, user] = await Promise.all([
    db.setupToken.findFirst({ where: { tokenHash: hashSetupToken(token), usedAt: null, expiresAt: { gt: new Date() } }, select: { id: true } }),
    db.user.findFirst({ select: { id: true } }),
  ]);
  return link !== null && user === null;
}
