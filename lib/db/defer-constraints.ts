// Bulk loads are several times faster without per-row foreign-key checks and index updates: drop the foreign
// keys and secondary indexes of the loaded tables, load, then rebuild them (one join and one sort each).
// Everything happens inside the caller's transaction, so a failure leaves the schema as it was.
import type pg from "pg";

export async function withConstraintsDeferred(client: pg.ClientBase, tables: readonly string[], load: () => Promise<void>): Promise<void> {
  const names = tables.map((t) => `"${t}"`);
  const foreignKeys = await client.query<{ tbl: string; name: string; def: string }>(
    `SELECT conrelid::regclass::text AS tbl, quote_ident(conname) AS name, pg_get_constraintdef(oid) AS def
       FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY($1::regclass[]) ORDER BY conrelid, conname`,
    [names],
  );
  const indexes = await client.query<{ name: string; def: string }>(
    `SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS def
       FROM pg_index WHERE indrelid = ANY($1::regclass[]) AND NOT indisprimary AND NOT indisunique
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = indexrelid) ORDER BY indexrelid`,
    [names],
  );
  for (const fk of foreignKeys.rows) await client.query(`ALTER TABLE ${fk.tbl} DROP CONSTRAINT ${fk.name}`);
  for (const index of indexes.rows) await client.query(`DROP INDEX ${index.name}`);
  await load();
  for (const index of indexes.rows) await client.query(index.def);
  for (const fk of foreignKeys.rows) await client.query(`ALTER TABLE ${fk.tbl} ADD CONSTRAINT ${fk.name} ${fk.def}`);
}
