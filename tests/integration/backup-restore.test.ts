// `npm run db:backup` / `npm run db:restore` (README "Backups"): a backup restored into an empty embedded data
// folder has every table's rows (counts and an md5 of the rows in primary-key order) and sequences, and
// `npm run report -- --year 2025` prints the same bytes from it as from the original.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { seedDemo } from "@/prisma/seed";
import { createMigratedDatabase, createScratchDatabase, type ScratchDatabase } from "./support/db";

const RUN_DIR = path.resolve(".data/test-runs", `backup-${process.pid}`);
const BACKUP = path.join(RUN_DIR, "nested", "demo.gz");
const RESTORED_DATA_DIR = path.join(RUN_DIR, "restored");

let source: ScratchDatabase;

function inheritedEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of ["DATABASE_URL", "DATA_DIR", "VITEST", "VITEST_POOL_ID", "VITEST_WORKER_ID"]) delete env[key];
  return env;
}

function cli(script: string, args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, ["--import", "tsx", `lib/cli/${script}.ts`, ...args], { env: { ...inheritedEnv(), ...env }, encoding: "utf8", timeout: 240_000 });
}

interface TableState {
  rows: number;
  md5: string | null;
}

/** Every table's row count and the md5 of its rows ordered by primary key (all columns when it has none). */
async function tableStates(url: string): Promise<Record<string, TableState>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string; key: string | null }>(`
      SELECT c.relname AS name,
             (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.ord)
                FROM pg_index i, unnest(i.indkey) WITH ORDINALITY k(attnum, ord), pg_attribute a
               WHERE i.indrelid = c.oid AND i.indisprimary AND a.attrelid = c.oid AND a.attnum = k.attnum) AS key
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_prisma_migrations' ORDER BY c.relname`);
    const states: Record<string, TableState> = {};
    for (const { name, key } of tables.rows) {
      const order = key ?? "t::text";
      const { rows } = await client.query<{ n: string; h: string | null }>(
        `SELECT count(*)::text AS n, md5(string_agg(t::text, E'\\n' ORDER BY ${order.split(", ").map((c) => (c === "t::text" ? c : `t.${c}`)).join(", ")})) AS h FROM public.${client.escapeIdentifier(name)} t`,
      );
      states[name] = { rows: Number(rows[0]?.n), md5: rows[0]?.h ?? null };
    }
    const sequences = await client.query<{ name: string; v: string | null }>(`SELECT sequencename AS name, last_value::text AS v FROM pg_sequences WHERE schemaname = 'public'`);
    for (const { name, v } of sequences.rows) states[`sequence ${name}`] = { rows: 0, md5: v };
    return states;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  fs.rmSync(RUN_DIR, { recursive: true, force: true });
  fs.mkdirSync(RUN_DIR, { recursive: true });
  source = await createMigratedDatabase();
  await seedDemo(source.url, { today: new Date("2025-11-20T10:00:00Z"), reps: 6, years: 1 });
}, 240_000);

afterAll(async () => {
  await source?.drop();
  fs.rmSync(RUN_DIR, { recursive: true, force: true });
});

