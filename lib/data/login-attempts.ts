import "server-only";
import { db } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/db/generated/client";

// OWASP's authentication cheat sheet: lock out after a small number of failures over a short window;
// 10 per 15 minutes stops password guessing while a user who mistypes a few times is never blocked.
export const LOGIN_ATTEMPT_LIMIT = 10;
export const LOGIN_ATTEMPT_WINDOW_MS = 15 * 60 * 1000;
// Attempts are kept a month for incident review. Each new attempt deletes up to a batch of older ones, whoever made
// them, so guesses at emails that never sign in do not pile up: the table stays bounded by a month of traffic.
export const LOGIN_ATTEMPT_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
export const LOGIN_ATTEMPT_PRUNE_BATCH = 100;

// Advisory-lock namespaces, so an email and an IP that hash alike never share a lock.
const EMAIL_LOCK = 1;
const IP_LOCK = 2;

export type LoginGate = { allowed: true; attemptId: bigint } | { allowed: false; retryAfterMinutes: number };

/**
 * Lets a sign-in attempt through unless its address had LOGIN_ATTEMPT_LIMIT failures in the window, or the
 * account had as many since its last success and the address is not a known one for it (a correct password
 * from there within LOGIN_ATTEMPT_RETENTION_MS). So guesses from elsewhere close the account to strangers,
 * never to its owner on a device they signed in from. The attempt is recorded as a failure before the
 * password is checked (under per-email and per-IP locks), so parallel guesses on several app instances are
 * counted too; a correct password then marks it a success.
 */
export async function beginLoginAttempt(
  attempt: { email: string; ip: string },
  options: { client?: PrismaClient; now?: Date } = {},
): Promise<LoginGate> {
  const client = options.client ?? db;
  const now = options.now ?? new Date();
  const windowStart = new Date(now.getTime() - LOGIN_ATTEMPT_WINDOW_MS);
  return client.$transaction(async (tx) => {
    // Always email then IP: one lock order everywhere, so two attempts cannot deadlock.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${EMAIL_LOCK}::int, hashtext(${attempt.email}))`;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${IP_LOCK}::int, hashtext(${attempt.ip}))`;
    // Oldest first, through the (at) index; rows another attempt is deleting at the same moment are left to it.
    await tx.$executeRaw`DELETE FROM login_attempt WHERE id IN (
      SELECT id FROM login_attempt WHERE at < ${new Date(now.getTime() - LOGIN_ATTEMPT_RETENTION_MS)}
      ORDER BY at LIMIT ${LOGIN_ATTEMPT_PRUNE_BATCH} FOR UPDATE SKIP LOCKED)`;

    const success = { email: attempt.email, success: true } as const;
    const [lastSuccess, knownAddress] = await Promise.all([
      tx.loginAttempt.findFirst({ where: { ...success, at: { gt: windowStart } }, orderBy: { at: "desc" }, select: { at: true } }),
      tx.loginAttempt.findFirst({ where: { ...success, ip: attempt.ip, at: { gt: new Date(now.getTime() - LOGIN_ATTEMPT_RETENTION_MS) } }, select: { id: true } }),
    ]);
    const recent = { orderBy: { at: "desc" }, take: LOGIN_ATTEMPT_LIMIT, select: { at: true } } as const;
    const [byEmail, byIp] = await Promise.all([
      knownAddress ? [] : tx.loginAttempt.findMany({ ...recent, where: { email: attempt.email, success: false, at: { gt: lastSuccess?.at ?? windowStart } } }),
      tx.loginAttempt.findMany({ ...recent, where: { ip: attempt.ip, success: false, at: { gt: windowStart } } }),
    ]);
    // When the LIMIT-th most recent failure leaves the window, one more attempt is allowed.
    const reopensAt = [byEmail, byIp]
      .filter((failures) => failures.length >= LOGIN_ATTEMPT_LIMIT)
      .map((failures) => (failures[LOGIN_ATTEMPT_LIMIT - 1]?.at.getTime() ?? 0) + LOGIN_ATTEMPT_WINDOW_MS);
    if (reopensAt.length > 0) {
      return { allowed: false, retryAfterMinutes: Math.max(1, Math.ceil((Math.max(...reopensAt) - now.getTime()) / 60_000)) };
    }
    const row = await tx.loginAttempt.create({ data: { ...attempt, success: false, at: now }, select: { id: true } });
    return { allowed: true, attemptId: row.id };
  });
}

/** Marks an attempt let through by beginLoginAttempt as a success. */
export async function recordLoginSuccess(attemptId: bigint, options: { client?: PrismaClient } = {}): Promise<void> {
  const client = options.client ?? db;
  await client.loginAttempt.update({ where: { id: attemptId }, data: { success: true } });
}
