import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient } from "@/lib/db/generated/client";

// Long enough to open the link from the start log, short enough that a copy left in a log is soon worthless.
export const SETUP_TOKEN_LIFETIME_MINUTES = 60;
const TOKEN_BYTES = 32;

export function hashSetupToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * A one-time setup link's token, issued by `npm start` while the database has no users (null once it has one). Kept
 * as its hash in the database, not in the process: another app instance behind the same load balancer may be the one
 * that serves the link, and spending it is a conditional update that two instances cannot both win. Links issued by
 * earlier starts keep working until they expire; spent and expired ones are deleted.
 */
export async function issueSetupToken(client: Pick<PrismaClient, "$transaction">): Promise<{ token: string; expiresAt: Date } | null> {
  return client.$transaction(async (tx) => {
    if (await tx.user.findFirst({ select: { id: true } })) return null;
    await tx.setupToken.deleteMany({ where: { OR: [{ usedAt: { not: null } }, { expiresAt: { lte: new Date() } }] } });
    const token = randomBytes(TOKEN_BYTES).toString("base64url");
    const expiresAt = new Date(Date.now() + SETUP_TOKEN_LIFETIME_MINUTES * 60_000);
    await tx.setupToken.create({ data: { tokenHash: hashSetupToken(token), expiresAt } });
    return { token, expiresAt };
  });
}
