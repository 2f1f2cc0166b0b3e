// Set-based writes of one batch: an INSERT … SELECT FROM unnest for new rows, an UPDATE … FROM unnest for known ones
// that only touches rows whose values differ, so "unchanged" is counted by the database, not guessed. Each
// statement also writes the audit rows of what it created or changed (import-audit.ts).
import type pg from "pg";
import { auditCreatedSql, auditParams, auditUpdatedSql, type ImportAudit } from "./import-audit";

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
  options: { touchedAt?: string; audit: ImportAudit },
): Promise<WriteResult> {
  const inserts = rows.filter((r) => r.id === null);
  const updates = rows.filter((r) => r.id !== null);
  const createdIds: number[] = [];
  const updatedIds: number[] = [];
  const names = columns.map((c) => `"${c.name}"`).join(", ");
  const arrays = (batch: readonly PendingRow[]) => columns.map((_, i) => batch.map((r) => r.values[i] ?? null));

  const columnNames = columns.map((c) => c.name);
  if (inserts.length > 0) {
    const params = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(", ");
    // The rows and their audit rows in one statement.
    const result = await client.query<{ id: number }>(
      `WITH created AS (INSERT INTO "${table}" (${names}) SELECT ${names} FROM unnest(${params}) AS v(${names}) RETURNING *),
            audited AS (${auditCreatedSql("created", columnNames, columns.length + 1)})
       SELECT id FROM created`,
      [...arrays(inserts), ...auditParams(options.audit, table)],
    );
    for (const row of result.rows) createdIds.push(row.id);
  }

  const updatable = columns.map((c, i) => ({ ...c, i })).filter((c) => c.onUpdate !== "skip");
  if (updates.length > 0 && updatable.length > 0) {
    const params = [`$1::int[]`, ...columns.map((c, i) => `$${i + 2}::${c.type}[]`)].join(", ");
    const incoming = (c: ColumnSpec, t: string) => (c.onUpdate === "coalesce" ? `COALESCE(v."${c.name}", ${t}."${c.name}")` : `v."${c.name}"`);
    const differs = (t: string) => `(${updatable.map((c) => `${t}."${c.name}"`).join(", ")}, NULL) IS DISTINCT FROM (${updatable.map((c) => incoming(c, t)).join(", ")}, NULL)`;
    const set = updatable.map((c) => `"${c.name}" = ${incoming(c, "t")}`);
    if (options.touchedAt) set.push(`"${options.touchedAt}" = now()`);
    const audited = updatable.map((c) => c.name);
    // `stored` locks the rows that will change and reads them as they are (the audit's "before"); the update
    // then writes them, and the audit rows go in with the same statement.
    const result = await client.query<{ id: number }>(
      `WITH v AS (SELECT * FROM unnest(${params}) AS v(id, ${names})),
            stored AS (SELECT s.id, ${audited.map((c) => `s."${c}"`).join(", ")} FROM "${table}" s JOIN v ON v.id = s.id WHERE ${differs("s")} FOR UPDATE OF s),
            written AS (
              UPDATE "${table}" AS t SET ${set.join(", ")}
                FROM v
               WHERE t.id = v.id AND t.id IN (SELECT id FROM stored) AND ${differs("t")}
              RETURNING t.*),
            audited AS (${auditUpdatedSql("stored", "written", audited, columns.length + 2)})
       SELECT id FROM written`,
      [updates.map((r) => r.id), ...arrays(updates), ...auditParams(options.audit, table)],
    );
    for (const row of result.rows) updatedIds.push(row.id);
  }
  return { createdIds, updatedIds };
}
