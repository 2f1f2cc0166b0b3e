// Writes the demo organisation into a migrated database: COPY with explicit ids, all in one transaction,
// then moves every id sequence past the ids written.
import bcrypt from "bcryptjs";
import pg from "pg";
import { createCopyWriter } from "./copy-writer";
import { withConstraintsDeferred } from "../../lib/db/defer-constraints";
import { analyzeAppTables } from "../../lib/db/analyze-tables";
import { withDerivedDataDeferred } from "../../lib/db/derived-data";
import { DEMO_PASSWORD } from "./demo-logins";
import { generateDemo } from "./generate-demo";
import { hasNoOrganisation } from "./is-database-empty";
import { DEFAULT_DEMO_LOCALE, type DemoLocale, localiseLogins, translatingSink } from "./locale";
import { resolveDemoOptions } from "./options";
import { type DemoLogin, planOrganisation } from "./plan-organisation";
import { TABLE_ORDER, TABLES } from "./rows";

export interface SeedDemoOptions {
  seed?: number;
  today?: Date;
  reps?: number;
  years?: number;
  /** Plant the patterns of docs/demo-data.md (default true); false only for tests that need none (DemoOptions.patterns). */
  patterns?: boolean;
  /** The language of the demo's texts: stage, pipeline and team names, lost reasons, criteria, notes (default English). */
  locale?: DemoLocale;
  /** Empty every app table first (not `_prisma_migrations`); without it a non-empty database is refused. */
  reset?: boolean;
  onProgress?: (done: number, total: number, label: string) => void;
}

export interface SeedDemoResult {
  counts: Record<string, number>;
  logins: DemoLogin[];
}

// Enough to keep COPY statements large while the 1,000-rep benchmark stays within a few hundred MB.
const FLUSH_CHARACTERS = 48 * 1024 * 1024;
const BCRYPT_COST = 10;

export class DatabaseNotEmptyError extends Error {
  constructor() {
    super("the database already holds an organisation; seed it again with reset (npm run seed -- --reset) to replace everything");
    this.name = "DatabaseNotEmptyError";
  }
}

export async function seedDemo(connectionString: string, options: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const passwordHash = await bcrypt.hash(DEMO_PASSWORD, BCRYPT_COST);
  const resolved = resolveDemoOptions({
    seed: options.seed,
    today: options.today,
    reps: options.reps,
    years: options.years,
    patterns: options.patterns,
    passwordHash,
  });
  const plan = planOrganisation(resolved);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("BEGIN");
    if (options.reset) await truncateAppTables(client);
    else if (!(await hasNoOrganisation(client))) throw new DatabaseNotEmptyError();

    const writer = createCopyWriter(client);
    const locale = options.locale ?? DEFAULT_DEMO_LOCALE;
    const sink = translatingSink(writer.sink, locale);
    let total = 1;
    await withDerivedDataDeferred(client, () =>
      withConstraintsDeferred(client, TABLE_ORDER, async () => {
        for (const step of generateDemo(resolved, sink, plan)) {
          total = step.total + 1;
          if (writer.buffered() > FLUSH_CHARACTERS) await writer.flush();
          options.onProgress?.(step.done, total, step.label);
        }
        await writer.flush();
      }),
    );
    await advanceSequences(client);
    await client.query("COMMIT");
    // The planner's statistics for the rows just written, not minutes later when autovacuum gets to them.
    await analyzeAppTables(client);
    options.onProgress?.(total, total, "done");
    return { counts: { ...writer.counts }, logins: localiseLogins(plan.logins, locale) };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

async function truncateAppTables(client: pg.ClientBase): Promise<void> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`,
  );
  if (rows.length === 0) return;
  // Every table at once, the derived ones with their sources, so the guard against a TRUNCATE that would leave the
  // derived tables stale (migration 20261128100000_refuse_truncate_of_kpi_sources) is lifted for this transaction.
  await client.query(`SET LOCAL app.truncating_every_table = 'on'`);
  await client.query(`TRUNCATE TABLE ${rows.map((r) => r.name).join(", ")} RESTART IDENTITY CASCADE`);
}

async function advanceSequences(client: pg.ClientBase): Promise<void> {
  for (const table of TABLE_ORDER) {
    if (!TABLES[table].some(([field]) => field === "id")) continue;
    await client.query(
      `SELECT setval(pg_get_serial_sequence($1, 'id'), COALESCE((SELECT MAX(id) FROM "${table}"), 0) + 1, false)`,
      [`"${table}"`],
    );
  }
}
