// The data version behind the KPI cache: every table the figures are computed from notes each committed writing
// transaction, uncommitted and rolled-back writes do not count, concurrent writers do not wait for each other,
// compaction keeps the version, and the cache over the real KPI queries never serves a figure from before a write.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintViewer } from "@/lib/auth/viewer";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { DATA_CHANGE_TABLES, TABLES_WITHOUT_DATA_CHANGE, dataChangeTriggerName } from "@/lib/db/data-change-triggers";
import { COMPACT_AFTER_ROWS, compactDataChanges, readDataVersion } from "@/lib/db/data-version";
import { createKpiCache } from "@/lib/kpi/kpi-cache";
import { periodOf } from "@/lib/kpi/period";
import { queryDealMetrics } from "@/lib/kpi/query-deal-metrics";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";

let database: ScratchDatabase;
let prisma: PrismaClient;
const clients: pg.Client[] = [];

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  clients.push(client);
  return client;
}

const version = () => readDataVersion(prisma);

beforeAll(async () => {
  database = await createMigratedDatabase();
  prisma = createPrismaClient(database.url, { max: 4 });
});

afterAll(async () => {
  for (const client of clients) await client.end();
  await prisma?.$disconnect();
  await database?.drop();
});

describe("data version", () => {
  it("lists every table as either noting its writes or not read by any figure", async () => {
    const c = await connect();
    const tables = (await c.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).rows.map((r) => r.name);
    const listed: string[] = [...DATA_CHANGE_TABLES, ...TABLES_WITHOUT_DATA_CHANGE];
    expect(tables.filter((table) => !listed.includes(table))).toEqual([]);
    expect(listed.filter((table) => !tables.includes(table))).toEqual([]);
  });

  it.each(DATA_CHANGE_TABLES.map((table) => [table]))("goes up when a transaction writing %s commits", async (table) => {
    const c = await connect();
    const column = await firstColumn(c, table);
    // Statement triggers fire even when no row matches: empty writes are enough to prove each kind is noted.
    for (const statement of [
      `INSERT INTO "${table}" SELECT * FROM "${table}" WHERE FALSE`,
      `UPDATE "${table}" SET ${column} = ${column} WHERE FALSE`,
      `DELETE FROM "${table}" WHERE FALSE`,
    ]) {
      const before = await version();
      await c.query(statement);
      expect(await version(), `${statement} → ${dataChangeTriggerName(table)}`).toBe(before + 1n);
    }
  });

  it("counts a transaction once however many statements it runs, and only once it commits", async () => {
    const writer = await connect();
    const before = await version();
    await writer.query("BEGIN");
    await writer.query(`INSERT INTO organization (name, time_zone) VALUES ('A', 'UTC')`);
    await writer.query(`INSERT INTO organization (name, time_zone) VALUES ('B', 'UTC')`);
    await writer.query(`UPDATE organization SET name = name || '!' WHERE name IN ('A', 'B')`);
    expect(await version()).toBe(before);
    await writer.query("COMMIT");
    expect(await version()).toBe(before + 1n);

    await writer.query("BEGIN");
    await writer.query(`DELETE FROM organization WHERE name IN ('A!', 'B!')`);
    await writer.query("ROLLBACK");
    expect(await version()).toBe(before + 1n);
  });

  it("lets two transactions write at once without waiting for each other", async () => {
    const [a, b] = [await connect(), await connect()];
    const before = await version();
    await a.query("BEGIN");
    await a.query(`INSERT INTO organization (name, time_zone) VALUES ('Concurrent A', 'UTC')`);
    await b.query("BEGIN");
    await b.query("SET LOCAL lock_timeout = '2s'");
    await b.query(`INSERT INTO organization (name, time_zone) VALUES ('Concurrent B', 'UTC')`);
    await b.query("COMMIT");
    expect(await version()).toBe(before + 1n);
    await a.query("COMMIT");
    expect(await version()).toBe(before + 2n);
  });

  it("keeps the version through compaction, and counts a transaction still running at the time once it commits", async () => {
    const writer = await connect();
    for (let i = 0; i < 5; i += 1) await writer.query(`UPDATE organization SET name = name WHERE FALSE`);
    await writer.query("BEGIN");
    await writer.query(`UPDATE organization SET name = name WHERE FALSE`);
    const before = await version();
    await compactDataChanges(prisma);
    expect(await version()).toBe(before);
    const rows = await writer.query<{ n: string }>(`SELECT count(*) AS n FROM data_change`);
    expect(Number(rows.rows[0]!.n)).toBe(2); // the folded row, and the running transaction's own
    await writer.query("COMMIT");
    expect(await version()).toBe(before + 1n);
  });

  it("compacts by itself once there are more rows than the threshold", async () => {
    const c = await connect();
    const before = await version();
    await c.query(`INSERT INTO data_change (tx) SELECT NULL FROM generate_series(1, ${COMPACT_AFTER_ROWS})`);
    const grown = await version(); // reads, then folds
    expect(grown).toBe(before + BigInt(COMPACT_AFTER_ROWS));
    const rows = await c.query<{ n: string }>(`SELECT count(*) AS n FROM data_change`);
    expect(Number(rows.rows[0]!.n)).toBe(1);
    expect(await version()).toBe(grown);
  });
});

