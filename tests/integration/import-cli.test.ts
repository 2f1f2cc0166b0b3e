import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PassThrough } from "node:stream";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportKind } from "@/lib/export/export-kind";
import { generateDealsCsv } from "@/lib/import/generate-deals-csv";
import { IMPORT_KINDS } from "@/lib/import/kinds/import-kinds";
import { runImport } from "@/lib/import/run-import";
import { importMappingSchema } from "@/lib/validation/import-mapping";
import { seedDemo } from "@/prisma/seed";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";

const TABLES = ["rep", "team", "account", "lead", "deal", "deal_stage_change", "activity", "quota", "coaching_session"];
const RUN_DIR = path.resolve(".data/test-runs", `import-cli-${process.pid}`);

let database: ScratchDatabase;
let client: pg.Client;

/** A fingerprint of every row of the data tables: equal fingerprints, nothing changed. */
async function fingerprint(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const { rows } = await client.query<{ n: string; h: string | null }>(`SELECT count(*) AS n, md5(string_agg(t::text, '|' ORDER BY t.id)) AS h FROM "${table}" t`);
    out[table] = `${rows[0]?.n}:${rows[0]?.h}`;
  }
  return out;
}

function cli(args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", ...args], { env: { ...process.env, DATABASE_URL: database.url }, encoding: "utf8", timeout: 120_000 });
}

beforeAll(async () => {
  fs.mkdirSync(RUN_DIR, { recursive: true });
  database = await createMigratedDatabase();
  await seedDemo(database.url, { today: new Date("2025-11-20T10:00:00Z"), reps: 8, years: 1 });
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await database?.drop();
  fs.rmSync(RUN_DIR, { recursive: true, force: true });
});

describe("export → import is a round trip that changes nothing", () => {
  it.each(IMPORT_KINDS)("%s", async (kind) => {
    const before = await fingerprint();
    const csv = new PassThrough();
    const chunks: Buffer[] = [];
    csv.on("data", (c: Buffer) => chunks.push(c));
    await exportKind(client, kind, 1, csv);
    const worker = new pg.Client({ connectionString: database.url });
    await worker.connect();
    try {
      const summary = await runImport(worker, {
        kind,
        fileName: `${kind}.csv`,
        source: (async function* () {
          yield Buffer.concat(chunks);
        })(),
        mapping: importMappingSchema.parse({}),
        orgId: 1,
      });
      expect(summary.rejections).toEqual([]);
      expect(summary).toMatchObject({ imported: true, created: 0, updated: 0, rejected: 0 });
      expect(summary.unchanged).toBe(summary.rows);
    } finally {
      await worker.end();
    }
    expect(await fingerprint()).toEqual(before);
  });
});

describe("the import CLI", () => {
  it("exports deals to a file and imports them back: exit 0, all unchanged", () => {
    const file = path.join(RUN_DIR, "deals.csv");
    const exported = cli(["lib/cli/export.ts", "deals", "--out", file]);
    expect(exported.status, exported.stderr).toBe(0);
    const imported = cli(["lib/cli/import.ts", "deals", file]);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/▸ Imported: deals\.csv as deals/);
    expect(imported.stdout).toMatch(/created\s+0\n\s+updated\s+0\n\s+unchanged\s+[\d,]+\n\s+rejected\s+0/);
  });

  it("exits 1 and prints the row, column and reason of rejected rows", () => {
    const imported = cli(["lib/cli/import.ts", "deals", "tests/fixtures/import/unknown-rep.csv"]);
    expect(imported.status).toBe(1);
    expect(imported.stdout).toContain('row 3, column "owner": rep "Carla Gomez" does not exist; import reps first or use --create-missing reps');
    expect(imported.stdout).toContain("2 row(s) rejected, nothing imported");
  });

  it("exits 1 with the file's problem on one line", () => {
    const imported = cli(["lib/cli/import.ts", "deals", "tests/fixtures/import/binary.png"]);
    expect(imported.status).toBe(1);
    expect(imported.stderr.trim()).toBe("import: the file is not CSV text: it contains binary data");
  });

  it("leaves the database as it was when killed mid-file", async () => {
    const reps = await client.query<{ name: string }>(`SELECT name FROM rep WHERE kind = 'AE'`);
    const file = path.join(RUN_DIR, "big.csv");
    await generateDealsCsv(file, { rows: 120_000, owners: reps.rows.map((r) => r.name), accounts: 500, until: new Date("2025-11-19T00:00:00Z") });
    const before = await fingerprint();
    const child = spawn(process.execPath, ["--import", "tsx", "lib/cli/import.ts", "deals", file, "--create-missing", "accounts"], {
      env: { ...process.env, DATABASE_URL: database.url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    // The progress bar prints every 10% when not on a terminal: kill at 30%, rows already sent to Postgres.
    await new Promise<void>((resolve, reject) => {
      let err = "";
      child.stderr.on("data", (chunk: Buffer) => {
        err += chunk.toString();
        if (/\b30% /.test(err)) {
          child.kill("SIGKILL");
          resolve();
        }
      });
      child.on("exit", () => reject(new Error(`the import ended before it was killed: ${err}`)));
    });
    await new Promise((resolve) => child.once("exit", resolve));
    // Postgres rolls the transaction back once it notices the connection is gone.
    for (let i = 0; i < 50; i++) {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'`);
      if (rows[0].n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await fingerprint()).toEqual(before);
    const runs = await client.query(`SELECT count(*)::int AS n FROM import_run WHERE file_name = 'big.csv'`);
    expect(runs.rows[0].n).toBe(0);
  });
});
