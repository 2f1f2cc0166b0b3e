import type pg from "pg";

/**
 * Rows written by one import from which it ends by analyzing the tables. Autovacuum analyzes a table once about a
 * tenth of it changed, but only minutes later: until then the planner plans the first views with the statistics of
 * the empty or smaller tables (issue 17: 3–6× slower first views after the bench seed).
 */
export const ANALYZE_AFTER_ROWS = 10_000;

/**
 * ANALYZE every table of the current schema (sources and derived tables alike: a bulk load fills both). ANALYZE
 * samples a fixed number of rows per table, so this takes seconds even for millions of rows. Must run outside the
 * transaction that wrote the rows only in the sense that it sees what that transaction committed; call it after
 * COMMIT.
 */
export async function analyzeAppTables(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ name: string; quoted: string }>(
    `SELECT tablename AS name, quote_ident(tablename) AS quoted FROM pg_tables
      WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY tablename`,
  );
  if (rows.length === 0) return [];
  await client.query(`ANALYZE ${rows.map((r) => r.quoted).join(", ")}`);
  return rows.map((r) => r.name);
}
