// The loop every kind shares: find each row's stored twin by its key, reject duplicates within the file,
// and write the batch as inserts and updates.
import type { LoadContext, Rejection } from "./load-context";
import { type ImportMessage, importMessage } from "../messages/import-message";
import { type ColumnSpec, writeRows } from "./write-rows";

export interface ParsedRow<Row> {
  row: number;
  value: Row;
}

export interface BatchResult {
  rejections: Rejection[];
  created: number;
  updated: number;
  unchanged: number;
}

export interface KindLoader<Row> {
  /** Resolves and (when `write`) writes one batch. */
  load(batch: ParsedRow<Row>[], write: boolean): Promise<BatchResult>;
  /** Work done once the whole file is in, e.g. synthesizing stage histories; returns how many were. */
  finish(): Promise<number>;
}

export interface Resolved {
  key: string;
  /** The stored row with this key when the loader knows it without the key map (e.g. a name match). */
  id?: number;
  values: unknown[];
  /** What beforeWrite needs beyond the row's own columns (e.g. the team a rep names and its manager). */
  meta?: Record<string, number | null>;
}

export interface KeyedLoaderSpec<Row> {
  table: string;
  columns: readonly ColumnSpec[];
  /** The field whose value names the row in duplicate messages. */
  keyField: string;
  touchedAt?: string;
  existingKeys: Map<string, number>;
  /** Resolve the batch's references first (creating missing reps or accounts, teams…). */
  prepare?(batch: ParsedRow<Row>[]): Promise<void>;
  resolve(value: Row, row: number): Resolved | Rejection;
  /** Writes what the batch changes beyond its own rows (a team's manager…); returns the rows that changed something there. */
  beforeWrite?(rows: Resolved[]): Promise<ReadonlySet<Resolved> | void>;
  afterWrite?(ids: { created: number[]; updated: number[]; all: number[] }): Promise<void>;
  finish?(): Promise<number>;
}

export function keyedLoader<Row>(ctx: LoadContext, spec: KeyedLoaderSpec<Row>): KindLoader<Row> {
  const seen = new Map<string, number>();
  return {
    async load(batch, write) {
      await spec.prepare?.(batch);
      const rejections: Rejection[] = [];
      const pending: Resolved[] = [];
      for (const { row, value } of batch) {
        const resolved = spec.resolve(value, row);
        if ("reason" in resolved) {
          rejections.push(resolved);
          continue;
        }
        const first = seen.get(resolved.key);
        if (first !== undefined) {
          rejections.push({ row, column: ctx.column(spec.keyField), reason: importMessage(spec.keyField === "id" ? "duplicateId" : "duplicateRow", { row: first }) });
          continue;
        }
        seen.set(resolved.key, row);
        pending.push(resolved);
      }
      if (!write || pending.length === 0) return { rejections, created: 0, updated: 0, unchanged: 0 };
      const changedElsewhere = (await spec.beforeWrite?.(pending)) ?? new Set<Resolved>();
      const rows = pending.map((r) => ({ id: r.id ?? spec.existingKeys.get(r.key) ?? null, values: r.values, changedElsewhere: changedElsewhere.has(r) }));
      const result = await writeRows(ctx.client, spec.table, spec.columns, rows, { touchedAt: spec.touchedAt, audit: ctx.audit });
      const knownIds = rows.flatMap((r) => (r.id === null ? [] : [r.id]));
      await spec.afterWrite?.({ created: result.createdIds, updated: result.updatedIds, all: [...result.createdIds, ...knownIds] });
      // A stored row left as it was counts as updated when its row in the file changed something else (its team's manager).
      const written = new Set(result.updatedIds);
      const updated = result.updatedIds.length + rows.filter((r) => r.id !== null && r.changedElsewhere && !written.has(r.id)).length;
      const updates = rows.length - result.createdIds.length;
      return { rejections, created: result.createdIds.length, updated, unchanged: updates - updated };
    },
    finish: async () => (spec.finish ? spec.finish() : 0),
  };
}

/** Columns an update must leave alone because the mapping does not fill their field. */
export function updateMode(ctx: LoadContext, field: string, mode: ColumnSpec["onUpdate"] = "set"): ColumnSpec["onUpdate"] {
  return ctx.provided.has(field) ? mode : "skip";
}

/** A rejection of one row for one field. */
export function reject(ctx: LoadContext, row: number, field: string, reason: ImportMessage): Rejection {
  return { row, column: ctx.column(field), reason };
}
