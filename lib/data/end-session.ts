import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";

const sessionClaims = z.object({ userId: z.number().int().positive(), sessionId: z.uuid() });

/** Signing out: this browser's session stops being accepted, even from a copy of its cookie. */
export async function endSession(token: unknown): Promise<void> {
  const claims = sessionClaims.safeParse(token);
  if (!claims.success) return;
  await db.authSession.deleteMany({ where: { id: claims.data.sessionId, userId: claims.data.userId } });
}