describe("npm run db:backup → npm run db:restore into an empty data folder", () => {
  let restored: Record<string, TableState>;
  let original: Record<string, TableState>;

  it("backs up to the named file (folders created), readable by its owner only, and says what it wrote", () => {
    const run = cli("backup", [BACKUP], { DATABASE_URL: source.url });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Wrote .*demo\.gz \([\d.]+ KiB, gzip\)/);
    expect(run.stdout).toMatch(/\d+ rows in \d+ tables/);
    expect(fs.statSync(BACKUP).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(BACKUP))).toEqual(["demo.gz"]);
    const header = JSON.parse(zlib.gunzipSync(fs.readFileSync(BACKUP)).toString("utf8").split("\n")[0]!);
    expect(header.format).toBe("year-review-backup");
    expect(header.migrations.length).toBe(fs.readdirSync("prisma/migrations").filter((n) => fs.existsSync(path.join("prisma/migrations", n, "migration.sql"))).length);
  }, 240_000);

  it("restores into a new embedded data folder with every table's rows and every sequence as they were", async () => {
    const run = cli("restore", [BACKUP], { DATA_DIR: RESTORED_DATA_DIR });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Restored .*demo\.gz, made \d{4}-\d\d-\d\dT.*: \d+ rows in \d+ tables/);
    original = await tableStates(source.url);
    let server: EmbeddedPostgres | undefined;
    try {
      server = await startEmbeddedPostgres({ dataDir: path.join(RESTORED_DATA_DIR, "postgres") });
      restored = await tableStates(server.url);
    } finally {
      await server?.stop();
    }
    expect(Object.keys(original).length).toBeGreaterThan(20);
    expect(original.deal!.rows).toBeGreaterThan(50);
    expect(original.activity!.rows).toBeGreaterThan(100);
    expect(restored).toEqual(original);
  }, 240_000);

  it("prints the same year report, byte for byte, from the restored copy", () => {
    const fromSource = cli("report", ["--year", "2025"], { DATABASE_URL: source.url });
    const fromRestored = cli("report", ["--year", "2025"], { DATA_DIR: RESTORED_DATA_DIR });
    expect(fromSource.status).toBe(0);
    expect(fromRestored.status).toBe(0);
    expect(fromSource.stdout.length).toBeGreaterThan(1000);
    expect(fromRestored.stdout).toBe(fromSource.stdout);
  }, 240_000);

  it("refuses to restore into a database that holds rows unless --force, and says so", async () => {
    const refused = cli("restore", [BACKUP], { DATA_DIR: RESTORED_DATA_DIR });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/db:restore: The database is not empty \(\d+ rows\).*--force/);
    const forced = cli("restore", [BACKUP, "--force"], { DATA_DIR: RESTORED_DATA_DIR });
    expect(forced.stderr).toBe("");
    expect(forced.status).toBe(0);
    expect(forced.stdout).toMatch(/Dropping everything in the database \(--force; \d+ rows\)/);
    expect(forced.stdout).toMatch(/earlier contents were replaced/);
    let server: EmbeddedPostgres | undefined;
    try {
      server = await startEmbeddedPostgres({ dataDir: path.join(RESTORED_DATA_DIR, "postgres") });
      expect(await tableStates(server.url)).toEqual(original);
    } finally {
      await server?.stop();
    }
  }, 240_000);

  it("rejects bad arguments and files that are not backups with a clear message, writing nothing", async () => {
    const target = await createScratchDatabase();
    try {
      const none = cli("restore", [], { DATABASE_URL: target.url });
      expect(none.status).toBe(1);
      expect(none.stderr).toMatch(/name the backup file/);
      const unknown = cli("restore", [BACKUP, "--yes"], { DATABASE_URL: target.url });
      expect(unknown.stderr).toMatch(/unknown option --yes/);
      const missing = cli("restore", [path.join(RUN_DIR, "missing.gz")], { DATABASE_URL: target.url });
      expect(missing.stderr).toMatch(/No backup file at/);
      const junk = path.join(RUN_DIR, "junk.gz");
      fs.writeFileSync(junk, "not a backup\n");
      const notGzip = cli("restore", [junk], { DATABASE_URL: target.url });
      expect(notGzip.status).toBe(1);
      expect(notGzip.stderr).toMatch(/not a gzip file/);
      const brokenGzip = path.join(RUN_DIR, "broken.gz");
      fs.writeFileSync(brokenGzip, fs.readFileSync(BACKUP).subarray(0, 200));
      const broken = cli("restore", [brokenGzip], { DATABASE_URL: target.url });
      expect(broken.status).toBe(1);
      expect(broken.stderr).toMatch(/damaged|truncated/);
      const truncated = path.join(RUN_DIR, "truncated.gz");
      const text = zlib.gunzipSync(fs.readFileSync(BACKUP)).toString("utf8");
      fs.writeFileSync(truncated, zlib.gzipSync(text.slice(0, Math.floor(text.length / 2)).replace(/\n[^\n]*$/, "\n")));
      const cut = cli("restore", [truncated], { DATABASE_URL: target.url });
      expect(cut.status).toBe(1);
      expect(cut.stderr).toMatch(/truncated/);
      const client = new pg.Client({ connectionString: target.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM "app_user"`).catch(() => ({ rows: [{ n: "no table" }] }));
        expect(rows[0]!.n).toBe("0"); // the schema may stand; no row of the cut backup does
      } finally {
        await client.end();
      }
      const twoFiles = cli("backup", [BACKUP, "other.gz"], { DATABASE_URL: source.url });
      expect(twoFiles.status).toBe(1);
    } finally {
      await target.drop();
    }
  }, 240_000);
});
