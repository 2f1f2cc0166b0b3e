import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { getMigrationState, migrate, MigrationError } from "@/lib/db/migrate";
import { createScratchDatabase, type ScratchDatabase } from "./support/db";

const MIGRATIONS_DIR = path.resolve("prisma/migrations");
const PRISMA_LOCK_KEY = 72707369;
const migrationNames = fs
  .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function scratch(): Promise<ScratchDatabase> {
  const database = await createScratchDatabase();
  cleanups.push(() => database.drop());
  return database;
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  cleanups.push(() => client.end());
  return client;
}

function migrationsDir(migrations: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migrations-"));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (const [name, sql] of Object.entries(migrations)) writeMigration(dir, name, sql);
  return dir;
}

function writeMigration(dir: string, name: string, sql: string): void {
  fs.mkdirSync(path.join(dir, name), { recursive: true });
  fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
}

async function history(client: pg.Client) {
  const result = await client.query(
    `SELECT id, checksum, migration_name, finished_at, rolled_back_at, started_at, logs, applied_steps_count
     FROM _prisma_migrations ORDER BY migration_name`,
  );
  return result.rows;
}

async function tableExists(client: pg.Client, table: string): Promise<boolean> {
  const result = await client.query<{ found: string | null }>("SELECT to_regclass($1)::text AS found", [table]);
  return result.rows[0]?.found != null;
}

// Every CREATE TABLE of the real migrations, so "complete schema" means all of them, not a sample.
const migratedTables = migrationNames.flatMap((name) =>
  [...fs.readFileSync(path.join(MIGRATIONS_DIR, name, "migration.sql"), "utf8").matchAll(/CREATE TABLE "(\w+)"/g)].map((m) => m[1]!),
);

