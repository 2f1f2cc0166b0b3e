import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { ImportKind } from "@/lib/import/kinds/import-kinds";
import { EXPORT_QUERIES } from "./export-queries";

/** Streams one kind of an organisation's rows as UTF-8 CSV with a header of field names; Postgres does the quoting. */
export async function exportKind(client: pg.ClientBase, kind: ImportKind, orgId: number, out: Writable): Promise<void> {
  if (!Number.isInteger(orgId)) throw new Error("orgId must be an integer");
  // COPY takes no parameters: the organisation id is inlined as a checked integer.
  const query = EXPORT_QUERIES[kind].replace(/\$1\b/g, String(orgId));
  await pipeline(client.query(copyTo(`COPY (${query}) TO STDOUT WITH (FORMAT csv, HEADER true)`)), out);
}
