// An import writes its audit rows in its own transaction, set-based, in the statement that writes the rows: one
// audit_log row per record it creates (`<entity>.import_create`, the fields it set as `after`) or changes
// (`<entity>.import_update`, each changed field's value before and after), like an admin edit. They share the
// import's time (the transaction's) and actor with its `import.run` row.

/** Who the audit rows name: the organisation and the importing user (null: the command line). */
export interface ImportAudit {
  orgId: number;
  actorId: number | null;
}

// Keys are the camelCase field names the admin audit log uses; a deal's owners are reps, not users (ownerId is a user there).
const KEY_OVERRIDES: Record<string, string> = { owner_id: "ownerRepId", closed_owner_id: "closedOwnerRepId" };

export function auditKey(column: string): string {
  return KEY_OVERRIDES[column] ?? column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** `jsonb_build_object('key', alias."column", …)` over the columns (never org_id). */
export function auditJson(alias: string, columns: readonly string[]): string {
  const pairs = columns.filter((c) => c !== "org_id").map((c) => `'${auditKey(c)}', ${alias}."${c}"`);
  return `jsonb_build_object(${pairs.join(", ")})`;
}

/** The parameters `auditInsertSql` refers to, appended after the statement's own. */
export function auditParams(audit: ImportAudit, entity: string): unknown[] {
  return [audit.orgId, audit.actorId, entity];
}

/**
 * `INSERT INTO audit_log … SELECT` over `source` (a CTE with an `id` column) for created rows: `after` is the
 * columns' values, nulls left out. `first` is the number of the first of auditParams' parameters.
 */
export function auditCreatedSql(source: string, columns: readonly string[], first: number): string {
  return `INSERT INTO audit_log (org_id, actor_id, action, entity, entity_id, after)
    SELECT $${first}::int, $${first + 1}::int, $${first + 2}::text || '.import_create', $${first + 2}::text, ${source}.id::text, jsonb_strip_nulls(${auditJson(source, columns)})
      FROM ${source}`;
}

/**
 * `INSERT INTO audit_log … SELECT` for updated rows: `after` (a CTE of the rows as written) joined by id to
 * `before` (the same rows as they were), each with `columns`; only the fields whose value changed are kept.
 */
export function auditUpdatedSql(before: string, after: string, columns: readonly string[], first: number): string {
  return `INSERT INTO audit_log (org_id, actor_id, action, entity, entity_id, before, after)
    SELECT $${first}::int, $${first + 1}::int, $${first + 2}::text || '.import_update', $${first + 2}::text, ${after}.id::text, diff.before, diff.after
      FROM ${after} JOIN ${before} ON ${before}.id = ${after}.id
      CROSS JOIN LATERAL (
        SELECT jsonb_object_agg(o.key, o.value) AS before, jsonb_object_agg(n.key, n.value) AS after
          FROM jsonb_each(${auditJson(before, columns)}) o JOIN jsonb_each(${auditJson(after, columns)}) n ON n.key = o.key
         WHERE o.value IS DISTINCT FROM n.value) diff
     WHERE diff.after IS NOT NULL`;
}
