// Set-based writes of one batch: an INSERT … SELECT FROM unnest for new rows, an UPDATE … FROM unnest for known ones
// that only touches rows whose values differ, so "unchanged" is counted by the database, not guessed.
import type pg from "pg";

export interface ColumnSpec {
  name: string;
  /** The SQL type of one value, e.g. int, text, timestamptz, numeric(14,2), "DealType". */
  type: string;
  /** How an update treats it: overwrite, keep the stored value when the file has none, or never touch it. */
  onUpdate: "set" | "coalesce" | "skip";
}

export interface PendingRow {
  /** The stored row to update; null to insert. */
  id: number | null;
  values: unknown[];
}

export interface WriteResult {
  createdIds: number[];
  updatedIds: number[];
}

export async function writeRows(
  client: pg.ClientBase,
  table: string,
  columns: readonly ColumnSpec[],
  rows: readonly PendingRow[],
  options: { touchedAt?: string } = {},
): Promise<WriteResult> {
  const inserts = rows.filter((r) => r.id === null);
  const updates = rows.filter((r) => r.id !== null);
  const createdIds: number[] = [];
  const updatedIds: number[] = [];
  const names = columns.map((c) => `"${c.name}"`).join(", ");
  const arrays = (batch: readonly PendingRow[]) => columns.map((_, i) => batch.map((r) => r.values[i] ?? null));

  if (inserts.length > 0) {
    const params = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(", ");
    const result = await client.query<{ id: number }>(
      `INSERT INTO "${table}" (${names}) SELECT ${names} FROM unnest(${params}) AS v(${names}) RETURNING id`,
      arrays(inserts),
    );
    for (const row of result.rows) createdIds.push(row.id);
  }

  const updatable = columns.map((c, i) => ({ ...c, i })).filter((c) => c.onUpdate !== "skip");
  if (updates.length > 0 && updatable.length > 0) {
    const params = [`$1::int[]`, ...columns.map((c, i) => `$${i + 2}::${c.type}[]`)].join(", ");
    const incoming = (c: ColumnSpec) => (c.onUpdate === "coalesce" ? `COALESCE(v."${c.name}", t."${c.name}")` : `v."${c.name}"`);
    const set = updatable.map((c) => `"${c.name}" = ${incoming(c)}`);
    if (options.touchedAt) set.push(`"${options.touchedAt}" = now()`);
    const result = await client.query<{ id: number }>(
      `UPDATE "${table}" AS t SET ${set.join(", ")}
         FROM unnest(${params}) AS v(id, ${names})
        WHERE t.id = v.id AND (${updatable.map((c) => `t."${c.name}"`).join(", ")}, NULL) IS DISTINCT FROM (${updatable.map(incoming).join(", ")}, NULL)
        RETURNING t.id`,
      [updates.map((r) => r.id), ...arrays(updates)],
    );
    for (const row of result.rows) updatedIds.push(row.id);
  }
  return { createdIds, updatedIds };
}
