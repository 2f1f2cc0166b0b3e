import "server-only";
import { randomUUID } from "node:crypto";
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from "@/lib/auth/session-lifetime";
import { db } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/db/generated/client";

/** Records a new signed-in browser for the user and returns its id (kept in the session cookie). */
export async function startSession(userId: number, options: { client?: PrismaClient; now?: Date } = {}): Promise<string> {
  const client = options.client ?? db;
  const now = options.now ?? new Date();
  // The user's own sessions that can no longer be used go now, so the table stays bounded by live sessions.
  await client.authSession.deleteMany({
    where: { userId, OR: [{ lastSeenAt: { lte: new Date(now.getTime() - SESSION_IDLE_MS) } }, { createdAt: { lte: new Date(now.getTime() - SESSION_ABSOLUTE_MS) } }] },
  });
  const session = await client.authSession.create({ data: { id: randomUUID(), userId, createdAt: now, lastSeenAt: now }, select: { id: true } });
  return session.id;
}
