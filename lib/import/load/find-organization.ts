import type pg from "pg";
import { ImportFileError } from "../parse/import-file-error";
import { importMessage } from "../messages/import-message";

/** The organisation a command-line import writes to: the only one, or the one named. */
export async function findOrganization(client: pg.ClientBase, name?: string): Promise<{ id: number; name: string }> {
  const { rows } = await client.query<{ id: number; name: string }>(`SELECT id, name FROM organization ORDER BY id`);
  if (rows.length === 0) throw new ImportFileError(importMessage("noOrganization"));
  if (name) {
    const found = rows.find((o) => o.name.toLowerCase() === name.trim().toLowerCase());
    if (!found) throw new ImportFileError(importMessage("noSuchOrganization", { name, organizations: rows.map((o) => o.name) }));
    return found;
  }
  if (rows.length > 1) throw new ImportFileError(importMessage("manyOrganizations", { count: rows.length }));
  return rows[0] as { id: number; name: string };
}
