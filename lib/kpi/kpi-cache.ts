import { Prisma } from "@/lib/db/generated/client";
import { readDataVersion, type DataVersionSql } from "@/lib/db/data-version";
import type { KpiSql } from "./kpi-sql";

export interface KpiCacheOptions {
  /**
   * Rows kept over all results, the least recently used result dropped first. Rows are what costs memory: a team's
   * dashboard is about 15 results of a few dozen rows, the whole organisation's per-rep panels a few thousand each.
   */
  maxRows: number;
  /**
   * Results kept, however small: each holds its key (the statement's text, a few kB), and an empty result costs no
   * rows, so without this bound many distinct empty answers would grow the map without limit. Default 2,000.
   */
  maxResults?: number;
}

interface Entry {
  version: bigint;
  rows: unknown[];
}

/**
 * A KpiSql that keeps each query's result for as long as the data version (lib/db/data-version.ts) stays the one
 * it was computed at. The key is the statement's text and bound values, which carry the viewer's scope (orgId,
 * teams, rep), the period and the filters, so a result is only ever served for the very query that produced it.
 *
 * A result is stored only when the version read before the query equals the version read after it: the query's
 * snapshot was taken between the two reads, so it saw exactly the data of that version. A write committed while the
 * query ran makes the two differ, and the result is returned but not kept.
 */
export function createKpiCache(sql: KpiSql & DataVersionSql, options: KpiCacheOptions): KpiSql & { size(): { results: number; rows: number } } {
  const entries = new Map<string, Entry>();
  let rowsKept = 0;
  const maxResults = options.maxResults ?? 2_000;

  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    rowsKept -= entry.rows.length;
  };

  async function query(statement: Prisma.Sql): Promise<unknown[]> {
    if (!(statement instanceof Prisma.Sql)) throw new TypeError("kpi cache: pass a Prisma.sql statement");
    const key = cacheKey(statement);
    const before = await readDataVersion(sql);
    const hit = entries.get(key);
    if (hit && hit.version === before) {
      // Most recently used last, so the first key is the one to drop.
      entries.delete(key);
      entries.set(key, hit);
      return copyRows(hit.rows);
    }
    const rows = await sql.$queryRaw<unknown[]>(statement);
    const after = await readDataVersion(sql);
    if (after === before && rows.length <= options.maxRows && maxResults > 0) {
      drop(key);
      entries.set(key, { version: before, rows: copyRows(rows) });
      rowsKept += rows.length;
      while (rowsKept > options.maxRows || entries.size > maxResults) drop(entries.keys().next().value as string);
    }
    return rows;
  }

  return {
    $queryRaw: query as unknown as KpiSql["$queryRaw"],
    size: () => ({ results: entries.size, rows: rowsKept }),
  };
}

/** The statement and its values, each tagged with its type (a Date and its ISO string are bound differently). */
export function cacheKey(statement: Prisma.Sql): string {
  const values = statement.values.map((value) => {
    if (value instanceof Date) return ["date", value.toISOString()];
    if (typeof value === "bigint") return ["bigint", value.toString()];
    if (value === null || typeof value !== "object") return [typeof value, value];
    return [value.constructor?.name ?? "object", JSON.stringify(value)];
  });
  return `${statement.text}\u0000${JSON.stringify(values)}`;
}

// Callers shape rows into new objects, but a copy keeps the stored result safe from one that would not.
const copyRows = (rows: unknown[]) => rows.map((row) => (row !== null && typeof row === "object" ? { ...row } : row));
