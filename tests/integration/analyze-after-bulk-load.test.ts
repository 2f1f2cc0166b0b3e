import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANALYZE_AFTER_ROWS } from "@/lib/db/analyze-tables";
import { generateDealsCsv } from "@/lib/import/generate-deals-csv";
import { runImport } from "@/lib/import/run-import";
import { importMappingSchema } from "@/lib/validation/import-mapping";
import { seedDemo } from "@/prisma/seed";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";

// Issue 17 point 8: the seed and large imports end by analyzing the tables they filled, so the first views are planned
// with the statistics of the new rows rather than minutes later when autovacuum gets to them.
let database: ScratchDatabase;
let client: pg.Client;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "analyze-test-"));

const analyzeCounts = async (tables: string[]) => {
  // Statistics reach pg_stat_user_tables when the backend reports them; force it for the other session's counts.
  await client.query(`SELECT pg_stat_clear_snapshot()`);
  const { rows } = await client.query<{ relname: string; n: string; last: Date | null }>(
    `SELECT relname, analyze_count AS n, last_analyze AS last FROM pg_stat_user_tables WHERE relname = ANY($1::text[])`,
    [tables],
  );
  return Object.fromEntries(rows.map((r) => [r.relname, { count: Number(r.n), last: r.last }]));
};

beforeAll(async () => {
  database = await createMigratedDatabase();
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  // Autovacuum could analyze the tables too; off for this database's tables only (the server is shared).
  const { rows } = await client.query<{ t: string }>(`SELECT quote_ident(tablename) AS t FROM pg_tables WHERE schemaname = current_schema()`);
  for (const { t } of rows) await client.query(`ALTER TABLE ${t} SET (autovacuum_enabled = false)`);
});

afterAll(async () => {
  await client?.end();
  await database?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("ANALYZE after bulk loads", () => {
  it("the demo seed leaves every table it filled analyzed", async () => {
    const tables = ["deal", "deal_stage_change", "deal_stage_fact", "activity", "activity_day", "lead", "account", "rep"];
    const before = await analyzeCounts(tables);
    for (const t of tables) expect(before[t]?.count ?? 0).toBe(0);
    await seedDemo(database.url, { today: new Date("2025-11-20T10:00:00Z") });
    const after = await analyzeCounts(tables);
    for (const t of tables) {
      expect(after[t]?.count, t).toBe(1);
      expect(after[t]?.last, t).toBeInstanceOf(Date);
    }
  });

  it("a large import analyzes again; a small one leaves it to autovacuum", async () => {
    const org = await client.query<{ id: number }>(`SELECT id FROM organization ORDER BY id LIMIT 1`);
    const orgId = org.rows[0]?.id as number;
    const reps = await client.query<{ name: string }>(`SELECT name FROM rep WHERE org_id = $1 AND kind = 'AE' ORDER BY id`, [orgId]);
    const owners = reps.rows.map((r) => r.name);
    const importDeals = async (rows: number) => {
      const file = path.join(dir, `deals-${rows}.csv`);
      await generateDealsCsv(file, { rows, owners, accounts: 50, until: new Date("2025-11-19T00:00:00Z") });
      const worker = new pg.Client({ connectionString: database.url });
      await worker.connect();
      try {
        return await runImport(worker, {
          kind: "deals",
          fileName: path.basename(file),
          source: fs.createReadStream(file),
          mapping: importMappingSchema.parse({}),
          orgId,
          createMissing: ["accounts"],
        });
      } finally {
        await worker.end();
      }
    };

    const small = await importDeals(50);
    expect(small.imported).toBe(true);
    expect((await analyzeCounts(["deal"])).deal?.count).toBe(1);

    const large = await importDeals(ANALYZE_AFTER_ROWS);
    expect(large.imported).toBe(true);
    expect(large.created).toBeGreaterThanOrEqual(ANALYZE_AFTER_ROWS - 50);
    const after = await analyzeCounts(["deal", "deal_stage_change", "deal_stage_fact", "account"]);
    for (const t of ["deal", "deal_stage_change", "deal_stage_fact", "account"]) expect(after[t]?.count, t).toBe(2);
  });
});
