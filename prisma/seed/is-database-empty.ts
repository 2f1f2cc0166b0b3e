// Whether the demo should be seeded: no organisation yet (or no schema at all).
import pg from "pg";

export async function isDatabaseEmpty(connectionString: string): Promise<boolean> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await hasNoOrganisation(client);
  } finally {
    await client.end();
  }
}

export async function hasNoOrganisation(client: pg.ClientBase): Promise<boolean> {
  const table = await client.query<{ found: boolean }>(`SELECT to_regclass('organization') IS NOT NULL AS found`);
  if (!table.rows[0]?.found) return true;
  const rows = await client.query<{ present: boolean }>(`SELECT EXISTS (SELECT 1 FROM organization) AS present`);
  return !rows.rows[0]?.present;
}
