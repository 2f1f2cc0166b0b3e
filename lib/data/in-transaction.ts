import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";

/** A client bound to one transaction: data functions that write take it so a change commits or rolls back whole. */
export type Tx = Prisma.TransactionClient;

// Prisma's 5 s default is short for an action that writes a review with its answers and audit rows.
const TRANSACTION_TIMEOUT_MS = 15_000;

/** Runs `work` in one database transaction: everything it writes commits together, or nothing does. */
export function inTransaction<T>(work: (tx: Tx) => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
  return db.$transaction(work, { timeout: options.timeoutMs ?? TRANSACTION_TIMEOUT_MS });
}
