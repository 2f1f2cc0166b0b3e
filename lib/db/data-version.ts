import type { PrismaClient } from "./generated/client";

/** What reading the data version needs from a Prisma client. */
export type DataVersionSql = Pick<PrismaClient, "$queryRaw" | "$executeRaw">;

/** Rows of `data_change` above which a reader folds them into one (they are a few bytes each; the sum stays exact). */
export const COMPACT_AFTER_ROWS = 1000;

/**
 * The data version: the sum of `data_change.weight` this statement's snapshot sees. Every committed transaction that
 * wrote a table the figures read added one row of weight 1 (migration 20261128000000_data_change), so two reads
 * return the same number exactly when no such transaction committed in between.
 */
export async function readDataVersion(sql: DataVersionSql): Promise<bigint> {
  const [row] = await sql.$queryRaw<{ version: bigint; rows: bigint }[]>`
    SELECT coalesce(sum(weight), 0)::bigint AS version, count(*)::bigint AS rows FROM data_change`;
  if (!row) throw new Error("data_change: no version row");
  if (row.rows > COMPACT_AFTER_ROWS) await compactDataChanges(sql);
  return row.version;
}

/**
 * Replaces the committed rows by one carrying their summed weight, in one statement: a reader sees either all the
 * old rows or the new one, the same sum. Rows of transactions still running are invisible here and stay; two
 * compactions at once delete disjoint rows (the second waits for the first's row locks, then skips what it deleted).
 */
export async function compactDataChanges(sql: DataVersionSql): Promise<void> {
  await sql.$executeRaw`
    WITH gone AS (DELETE FROM data_change RETURNING weight)
    INSERT INTO data_change (weight) SELECT sum(weight) FROM gone HAVING count(*) > 0`;
}
