// A whole-database backup the app can make and restore with no PostgreSQL client tools: every table's rows
// (COPY text format) and every sequence's position, read in one consistent snapshot, gzipped (README "Backups").
// Why not pg_dump: the embedded server's package ships no pg_dump/pg_restore, and a system pg_dump older than
// the server (Debian's 15 against the embedded 18) refuses to run. The schema is not in the file: restore
// rebuilds it from the app's own migrations, up to the last one the backup was made with.
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { migrate } from "./migrate";

export const BACKUP_FORMAT = "year-review-backup";
export const BACKUP_VERSION = 1;
const MIGRATIONS_TABLE = "_prisma_migrations";
const TABLE_LINE = "-- table ";
const END_LINE = "-- end ";
const COPY_END = "\\.";

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  serverVersion: string;
  migrations: string[];
  sequences: { name: string; lastValue: string; isCalled: boolean }[];
}

export interface TableSummary {
  name: string;
  rows: number;
}

export interface BackupSummary {
  file: string;
  bytes: number;
  header: BackupHeader;
  tables: TableSummary[];
}

/** A backup or restore that cannot go ahead for a reason the user can act on (printed without a stack). */
export class BackupError extends Error {
  override name = "BackupError";
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function userTables(client: pg.Client): Promise<string[]> {
  const result = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> $1 ORDER BY c.relname`,
    [MIGRATIONS_TABLE],
  );
  return result.rows.map((row) => row.name);
}

// Generated columns are computed by the server and cannot be copied in; the restore computes them again.
async function copyableColumns(client: pg.Client, table: string): Promise<string[]> {
  const result = await client.query<{ name: string }>(
    `SELECT a.attname AS name FROM pg_attribute a
      WHERE a.attrelid = ('public.' || quote_ident($1))::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      ORDER BY a.attnum`,
    [table],
  );
  return result.rows.map((row) => row.name);
}

async function appliedMigrations(client: pg.Client): Promise<string[]> {
  const exists = await client.query(`SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = $1`, [MIGRATIONS_TABLE]);
  if (exists.rowCount === 0) return [];
  const result = await client.query<{ name: string }>(
    `SELECT migration_name AS name FROM ${quote(MIGRATIONS_TABLE)} WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
  return result.rows.map((row) => row.name);
}

async function writeChunk(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, "drain");
}

/**
 * Writes the database at `url` to `file` (gzip). The file appears only when complete: it is written beside
 * itself under a temporary name and renamed, readable by its owner alone (it holds password hashes).
 */
export async function writeBackup(url: string, file: string): Promise<BackupSummary> {
  const target = path.resolve(file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.${process.pid}.partial`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const tables: TableSummary[] = [];
  let header: BackupHeader;
  try {
    // One snapshot for every table and sequence, so the file is consistent while the app keeps writing.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const migrations = await appliedMigrations(client);
    if (migrations.length === 0) throw new BackupError("The database has no migrations applied: there is nothing to back up.");
    const sequences = await client.query<{ name: string; lastValue: string | null; isCalled: boolean }>(
      `SELECT sequencename AS name, COALESCE(last_value, start_value)::text AS "lastValue", last_value IS NOT NULL AS "isCalled"
         FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename`,
    );
    const version = await client.query<{ server_version: string }>("SHOW server_version");
    header = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: new Date().toISOString(),
      serverVersion: version.rows[0]?.server_version ?? "unknown",
      migrations,
      sequences: sequences.rows.map((row) => ({ name: row.name, lastValue: row.lastValue ?? "1", isCalled: row.isCalled })),
    };
    const gzip = createGzip();
    const out = fs.createWriteStream(partial, { mode: 0o600 });
    const written = pipeline(gzip, out);
    try {
      await writeChunk(gzip, JSON.stringify(header) + "\n");
      for (const table of await userTables(client)) {
        const columns = await copyableColumns(client, table);
        await writeChunk(gzip, TABLE_LINE + JSON.stringify({ name: table, columns }) + "\n");
        const copy = client.query(copyTo(`COPY public.${quote(table)} (${columns.map(quote).join(", ")}) TO STDOUT`));
        let rows = 0;
        for await (const chunk of copy as AsyncIterable<Buffer>) {
          for (const byte of chunk) if (byte === 0x0a) rows++;
          if (!gzip.write(chunk)) await once(gzip, "drain");
        }
        await writeChunk(gzip, COPY_END + "\n");
        tables.push({ name: table, rows });
      }
      await writeChunk(gzip, END_LINE + JSON.stringify({ tables }) + "\n");
      gzip.end();
      await written;
    } catch (error) {
      gzip.destroy();
      await written.catch(() => {});
      throw error;
    }
    await client.query("COMMIT");
    fs.renameSync(partial, target);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  } finally {
    await client.end();
  }
  return { file: target, bytes: fs.statSync(target).size, header, tables };
}

interface TableSection {
  name: string;
  columns: string[];
}

function parseJsonLine<T>(line: string, prefix: string, what: string): T {
  if (!line.startsWith(prefix)) throw new BackupError(`Not a backup made by \`npm run db:backup\`, or a damaged one (expected ${what}).`);
  try {
    return JSON.parse(line.slice(prefix.length)) as T;
  } catch {
    throw new BackupError(`A damaged backup: its ${what} line is not readable.`);
  }
}

