// The derived tables of the KPI engine (deal_stage_fact, activity_day) stay equal to a rebuild from scratch under
// every kind of write: inserts, updates and deletes of stage changes and activities one by one and in batches, stage
// reorders, a time-zone change, bulk loads with deferral, and two transactions writing one deal's history at once.
// The property test (kpi-property) proves the metrics read from them equal the reference implementation.
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withDerivedDataDeferred } from "@/lib/db/derived-data";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";

const ZONES = ["Europe/Berlin", "America/Sao_Paulo", "Asia/Kolkata", "UTC", "Pacific/Chatham"];
const TYPES = ["CALL", "EMAIL", "SOCIAL", "MEETING"] as const;
const BASE = Date.UTC(2025, 2, 29, 20); // around Europe's spring DST change
const HOUR = 3_600_000;

let database: ScratchDatabase;
let client: pg.Client;

interface Org {
  orgId: number;
  repIds: number[];
  stageIds: number[];
  pipelineId: number;
  dealIds: number[];
}

async function createOrg(c: pg.ClientBase, zone: string): Promise<Org> {
  const org = await c.query<{ id: number }>(`INSERT INTO organization (name, time_zone) VALUES ('Org', $1) RETURNING id`, [zone]);
  const orgId = org.rows[0]!.id;
  const pipeline = await c.query<{ id: number }>(`INSERT INTO pipeline (org_id, name) VALUES ($1, 'New') RETURNING id`, [orgId]);
  const pipelineId = pipeline.rows[0]!.id;
  const stages = await c.query<{ id: number }>(
    `INSERT INTO stage (pipeline_id, name, position, kind)
     VALUES ($1, 'S1', 1, 'OPEN'), ($1, 'S2', 2, 'OPEN'), ($1, 'S3', 3, 'OPEN'), ($1, 'Won', 4, 'WON'), ($1, 'Lost', 5, 'LOST')
     RETURNING id`,
    [pipelineId],
  );
  const reps = await c.query<{ id: number }>(`INSERT INTO rep (org_id, name, kind) VALUES ($1, 'A', 'AE'), ($1, 'B', 'AE') RETURNING id`, [orgId]);
  const repIds = reps.rows.map((r) => r.id);
  const stageIds = stages.rows.map((r) => r.id);
  const deals = await c.query<{ id: number }>(
    `INSERT INTO deal (org_id, pipeline_id, stage_id, owner_id, name, created_at)
     SELECT $1, $2, $3, $4, 'Deal ' || g, to_timestamp($5 / 1000.0) FROM generate_series(1, 4) g RETURNING id`,
    [orgId, pipelineId, stageIds[0], repIds[0], BASE],
  );
  return { orgId, repIds, stageIds, pipelineId, dealIds: deals.rows.map((r) => r.id) };
}

type Op =
  | { kind: "addChanges"; changes: Array<{ deal: number; stage: number; hours: number }> }
  | { kind: "moveChange"; pick: number; stage: number; hours: number }
  | { kind: "deleteChanges"; pick: number; count: number }
  | { kind: "addActivities"; activities: Array<{ rep: number; type: number; hours: number; responded: boolean }> }
  | { kind: "changeActivity"; pick: number; rep: number; type: number; hours: number; responded: boolean }
  | { kind: "deleteActivities"; pick: number; count: number }
  | { kind: "swapStages"; a: number; b: number }
  | { kind: "timeZone"; zone: number }
  | { kind: "bulk"; changes: Array<{ deal: number; stage: number; hours: number }> };

const change = fc.record({ deal: fc.nat(3), stage: fc.nat(4), hours: fc.integer({ min: -48, max: 48 }) });
const activity = fc.record({ rep: fc.nat(1), type: fc.nat(3), hours: fc.integer({ min: -48, max: 48 }), responded: fc.boolean() });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("addChanges" as const), changes: fc.array(change, { minLength: 1, maxLength: 6 }) }),
  fc.record({ kind: fc.constant("moveChange" as const), pick: fc.nat(), stage: fc.nat(4), hours: fc.integer({ min: -48, max: 48 }) }),
  fc.record({ kind: fc.constant("deleteChanges" as const), pick: fc.nat(), count: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant("addActivities" as const), activities: fc.array(activity, { minLength: 1, maxLength: 8 }) }),
  fc.record({
    kind: fc.constant("changeActivity" as const),
    pick: fc.nat(),
    rep: fc.nat(1),
    type: fc.nat(3),
    hours: fc.integer({ min: -48, max: 48 }),
    responded: fc.boolean(),
  }),
  fc.record({ kind: fc.constant("deleteActivities" as const), pick: fc.nat(), count: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant("swapStages" as const), a: fc.nat(2), b: fc.nat(2) }),
  fc.record({ kind: fc.constant("timeZone" as const), zone: fc.nat(ZONES.length - 1) }),
  fc.record({ kind: fc.constant("bulk" as const), changes: fc.array(change, { minLength: 1, maxLength: 6 }) }),
);

