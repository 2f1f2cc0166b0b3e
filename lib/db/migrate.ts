// Applies prisma/migrations/*/migration.sql without Prisma's schema engine, which cannot be downloaded everywhere.
// Bookkeeping uses Prisma's own _prisma_migrations table and lock key, so `prisma migrate deploy` can take over.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";

export interface MigrateOptions {
  migrationsDir?: string;
  log?: (msg: string) => void;
}

export interface MigrationState {
  applied: string[];
  pending: string[];
  failed: string[];
}

/** A migration that failed (and was rolled back), or a migration history we refuse to build on. */
export class MigrationError extends Error {
  override name = "MigrationError";
  constructor(
    readonly migrationName: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

// The key Prisma's schema engine locks on, so our migrator and `prisma migrate deploy` also exclude each other.
const ADVISORY_LOCK_KEY = 72707369;

const DEFAULT_MIGRATIONS_DIR = "prisma/migrations";

// The migrations are read at run time from the project folder; the bundler must not trace it.
function migrationsDir(option: string | undefined): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), option ?? DEFAULT_MIGRATIONS_DIR);
}

// Prisma's DDL for its bookkeeping table, column for column.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

async function readMigrations(migrationsDir: string): Promise<MigrationFile[]> {
  const entries = await fs.readdir(migrationsDir, { withFileTypes: true }).catch(() => {
    throw new Error(`No migrations folder at ${migrationsDir}.`);
  });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const migrations: MigrationFile[] = [];
  for (const name of names) {
    const bytes = await fs.readFile(path.join(migrationsDir, name, "migration.sql")).catch(() => undefined);
    if (!bytes) continue; // Prisma also ignores folders without a migration.sql
    migrations.push({ name, sql: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") });
  }
  return migrations;
}

async function readHistory(client: pg.Client): Promise<MigrationRow[]> {
  const exists = await client.query<{ table: string | null }>(`SELECT to_regclass('"_prisma_migrations"')::text AS "table"`);
  if (!exists.rows[0]?.table) return [];
  const result = await client.query<MigrationRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
  );
  return result.rows;
}

const isApplied = (row: MigrationRow) => row.finished_at !== null && row.rolled_back_at === null;
const isFailed = (row: MigrationRow) => row.finished_at === null && row.rolled_back_at === null;

function summarise(files: MigrationFile[], history: MigrationRow[]): MigrationState {
  const applied = [...new Set(history.filter(isApplied).map((row) => row.migration_name))];
  const failed = [...new Set(history.filter(isFailed).map((row) => row.migration_name))];
  const pending = files.map((file) => file.name).filter((name) => !applied.includes(name) && !failed.includes(name));
  return { applied, pending, failed };
}

// Refuses histories that `prisma migrate deploy` would also refuse: a failed migration, or an applied file edited since.
function assertHistoryUsable(files: MigrationFile[], history: MigrationRow[]): void {
  const failed = history.find(isFailed);
  if (failed) {
    throw new MigrationError(
      failed.migration_name,
      `Migration ${failed.migration_name} is recorded as failed in _prisma_migrations. Repair the database by hand, ` +
        `then mark it rolled back (npx prisma migrate resolve --rolled-back ${failed.migration_name}) before migrating again.`,
    );
  }
  for (const row of history.filter(isApplied)) {
    const file = files.find((candidate) => candidate.name === row.migration_name);
    if (file && file.checksum !== row.checksum) {
      throw new MigrationError(
        row.migration_name,
        `Migration ${row.migration_name} was edited after it was applied (its checksum differs from the one recorded). ` +
          `Restore the original migration.sql and put the change in a new migration.`,
      );
    }
  }
}

function lineOf(sql: string, position: string | undefined): string {
  const offset = Number(position);
  if (!position || !Number.isInteger(offset)) return "";
  return ` (line ${sql.slice(0, offset).split("\n").length})`;
}

async function applyOne(client: pg.Client, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  await client.query("BEGIN");
  try {
    await client.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ($1, $2, $3)`, [
      id,
      migration.checksum,
      migration.name,
    ]);
    await client.query(migration.sql);
    await client.query(
      `UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`,
      [id],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined); // the connection may be gone; the server rolls back then
    const pgError = error as pg.DatabaseError;
    throw new MigrationError(
      migration.name,
      `Migration ${migration.name} failed and was rolled back${lineOf(migration.sql, pgError.position)}: ${pgError.message}`,
      { cause: error },
    );
  }
}

async function withClient<T>(connectionString: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Applies every pending migration in name order, each in its own transaction, one migrator at a time. */
export async function migrate(connectionString: string, options: MigrateOptions = {}): Promise<{ applied: string[] }> {
  const log = options.log ?? (() => {});
  const files = await readMigrations(migrationsDir(options.migrationsDir));
  return withClient(connectionString, async (client) => {
    const locked = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [ADVISORY_LOCK_KEY]);
    if (!locked.rows[0]?.locked) {
      log("Another process is migrating this database; waiting for it to finish…");
      await client.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
    }
    // Session-level lock: released by the unlock below or, if we crash, when the connection closes.
    try {
      await client.query(CREATE_MIGRATIONS_TABLE);
      const history = await readHistory(client);
      assertHistoryUsable(files, history);
      const { pending } = summarise(files, history);
      const applied: string[] = [];
      for (const migration of files.filter((file) => pending.includes(file.name))) {
        log(`Applying migration ${migration.name}…`);
        await applyOne(client, migration);
        applied.push(migration.name);
      }
      log(applied.length ? `Applied ${applied.length} migration(s).` : "Database schema is up to date.");
      return { applied };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]).catch(() => undefined);
    }
  });
}

/** What the migrations folder and the database say, for the health endpoint; changes nothing. */
export async function getMigrationState(
  connectionString: string,
  options: Pick<MigrateOptions, "migrationsDir"> = {},
): Promise<MigrationState> {
  const files = await readMigrations(migrationsDir(options.migrationsDir));
  return withClient(connectionString, async (client) => summarise(files, await readHistory(client)));
}