async function waitForLockWaiters(client: pg.Client, count: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const result = await client.query<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM pg_locks
       WHERE locktype = 'advisory' AND NOT granted AND objid = $1 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      [PRISMA_LOCK_KEY],
    );
    if (result.rows[0]?.waiting === count) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out waiting for ${count} migrators to queue on the advisory lock`);
}

function migrateInChildProcess(url: string): Promise<{ applied: string[] }> {
  const script = `import { migrate } from "./lib/db/migrate";
    migrate(process.env.MIGRATE_URL!).then((r) => console.log(JSON.stringify(r)), (e) => { console.error(String(e)); process.exit(1); });`;
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "-e", script], { env: { ...process.env, MIGRATE_URL: url }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(JSON.parse(stdout.trim().split("\n").at(-1)!) as { applied: string[] });
      else reject(new Error(`migrator process exited with ${code}: ${stderr}`));
    });
  });
}

describe("migrate", () => {
  it("applies every migration to a fresh database, then finds nothing to do", async () => {
    const { url } = await scratch();
    expect(await getMigrationState(url)).toEqual({ applied: [], pending: migrationNames, failed: [] });

    expect(await migrate(url)).toEqual({ applied: migrationNames });
    expect(await migrate(url)).toEqual({ applied: [] });
    expect(await getMigrationState(url)).toEqual({ applied: migrationNames, pending: [], failed: [] });

    const client = await connect(url);
    for (const table of migratedTables) expect(await tableExists(client, table), table).toBe(true);
    const rows = await history(client);
    expect(rows.map((row) => row.migration_name)).toEqual(migrationNames);
    for (const row of rows) {
      const file = fs.readFileSync(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(file).digest("hex"));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("keeps its bookkeeping in a table with exactly Prisma's _prisma_migrations columns", async () => {
    const { url } = await scratch();
    await migrate(url);
    const client = await connect(url);
    const columns = await client.query(
      `SELECT column_name, data_type, character_maximum_length, is_nullable, column_default
       FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns.rows.map((c) => [c.column_name, c.data_type, c.character_maximum_length, c.is_nullable, c.column_default])).toEqual([
      ["id", "character varying", 36, "NO", null],
      ["checksum", "character varying", 64, "NO", null],
      ["finished_at", "timestamp with time zone", null, "YES", null],
      ["migration_name", "character varying", 255, "NO", null],
      ["logs", "text", null, "YES", null],
      ["rolled_back_at", "timestamp with time zone", null, "YES", null],
      ["started_at", "timestamp with time zone", null, "NO", "now()"],
      ["applied_steps_count", "integer", null, "NO", "0"],
    ]);
  });

  it("lets exactly one of two migrators started at once apply; the other waits and finds nothing to do", async () => {
    const { url } = await scratch();
    const holder = await connect(url);
    // Holding the lock first guarantees both migrators really overlap instead of running one after the other.
    await holder.query("SELECT pg_advisory_lock($1)", [PRISMA_LOCK_KEY]);
    const logs: string[][] = [[], []];
    const runs = logs.map((log) => migrate(url, { log: (msg) => log.push(msg) }));
    await waitForLockWaiters(holder, 2);
    await holder.query("SELECT pg_advisory_unlock($1)", [PRISMA_LOCK_KEY]);
    const results = await Promise.all(runs);

    expect(results.map((r) => r.applied).sort()).toEqual([[], migrationNames]);
    for (const log of logs) expect(log[0]).toMatch(/Another process is migrating this database; waiting/);
    expect((await history(holder)).map((row) => row.migration_name)).toEqual(migrationNames);
    expect(await getMigrationState(url)).toEqual({ applied: migrationNames, pending: [], failed: [] });
  });

  it("serialises two migrator processes on the same fresh database", async () => {
    const { url } = await scratch();
    const holder = await connect(url);
    await holder.query("SELECT pg_advisory_lock($1)", [PRISMA_LOCK_KEY]);
    const runs = [migrateInChildProcess(url), migrateInChildProcess(url)];
    await waitForLockWaiters(holder, 2);
    await holder.query("SELECT pg_advisory_unlock($1)", [PRISMA_LOCK_KEY]);
    const results = await Promise.all(runs);

    expect(results.map((r) => r.applied).sort()).toEqual([[], migrationNames]);
    const rows = await history(holder);
    expect(rows.map((row) => row.migration_name)).toEqual(migrationNames);
    for (const table of migratedTables) expect(await tableExists(holder, table), table).toBe(true);
    // Both processes see one and the same history afterwards.
    const [a, b] = await Promise.all([getMigrationState(url), getMigrationState(url)]);
    expect(a).toEqual(b);
  });

  it("rolls back a failing migration completely, keeps the ones before it, and names it in the error", async () => {
    const { url } = await scratch();
    const dir = migrationsDir({
      "20260101000000_good": `CREATE TABLE "good_one" ("id" INTEGER NOT NULL);\n`,
      "20260102000000_bad": `CREATE TABLE "partial_one" ("id" INTEGER NOT NULL);\n\nCREATE TABLE "broken" ("id" NOT_A_TYPE);\n`,
      "20260103000000_after": `CREATE TABLE "after_one" ("id" INTEGER NOT NULL);\n`,
    });

    const error = await migrate(url, { migrationsDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).migrationName).toBe("20260102000000_bad");
    expect((error as MigrationError).message).toBe(
      'Migration 20260102000000_bad failed and was rolled back (line 3): type "not_a_type" does not exist',
    );

    const client = await connect(url);
    expect(await tableExists(client, "good_one")).toBe(true);
    expect(await tableExists(client, "partial_one")).toBe(false);
    expect(await tableExists(client, "after_one")).toBe(false);
    expect((await history(client)).map((row) => row.migration_name)).toEqual(["20260101000000_good"]);
    expect(await getMigrationState(url, { migrationsDir: dir })).toEqual({
      applied: ["20260101000000_good"],
      pending: ["20260102000000_bad", "20260103000000_after"],
      failed: [],
    });

    writeMigration(dir, "20260102000000_bad", `CREATE TABLE "partial_one" ("id" INTEGER NOT NULL);\n`);
    expect(await migrate(url, { migrationsDir: dir })).toEqual({ applied: ["20260102000000_bad", "20260103000000_after"] });
  });

  it("refuses to run when an applied migration was edited afterwards", async () => {
    const { url } = await scratch();
    const dir = migrationsDir({ "20260101000000_first": `CREATE TABLE "first_one" ("id" INTEGER NOT NULL);\n` });
    await migrate(url, { migrationsDir: dir });
    writeMigration(dir, "20260101000000_first", `CREATE TABLE "first_one" ("id" BIGINT NOT NULL);\n`);
    writeMigration(dir, "20260102000000_second", `CREATE TABLE "second_one" ("id" INTEGER NOT NULL);\n`);

    const error = await migrate(url, { migrationsDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).migrationName).toBe("20260101000000_first");
    expect((error as MigrationError).message).toMatch(
      /^Migration 20260101000000_first was edited after it was applied \(its checksum differs from the one recorded\)/,
    );
    const client = await connect(url);
    expect(await tableExists(client, "second_one")).toBe(false);
  });

  it("refuses to run over a migration recorded as failed, and reports it as failed", async () => {
    const { url } = await scratch();
    const dir = migrationsDir({ "20260101000000_first": `CREATE TABLE "first_one" ("id" INTEGER NOT NULL);\n` });
    await migrate(url, { migrationsDir: dir });
    writeMigration(dir, "20260102000000_second", `CREATE TABLE "second_one" ("id" INTEGER NOT NULL);\n`);
    const client = await connect(url);
    // What `prisma migrate deploy` leaves behind when a migration fails half-way.
    await client.query(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, logs) VALUES ('00000000-0000-4000-8000-000000000000', $1, '20260102000000_second', 'boom')`,
      ["0".repeat(64)],
    );

    expect(await getMigrationState(url, { migrationsDir: dir })).toEqual({
      applied: ["20260101000000_first"],
      pending: [],
      failed: ["20260102000000_second"],
    });
    await expect(migrate(url, { migrationsDir: dir })).rejects.toThrow(
      /Migration 20260102000000_second is recorded as failed in _prisma_migrations\. .*prisma migrate resolve --rolled-back 20260102000000_second/,
    );

    // Once marked rolled back (as `prisma migrate resolve --rolled-back` does), it is applied again.
    await client.query(`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE finished_at IS NULL`);
    expect(await migrate(url, { migrationsDir: dir })).toEqual({ applied: ["20260102000000_second"] });
    expect(await tableExists(client, "second_one")).toBe(true);
  });
});
