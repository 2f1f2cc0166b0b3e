import { createHash, randomBytes } from "node:crypto";
import type { Tx } from "./in-transaction";

// Long enough to type from an email, short enough that a stolen link is soon worthless.
export const INVITE_LIFETIME_DAYS = 7;
const TOKEN_BYTES = 32;

export function hashInviteToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A fresh one-time link for a user; earlier unused links stop working. The token itself is never stored. */
export async function adminIssueInvite(tx: Tx, userId: number): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(TOKEN_BYTES).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITE_LIFETIME_DAYS * 24 * 60 * 60 * 1000);
  await tx.userInvite.deleteMany({ where: { userId, usedAt: null } });
  await tx.userInvite.create({ data: { userId, tokenHash: hashInviteToken(token), expiresAt } });
  return { token, expiresAt };
}