const at = (hours: number) => new Date(BASE + hours * HOUR).toISOString();

async function insertChanges(c: pg.ClientBase, org: Org, changes: Array<{ deal: number; stage: number; hours: number }>) {
  await c.query(
    `INSERT INTO deal_stage_change (deal_id, to_stage_id, at) SELECT * FROM unnest($1::int[], $2::int[], $3::timestamptz[])`,
    [changes.map((x) => org.dealIds[x.deal]), changes.map((x) => org.stageIds[x.stage]), changes.map((x) => at(x.hours))],
  );
}

async function apply(c: pg.ClientBase, org: Org, op: Op): Promise<void> {
  const pickIds = async (table: string, pick: number, count: number) => {
    const ids = (await c.query<{ id: number }>(`SELECT id FROM ${table} WHERE org_id = $1 ORDER BY id`, [org.orgId])).rows.map((r) => r.id);
    return ids.length === 0 ? [] : Array.from({ length: Math.min(count, ids.length) }, (_, i) => ids[(pick + i) % ids.length]!);
  };
  switch (op.kind) {
    case "addChanges":
      return insertChanges(c, org, op.changes);
    case "bulk":
      await withDerivedDataDeferred(c, () => insertChanges(c, org, op.changes));
      return;
    case "moveChange": {
      const ids = (await c.query<{ id: number }>(`SELECT id FROM deal_stage_change WHERE deal_id = ANY ($1) ORDER BY id`, [org.dealIds])).rows;
      if (ids.length === 0) return;
      await c.query(`UPDATE deal_stage_change SET to_stage_id = $2, at = $3 WHERE id = $1`, [ids[op.pick % ids.length]!.id, org.stageIds[op.stage], at(op.hours)]);
      return;
    }
    case "deleteChanges": {
      const ids = (await c.query<{ id: number }>(`SELECT id FROM deal_stage_change WHERE deal_id = ANY ($1) ORDER BY id`, [org.dealIds])).rows.map((r) => r.id);
      if (ids.length === 0) return;
      const gone = Array.from({ length: Math.min(op.count, ids.length) }, (_, i) => ids[(op.pick + i) % ids.length]);
      await c.query(`DELETE FROM deal_stage_change WHERE id = ANY ($1)`, [gone]);
      return;
    }
    case "addActivities":
      await c.query(
        `INSERT INTO activity (org_id, rep_id, type, at, responded)
         SELECT $1, * FROM unnest($2::int[], $3::"ActivityType"[], $4::timestamptz[], $5::boolean[])`,
        [
          org.orgId,
          op.activities.map((a) => org.repIds[a.rep]),
          op.activities.map((a) => TYPES[a.type]),
          op.activities.map((a) => at(a.hours)),
          op.activities.map((a) => a.responded),
        ],
      );
      return;
    case "changeActivity": {
      const [id] = await pickIds("activity", op.pick, 1);
      if (id === undefined) return;
      await c.query(`UPDATE activity SET rep_id = $2, type = $3, at = $4, responded = $5 WHERE id = $1`, [
        id,
        org.repIds[op.rep],
        TYPES[op.type],
        at(op.hours),
        op.responded,
      ]);
      return;
    }
    case "deleteActivities": {
      const ids = await pickIds("activity", op.pick, op.count);
      await c.query(`DELETE FROM activity WHERE id = ANY ($1)`, [ids]);
      return;
    }
    case "swapStages": {
      if (op.a === op.b) return;
      const [a, b] = [org.stageIds[op.a], org.stageIds[op.b]];
      const positions = await c.query<{ id: number; position: number }>(`SELECT id, position FROM stage WHERE id IN ($1, $2)`, [a, b]);
      const of = (id: number | undefined) => positions.rows.find((r) => r.id === id)!.position;
      const [pa, pb] = [of(a), of(b)];
      await c.query(`UPDATE stage SET position = 100 WHERE id = $1`, [a]);
      await c.query(`UPDATE stage SET position = $2 WHERE id = $1`, [b, pa]);
      await c.query(`UPDATE stage SET position = $2 WHERE id = $1`, [a, pb]);
      return;
    }
    case "timeZone":
      await c.query(`UPDATE organization SET time_zone = $2 WHERE id = $1`, [org.orgId, ZONES[op.zone]]);
      return;
  }
}

/** The derived rows as the triggers left them, and as a rebuild from scratch makes them (in a rolled-back transaction). */
async function maintainedAndRebuilt(c: pg.ClientBase, org: Org): Promise<{ maintained: unknown[]; rebuilt: unknown[] }> {
  const read = async () => {
    const facts = await c.query(
      `SELECT f.* FROM deal_stage_fact f WHERE f.deal_id = ANY ($1) ORDER BY f.change_id`,
      [org.dealIds],
    );
    const days = await c.query(`SELECT rep_id, day::text, type, count, responded FROM activity_day WHERE org_id = $1 ORDER BY 1, 2, 3`, [org.orgId]);
    return [...facts.rows, ...days.rows];
  };
  const maintained = await read();
  await c.query("SAVEPOINT rebuild");
  await c.query(`DELETE FROM deal_stage_fact WHERE deal_id = ANY ($1)`, [org.dealIds]);
  await c.query(`SELECT refresh_deal_stage_facts($1)`, [org.dealIds]);
  await c.query(`SELECT rebuild_activity_days($1)`, [org.orgId]);
  const rebuilt = await read();
  await c.query("ROLLBACK TO SAVEPOINT rebuild");
  return { maintained, rebuilt };
}