describe("KPI cache over the real queries", () => {
  const period = periodOf({ kind: "year", year: 2025 }, "UTC");

  it("serves a repeated query from memory and recomputes it after any committed write", async () => {
    const c = await connect();
    const org = (await c.query<{ id: number }>(`INSERT INTO organization (name, time_zone) VALUES ('Cached', 'UTC') RETURNING id`)).rows[0]!.id;
    const pipeline = (await c.query<{ id: number }>(`INSERT INTO pipeline (org_id, name) VALUES ($1, 'New') RETURNING id`, [org])).rows[0]!.id;
    const stages = (
      await c.query<{ id: number }>(
        `INSERT INTO stage (pipeline_id, name, position, kind) VALUES ($1, 'S1', 1, 'OPEN'), ($1, 'Won', 2, 'WON'), ($1, 'Lost', 3, 'LOST') RETURNING id`,
        [pipeline],
      )
    ).rows.map((r) => r.id);
    const rep = (await c.query<{ id: number }>(`INSERT INTO rep (org_id, name, kind) VALUES ($1, 'Ann', 'AE') RETURNING id`, [org])).rows[0]!.id;
    const winDeal = (name: string) =>
      c.query(
        `INSERT INTO deal (org_id, pipeline_id, stage_id, owner_id, name, amount, created_at, closed_at, status)
         VALUES ($1, $2, $3, $4, $5, 1000, '2025-03-01T10:00:00Z', '2025-04-01T10:00:00Z', 'WON')`,
        [org, pipeline, stages[1], rep, name],
      );
    await winDeal("First");

    const viewer = mintViewer({ userId: 1, orgId: org, role: "ADMIN", repId: null, teamIds: [], name: "Ada", email: "ada@example.test", locale: "en" });
    let statements = 0;
    const counting = {
      $queryRaw: ((...args: Parameters<PrismaClient["$queryRaw"]>) => {
        if (!Array.isArray(args[0])) statements += 1;
        return prisma.$queryRaw(...args);
      }) as PrismaClient["$queryRaw"],
      $executeRaw: prisma.$executeRaw.bind(prisma),
    };
    const cache = createKpiCache(counting, { maxRows: 10_000 });
    const won = async () => (await queryDealMetrics(cache, viewer, { period })).total.current.won;

    expect(await won()).toBe(1);
    const afterFirst = statements;
    expect(await won()).toBe(1);
    expect(statements).toBe(afterFirst); // from memory

    await winDeal("Second");
    expect(await won()).toBe(2);
    expect(statements).toBeGreaterThan(afterFirst);
    expect(await queryDealMetrics(prisma, viewer, { period })).toEqual(await queryDealMetrics(cache, viewer, { period }));
  });
});

describe("KPI cache and scopes", () => {
  it("never hands one viewer's figures to another: two managers and a rep share the cache, each sees their own", async () => {
    const c = await connect();
    const period = periodOf({ kind: "year", year: 2025 }, "UTC");
    const org = (await c.query<{ id: number }>(`INSERT INTO organization (name, time_zone) VALUES ('Scopes', 'UTC') RETURNING id`)).rows[0]!.id;
    const pipeline = (await c.query<{ id: number }>(`INSERT INTO pipeline (org_id, name) VALUES ($1, 'New') RETURNING id`, [org])).rows[0]!.id;
    const won = (
      await c.query<{ id: number }>(`INSERT INTO stage (pipeline_id, name, position, kind) VALUES ($1, 'Won', 1, 'WON') RETURNING id`, [pipeline])
    ).rows[0]!.id;
    const [north, south] = (await c.query<{ id: number }>(`INSERT INTO team (org_id, name) VALUES ($1, 'North'), ($1, 'South') RETURNING id`, [org])).rows.map(
      (r) => r.id,
    );
    const [ann, bob] = (
      await c.query<{ id: number }>(`INSERT INTO rep (org_id, team_id, name, kind) VALUES ($1, $2, 'Ann', 'AE'), ($1, $3, 'Bob', 'AE') RETURNING id`, [
        org,
        north,
        south,
      ])
    ).rows.map((r) => r.id);
    for (const [rep, amount] of [
      [ann, 1000],
      [bob, 7000],
    ])
      await c.query(
        `INSERT INTO deal (org_id, pipeline_id, stage_id, owner_id, name, amount, created_at, closed_at, status)
         VALUES ($1, $2, $3, $4, 'Deal', $5, '2025-03-01T10:00:00Z', '2025-04-01T10:00:00Z', 'WON')`,
        [org, pipeline, won, rep, amount],
      );
    const viewer = (userId: number, role: "MANAGER" | "REP", teamIds: number[], repId: number | null) =>
      mintViewer({ userId, orgId: org, role, repId, teamIds, name: "V", email: `v${userId}@example.test`, locale: "en" });
    const cache = createKpiCache(prisma, { maxRows: 10_000 });
    const revenue = async (v: ReturnType<typeof viewer>) => (await queryDealMetrics(cache, v, { period })).total.current.revenue;
    for (let round = 0; round < 2; round += 1) {
      expect(await revenue(viewer(1, "MANAGER", [north!], null))).toBe("1000.00");
      expect(await revenue(viewer(2, "MANAGER", [south!], null))).toBe("7000.00");
      expect(await revenue(viewer(3, "REP", [south!], bob!))).toBe("7000.00");
      expect(await revenue(viewer(4, "REP", [north!], ann!))).toBe("1000.00");
    }
    expect(cache.size().results).toBe(4);
  });
});

async function firstColumn(c: pg.Client, table: string): Promise<string> {
  const row = await c.query<{ name: string }>(
    `SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum LIMIT 1`,
    [`"${table}"`],
  );
  return `"${row.rows[0]!.name}"`;
}
