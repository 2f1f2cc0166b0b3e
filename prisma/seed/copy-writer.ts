// Buffers generated rows as COPY text and writes them table by table, parents first, so foreign keys hold
// at every flush without asking the database for ids.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { type ColumnKind, type RowSink, TABLE_ORDER, TABLES, type TableName } from "./rows";

const LINES_PER_CHUNK = 4096;

export interface CopyWriter {
  sink: RowSink;
  /** Characters waiting to be written. */
  buffered(): number;
  flush(): Promise<void>;
  counts: Record<TableName, number>;
}

export function createCopyWriter(client: pg.ClientBase): CopyWriter {
  // Lines are joined into flat chunks as they come: thousands of small concatenated strings cost far more memory.
  const pending = new Map<TableName, { lines: string[]; chunks: string[] }>(TABLE_ORDER.map((t) => [t, { lines: [], chunks: [] }]));
  const counts = Object.fromEntries(TABLE_ORDER.map((t) => [t, 0])) as Record<TableName, number>;
  const serializers = new Map<TableName, (row: object) => string>(TABLE_ORDER.map((t) => [t, lineSerializer(t)]));
  let buffered = 0;

  return {
    counts,
    buffered: () => buffered,
    sink: {
      add(table, row) {
        const line = (serializers.get(table) as (row: object) => string)(row);
        const buffer = pending.get(table) as { lines: string[]; chunks: string[] };
        buffer.lines.push(line);
        if (buffer.lines.length >= LINES_PER_CHUNK) {
          buffer.chunks.push(buffer.lines.join(""));
          buffer.lines = [];
        }
        buffered += line.length;
        counts[table]++;
      },
    },
    async flush() {
      for (const table of TABLE_ORDER) {
        const buffer = pending.get(table) as { lines: string[]; chunks: string[] };
        if (buffer.lines.length > 0) buffer.chunks.push(buffer.lines.join(""));
        const chunks = buffer.chunks;
        pending.set(table, { lines: [], chunks: [] });
        if (chunks.length === 0) continue;
        const columns = TABLES[table].map(([, column]) => `"${column}"`).join(", ");
        await pipeline(Readable.from(chunks), client.query(copyFrom(`COPY "${table}" (${columns}) FROM STDIN`)));
      }
      buffered = 0;
    },
  };
}

function lineSerializer(table: TableName): (row: object) => string {
  const columns = TABLES[table].map(([field, , kind]) => [field, formatter(kind)] as const);
  return (row) => {
    const record = row as Record<string, unknown>;
    let line = "";
    for (let i = 0; i < columns.length; i++) {
      const [field, format] = columns[i] as (typeof columns)[number];
      const value = record[field];
      line += (i === 0 ? "" : "\t") + (value === null || value === undefined ? "\\N" : format(value));
    }
    return line + "\n";
  };
}

const SPECIAL = /[\\\t\n\r]/;
const escapeText = (s: string) =>
  SPECIAL.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r")) : s;

function formatter(kind: ColumnKind): (value: unknown) => string {
  switch (kind) {
    case "int":
      return (v) => String(v);
    case "text":
    case "date":
      return (v) => escapeText(v as string);
    case "bool":
      return (v) => (v ? "t" : "f");
    case "timestamp":
      return (v) => new Date(v as number).toISOString();
    case "money":
      return (v) => (Number.isInteger(v) ? String(v) : (v as number).toFixed(2));
    case "textArray":
      return (v) => escapeText(`{${(v as string[]).map((item) => `"${item.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(",")}}`);
  }
}
