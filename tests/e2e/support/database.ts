import fs from "node:fs";
import pg from "pg";
import type { MatrixFixture } from "./markers";
import { DATABASE_URL_FILE, FIXTURE_FILE } from "./paths";

export function readFixture(): MatrixFixture {
  return JSON.parse(fs.readFileSync(FIXTURE_FILE, "utf8")) as MatrixFixture;
}

/** A client on the database the e2e server is serving. */
export async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: fs.readFileSync(DATABASE_URL_FILE, "utf8").trim() });
  await client.connect();
  return client;
}

// The tables an admin or user action can write, restricted to the two fixture organisations.
const WRITABLE = [
  "SELECT t::text FROM organization t WHERE id = ANY($1)",
  "SELECT t::text FROM app_user t WHERE org_id = ANY($1)",
  "SELECT t::text FROM team t WHERE org_id = ANY($1)",
  "SELECT t::text FROM rep t WHERE org_id = ANY($1)",
  "SELECT t::text FROM deal t WHERE org_id = ANY($1)",
  "SELECT t::text FROM audit_log t WHERE org_id = ANY($1)",
  "SELECT i::text FROM user_invite i JOIN app_user u ON u.id = i.user_id WHERE u.org_id = ANY($1)",
];

/** Equal fingerprints before and after a request: it wrote nothing. */
export async function fingerprint(client: pg.Client, fixture: MatrixFixture): Promise<string[]> {
  const orgs = [fixture.orgId, fixture.otherOrgId];
  const hashes: string[] = [];
  for (const sql of WRITABLE) {
    const { rows } = await client.query<{ hash: string }>(`SELECT md5(coalesce(string_agg(x.t, '|' ORDER BY x.t), '')) AS hash FROM (${sql.replace(/^SELECT (\w)::text/, "SELECT $1::text AS t")}) x`, [orgs]);
    hashes.push(rows[0]!.hash);
  }
  return hashes;
}
