import type pg from "pg";
import { ImportFileError } from "../parse/import-file-error";

/** The organisation a command-line import writes to: the only one, or the one named. */
export async function findOrganization(client: pg.ClientBase, name?: string): Promise<{ id: number; name: string }> {
  const { rows } = await client.query<{ id: number; name: string }>(`SELECT id, name FROM organization ORDER BY id`);
  if (rows.length === 0) throw new ImportFileError("the database has no organisation yet; run `npm start` or `npm run seed` first");
  if (name) {
    const found = rows.find((o) => o.name.toLowerCase() === name.trim().toLowerCase());
    if (!found) throw new ImportFileError(`there is no organisation "${name}"; organisations: ${rows.map((o) => o.name).join(", ")}`);
    return found;
  }
  if (rows.length > 1) throw new ImportFileError(`the database holds ${rows.length} organisations; choose one with --org "<name>"`);
  return rows[0] as { id: number; name: string };
}