beforeAll(async () => {
  database = await createMigratedDatabase();
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
});

afterAll(async () => {
  await client.end();
  await database.drop();
});

describe("derived KPI tables", () => {
  it("equal a rebuild from scratch after any sequence of writes", async () => {
    let checkedFacts = 0;
    let checkedDays = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(ZONES.length - 1), fc.array(opArb, { minLength: 1, maxLength: 12 }), async (zone, ops) => {
        await client.query("BEGIN");
        try {
          const org = await createOrg(client, ZONES[zone]!);
          for (const op of ops) await apply(client, org, op);
          const { maintained, rebuilt } = await maintainedAndRebuilt(client, org);
          expect(maintained).toEqual(rebuilt);
          checkedFacts += rebuilt.filter((row) => "change_id" in (row as object)).length;
          checkedDays += rebuilt.filter((row) => "day" in (row as object)).length;
        } finally {
          await client.query("ROLLBACK");
        }
      }),
      { numRuns: 250 },
    );
    // The property must have looked at real rows, not only at empty organisations.
    expect(checkedFacts).toBeGreaterThan(500);
    expect(checkedDays).toBeGreaterThan(200);
  });

  it("stage facts say, for each change, what the rest of the deal's history says about it", async () => {
    await client.query("BEGIN");
    try {
      const org = await createOrg(client, "Europe/Berlin");
      const [s1, s2, s3, won] = org.stageIds;
      // S1 (Mar 29, 22:00 Berlin) → S3 skipping S2 (Mar 31, 04:00 summer time) → S1 (Mar 31) → S3 (Apr 1) → Won (Apr 3).
      await insertChanges(client, org, [
        { deal: 0, stage: 0, hours: 1 },
        { deal: 0, stage: 2, hours: 30 },
        { deal: 0, stage: 0, hours: 40 },
      ]);
      await insertChanges(client, org, [
        { deal: 0, stage: 2, hours: 60 },
        { deal: 0, stage: 3, hours: 100 },
      ]);
      const facts = await client.query(
        `SELECT stage_id, prev_stage_id, prev_same_at IS NOT NULL AS reentry, stay_days, rank, later_rank, max_rank, final_kind, is_last
         FROM deal_stage_fact WHERE deal_id = $1 ORDER BY at`,
        [org.dealIds[0]],
      );
      const WON = 2147483647;
      expect(facts.rows).toEqual([
        { stage_id: s1, prev_stage_id: null, reentry: false, stay_days: 2, rank: 1, later_rank: WON, max_rank: WON, final_kind: "WON", is_last: false },
        { stage_id: s3, prev_stage_id: s1, reentry: false, stay_days: 0, rank: 3, later_rank: WON, max_rank: WON, final_kind: "WON", is_last: false },
        { stage_id: s1, prev_stage_id: s3, reentry: true, stay_days: 1, rank: 1, later_rank: WON, max_rank: WON, final_kind: "WON", is_last: false },
        { stage_id: s3, prev_stage_id: s1, reentry: true, stay_days: 2, rank: 3, later_rank: WON, max_rank: WON, final_kind: "WON", is_last: false },
        { stage_id: won, prev_stage_id: s3, reentry: false, stay_days: null, rank: WON, later_rank: null, max_rank: WON, final_kind: "WON", is_last: true },
      ]);
      expect(s2).toBeDefined();
    } finally {
      await client.query("ROLLBACK");
    }
  });

  it("two transactions writing one deal's history at once leave facts that include both", async () => {
    const setup = await createOrg(client, "UTC");
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    try {
      await client.query("BEGIN");
      await other.query("BEGIN");
      await insertChanges(client, setup, [{ deal: 1, stage: 0, hours: 0 }]);
      // The second writer waits on the deal's lock inside its trigger until the first commits, then recomputes.
      const second = insertChanges(other, setup, [{ deal: 1, stage: 1, hours: 5 }]).then(() => other.query("COMMIT"));
      await new Promise((resolve) => setTimeout(resolve, 200));
      await client.query("COMMIT");
      await second;
      const facts = await client.query(`SELECT stage_id, next_at IS NOT NULL AS has_next FROM deal_stage_fact WHERE deal_id = $1 ORDER BY at`, [
        setup.dealIds[1],
      ]);
      expect(facts.rows).toEqual([
        { stage_id: setup.stageIds[0], has_next: true },
        { stage_id: setup.stageIds[1], has_next: false },
      ]);
    } finally {
      await other.end();
    }
  });
});
