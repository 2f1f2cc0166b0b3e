import type pg from "pg";
import { APP_ID_PREFIX } from "./ref-index";

/** Every stored row of an organisation's table by its file id (or the app id the export gave it). */
export async function existingKeys(client: pg.ClientBase, table: "rep" | "account" | "lead" | "deal", orgId: number): Promise<Map<string, number>> {
  const result = await client.query<{ id: number; key: string }>(
    `SELECT id, COALESCE(external_id, '${APP_ID_PREFIX}' || id) AS key FROM "${table}" WHERE org_id = $1`,
    [orgId],
  );
  return new Map(result.rows.map((r) => [r.key, r.id]));
}