function checkHeader(value: unknown): BackupHeader {
  const header = value as Partial<BackupHeader> | null;
  if (!header || header.format !== BACKUP_FORMAT || !Array.isArray(header.migrations) || !Array.isArray(header.sequences)) {
    throw new BackupError("Not a backup made by `npm run db:backup` (its first line is not a backup header).");
  }
  if (header.version !== BACKUP_VERSION) throw new BackupError(`This backup has format version ${header.version}; this app reads version ${BACKUP_VERSION}.`);
  return header as BackupHeader;
}

/** The rows of every table the restore can compare against; also what a non-empty target is judged by. */
async function rowsInTables(client: pg.Client): Promise<number> {
  let total = 0;
  for (const table of await userTables(client)) {
    const result = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM public.${quote(table)}`);
    total += Number(result.rows[0]?.n ?? 0);
  }
  return total;
}

// The backup's migrations, copied for the migrator (same bytes, same checksums): the schema the rows fit.
function migrationsUpTo(names: string[], migrationsDir: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "restore-migrations-"));
  for (const name of names) fs.cpSync(path.join(migrationsDir, name), path.join(folder, name), { recursive: true });
  return folder;
}

export interface RestoreOptions {
  force?: boolean;
  migrationsDir?: string;
  log?: (line: string) => void;
}

export interface RestoreSummary {
  header: BackupHeader;
  tables: TableSummary[];
  replaced: boolean;
  laterMigrations: string[];
}

/**
 * Restores `file` into the database at `url`. Refuses a database that holds any row unless `force`, which
 * drops everything in its public schema first. The rows go in in one transaction: a failure leaves no half.
 */
export async function restoreBackup(url: string, file: string, options: RestoreOptions = {}): Promise<RestoreSummary> {
  const log = options.log ?? (() => {});
  const migrationsDir = path.resolve(/*turbopackIgnore: true*/ process.cwd(), options.migrationsDir ?? "prisma/migrations");
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new BackupError(`No backup file at ${file}.`);
  const magic = Buffer.alloc(2);
  const fd = fs.openSync(file, "r");
  try {
    fs.readSync(fd, magic, 0, 2, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (magic[0] !== 0x1f || magic[1] !== 0x8b) throw new BackupError("Not a backup made by `npm run db:backup`: not a gzip file.");
  const raw = fs.createReadStream(file);
  const input = raw.pipe(createGunzip());
  const reader = readline.createInterface({ input, crlfDelay: Infinity });
  // A read or unzip failure ends the lines (not leaving the reader waiting); next() then names the failure.
  let streamError: Error | undefined;
  const fail = (error: Error) => {
    streamError ??= error;
    reader.close();
  };
  raw.on("error", fail);
  input.on("error", fail);
  const lines = reader[Symbol.asyncIterator]();
  const next = async (): Promise<string> => {
    const item = await lines.next().catch((error: Error) => {
      streamError ??= error;
      return { done: true as const, value: undefined };
    });
    if (streamError) throw new BackupError(`The backup cannot be read (${streamError.message}): a damaged or truncated file.`);
    if (item.done) throw new BackupError("The backup ends early: the file is truncated.");
    return item.value;
  };
  const header = checkHeader(parseJsonLine<unknown>(await next(), "", "header"));
  const known = fs.readdirSync(migrationsDir).sort();
  const unknown = header.migrations.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new BackupError(`This backup was made by a newer version of the app (migration ${unknown[0]} is unknown here). Restore it with that version.`);
  }
  const laterMigrations = known.filter((name) => name > header.migrations.at(-1)! && fs.existsSync(path.join(migrationsDir, name, "migration.sql")));

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const tables: TableSummary[] = [];
  let replaced = false;
  let tempMigrations: string | undefined;
  try {
    const existingRows = await rowsInTables(client);
    const existingTables = (await userTables(client)).length + (await appliedMigrations(client)).length;
    if (existingRows > 0 && !options.force) {
      throw new BackupError(
        `The database is not empty (${existingRows} rows). Restoring replaces everything in it: run again with --force to do so, ` +
          "or restore into an empty database (a new DATA_DIR, or a new database in DATABASE_URL).",
      );
    }
    if (existingTables > 0) {
      log(existingRows > 0 ? `Dropping everything in the database (--force; ${existingRows} rows)` : "Dropping the empty schema");
      await client.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
      replaced = existingRows > 0;
    }
    tempMigrations = migrationsUpTo(header.migrations, migrationsDir);
    await migrate(url, { migrationsDir: tempMigrations });
    log(`Schema rebuilt from ${header.migrations.length} migration(s), up to ${header.migrations.at(-1)}`);

    await client.query("BEGIN");
    // Triggers (foreign keys, derived tables, change notices) stay off: the rows are restored exactly as saved.
    await client.query("SET LOCAL session_replication_role = replica").catch((error: Error) => {
      throw new BackupError(`Restoring needs a PostgreSQL superuser (to load rows with triggers off): ${error.message}`);
    });
    const present = await userTables(client);
    if (present.length > 0) await client.query(`TRUNCATE ${present.map((t) => `public.${quote(t)}`).join(", ")}`);
    for (;;) {
      const line = await next();
      if (line.startsWith(END_LINE)) {
        const trailer = parseJsonLine<{ tables: TableSummary[] }>(line, END_LINE, "end");
        for (const expected of trailer.tables) {
          const got = tables.find((t) => t.name === expected.name);
          if (got?.rows !== expected.rows) throw new BackupError(`A damaged backup: table ${expected.name} has ${got?.rows ?? 0} rows, the backup says ${expected.rows}.`);
        }
        break;
      }
      const section = parseJsonLine<TableSection>(line, TABLE_LINE, "table");
      if (!present.includes(section.name)) throw new BackupError(`The backup has a table ${section.name} that its migrations do not create.`);
      const copy = client.query(copyFrom(`COPY public.${quote(section.name)} (${section.columns.map(quote).join(", ")}) FROM STDIN`));
      const done = new Promise<void>((resolve, reject) => {
        copy.on("finish", resolve);
        copy.on("error", reject);
      });
      let rows = 0;
      try {
        for (;;) {
          const row = await next();
          if (row === COPY_END) break;
          rows++;
          if (!copy.write(row + "\n")) await once(copy, "drain");
        }
      } catch (error) {
        copy.destroy(error as Error); // sends CopyFail, so the connection can roll back
        await done.catch(() => {});
        throw error;
      }
      copy.end();
      await done;
      tables.push({ name: section.name, rows });
    }
    for (const sequence of header.sequences) {
      await client.query("SELECT setval(('public.' || quote_ident($1))::regclass, $2::bigint, $3)", [sequence.name, sequence.lastValue, sequence.isCalled]);
    }
    await client.query("COMMIT");
    log(`Restored ${tables.reduce((sum, t) => sum + t.rows, 0)} rows in ${tables.length} tables`);
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
    reader.close();
    raw.destroy();
    if (tempMigrations) fs.rmSync(tempMigrations, { recursive: true, force: true });
  }
  if (laterMigrations.length > 0) {
    const { applied } = await migrate(url, { migrationsDir });
    log(`Applied ${applied.length} later migration(s) of this version of the app`);
  }
  return { header, tables, replaced, laterMigrations };
}
