// The derived tables of the KPI engine (deal_stage_fact, activity_day, conversion_touch, lead_chain, lead_month, deal_month)
// stay equal to a rebuild from scratch, lead_month also to leads counted per rep, local month and source, deal_month to
// deals counted per rep, pipeline, local month, event, type and cycle (written here without deal_month_events), activity_month to the monthly sum of activity_day, and the stage rollups (stage_entry_day, stage_stay_day,
// stage_jump) to rebuild_stage_days and to a reference computed here from the facts and the current stages, under every
// kind of write: inserts, updates and deletes of stage changes, activities (on leads, on deals)
// and deals from leads (created, moved to another lead or time, reassigned, won or lost, closed with an amount and a type
// at another time, deleted), leads added, handed over (or not any
// more), reassigned, moved to another time or source, or deleted, one by one and in batches, stage reorders, stages inserted and deleted between others, the first-meeting
// stage moved, a time-zone change, bulk loads with deferral, and two transactions writing at once.
// The property test (kpi-property) proves the metrics read from them equal the reference implementation.
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withDerivedDataDeferred } from "@/lib/db/derived-data";
import { KPI_SOURCES_REFUSING_TRUNCATE } from "@/lib/db/derived-data-triggers";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";
import { maintainedAndRebuilt, monthsAndSummedDays, stageRollups } from "./support/derived-tables";

const ZONES = ["Europe/Berlin", "America/Sao_Paulo", "Asia/Kolkata", "UTC", "Pacific/Chatham"];
const TYPES = ["CALL", "EMAIL", "SOCIAL", "MEETING"] as const;
const SOURCES = ["INBOUND", "OUTBOUND", "REFERRAL", "EVENT", "PARTNER", "OTHER"] as const;
const BASE = Date.UTC(2025, 2, 29, 20); // around Europe's spring DST change
const HOUR = 3_600_000;
// Activities land near the deals (±48 h) or near the edge of the 30-day touch window before them (720 h, ±1 h at DST).
const activityHours = fc.oneof(
  { arbitrary: fc.integer({ min: -48, max: 48 }), weight: 2 },
  { arbitrary: fc.integer({ min: -770, max: -670 }), weight: 1 },
  { arbitrary: fc.integer({ min: -722, max: -717 }), weight: 1 },
);

let database: ScratchDatabase;
let client: pg.Client;

interface Org {
  orgId: number;
  repIds: number[];
  stageIds: number[];
  pipelineId: number;
  dealIds: number[];
}

// Deals and leads are picked among those the organisation has now (deals and leads come and go); a pick past the end
// means none (an activity without a lead or deal, a deal without a lead).
async function pickOne(c: pg.ClientBase, table: "lead" | "deal", org: Org, pick: number): Promise<number | null> {
  const ids = (await c.query<{ id: number }>(`SELECT id FROM ${table} WHERE org_id = $1 ORDER BY id`, [org.orgId])).rows.map((r) => r.id);
  return pick < ids.length ? ids[pick]! : null;
}

async function createOrg(c: pg.ClientBase, zone: string): Promise<Org> {
  const org = await c.query<{ id: number }>(`INSERT INTO organization (name, time_zone) VALUES ('Org', $1) RETURNING id`, [zone]);
  const orgId = org.rows[0]!.id;
  const pipeline = await c.query<{ id: number }>(`INSERT INTO pipeline (org_id, name) VALUES ($1, 'New') RETURNING id`, [orgId]);
  const pipelineId = pipeline.rows[0]!.id;
  const stages = await c.query<{ id: number }>(
    `INSERT INTO stage (pipeline_id, name, position, kind)
     VALUES ($1, 'S1', 10, 'OPEN'), ($1, 'S2', 20, 'OPEN'), ($1, 'S3', 30, 'OPEN'), ($1, 'Won', 40, 'WON'), ($1, 'Lost', 50, 'LOST')
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
  const leads = await c.query<{ id: number }>(
    `INSERT INTO lead (org_id, name, source, created_at, sdr_id, ae_id, handed_over_at)
     VALUES ($1, 'L1', 'INBOUND', $4, $2, $3, $5), ($1, 'L2', 'OUTBOUND', $4, NULL, $3, $5), ($1, 'L3', 'INBOUND', $4, NULL, NULL, NULL) RETURNING id`,
    [orgId, repIds[0], repIds[1], at(-2000), at(-1000)],
  );
  // Two deals from the first lead (the earlier one is its conversion), one from the second, one without a lead.
  const dealIds = deals.rows.map((r) => r.id);
  const leadIds = leads.rows.map((r) => r.id);
  await c.query(`UPDATE deal SET lead_id = v.lead_id, created_at = v.created_at FROM unnest($1::int[], $2::int[], $3::timestamptz[]) v(id, lead_id, created_at) WHERE deal.id = v.id`, [
    dealIds.slice(0, 3),
    [leadIds[0], leadIds[0], leadIds[1]],
    [at(0), at(10), at(-5)],
  ]);
  return { orgId, repIds, stageIds, pipelineId, dealIds };
}

type Op =
  | { kind: "addChanges"; changes: Array<{ deal: number; stage: number; hours: number }> }
  | { kind: "moveChange"; pick: number; stage: number; hours: number }
  | { kind: "deleteChanges"; pick: number; count: number }
  | { kind: "addActivities"; activities: ActivityInput[] }
  | { kind: "changeActivity"; pick: number; rep: number; type: number; hours: number; responded: boolean; lead: number; deal: number }
  | { kind: "deleteActivities"; pick: number; count: number }
  | { kind: "swapStages"; a: number; b: number }
  | { kind: "insertStage"; after: number; gap: number }
  | { kind: "deleteStage"; pick: number }
  | { kind: "timeZone"; zone: number }
  | { kind: "bulk"; changes: Array<{ deal: number; stage: number; hours: number }>; activities: ActivityInput[]; deals: DealInput[] }
  | { kind: "addDeals"; deals: DealInput[] }
  | { kind: "moveDeal"; pick: number; lead: number; hours: number }
  | { kind: "deleteDeal"; pick: number }
  | { kind: "deleteLead"; pick: number }
  | { kind: "reassignLead"; pick: number; sdr: number; ae: number }
  | { kind: "reassignDeal"; pick: number; owner: number; closedOwner: number }
  | { kind: "addLeads"; handedOver: boolean[] }
  | { kind: "handOver"; pick: number; handedOver: boolean; hours: number }
  | { kind: "dealStatus"; pick: number; status: number }
  | { kind: "closeDeal"; pick: number; status: number; hours: number | null; amount: number | null; type: number }
  | { kind: "firstMeeting"; pick: number; on: boolean }
  | { kind: "editLead"; pick: number; hours: number; source: number };

interface ActivityInput {
  rep: number;
  type: number;
  hours: number;
  responded: boolean;
  lead: number;
  deal: number;
}
interface DealInput {
  lead: number;
  hours: number;
}

// A stage pick past the organisation's stages wraps around (stages come and go).
const change = fc.record({ deal: fc.nat(3), stage: fc.nat(6), hours: fc.integer({ min: -48, max: 48 }) });
const activity = fc.record({ rep: fc.nat(1), type: fc.nat(3), hours: activityHours, responded: fc.boolean(), lead: fc.nat(3), deal: fc.nat(5) });
const deal = fc.record({ lead: fc.nat(3), hours: fc.integer({ min: -48, max: 48 }) });
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
    hours: activityHours,
    responded: fc.boolean(),
    lead: fc.nat(3),
    deal: fc.nat(5),
  }),
  fc.record({ kind: fc.constant("deleteActivities" as const), pick: fc.nat(), count: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant("swapStages" as const), a: fc.nat(2), b: fc.nat(2) }),
  { arbitrary: fc.record({ kind: fc.constant("insertStage" as const), after: fc.nat(5), gap: fc.integer({ min: 1, max: 9 }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("deleteStage" as const), pick: fc.nat(6) }), weight: 2 },
  fc.record({ kind: fc.constant("timeZone" as const), zone: fc.nat(ZONES.length - 1) }),
  fc.record({
    kind: fc.constant("bulk" as const),
    changes: fc.array(change, { minLength: 1, maxLength: 6 }),
    activities: fc.array(activity, { maxLength: 6 }),
    deals: fc.array(deal, { maxLength: 2 }),
  }),
  fc.record({ kind: fc.constant("addDeals" as const), deals: fc.array(deal, { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant("moveDeal" as const), pick: fc.nat(6), lead: fc.nat(3), hours: fc.integer({ min: -48, max: 48 }) }),
  fc.record({ kind: fc.constant("deleteDeal" as const), pick: fc.nat(6) }),
  fc.record({ kind: fc.constant("deleteLead" as const), pick: fc.nat(5) }),
  // Rep 2 stands for none.
  fc.record({ kind: fc.constant("reassignLead" as const), pick: fc.nat(3), sdr: fc.nat(2), ae: fc.nat(2) }),
  fc.record({ kind: fc.constant("reassignDeal" as const), pick: fc.nat(5), owner: fc.nat(1), closedOwner: fc.nat(2) }),
  fc.record({ kind: fc.constant("addLeads" as const), handedOver: fc.array(fc.boolean(), { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant("handOver" as const), pick: fc.nat(4), handedOver: fc.boolean(), hours: fc.integer({ min: -48, max: 48 }) }),
  { arbitrary: fc.record({ kind: fc.constant("dealStatus" as const), pick: fc.nat(6), status: fc.nat(2) }), weight: 2 },
  {
    // Closed up to five weeks after BASE: in the month of creation or one or two later, in every zone.
    arbitrary: fc.record({
      kind: fc.constant("closeDeal" as const),
      pick: fc.nat(6),
      status: fc.nat(2),
      hours: fc.option(fc.integer({ min: -48, max: 850 }), { freq: 6 }),
      amount: fc.option(fc.integer({ min: 0, max: 5000 }), { freq: 5 }),
      type: fc.nat(2),
    }),
    weight: 5,
  },
  // A stage pick past the organisation's stages wraps around, so WON and LOST stages get the flag too (it only counts on an open one).
  { arbitrary: fc.record({ kind: fc.constant("firstMeeting" as const), pick: fc.nat(6), on: fc.boolean() }), weight: 2 },
  // A lead created at another time (months around BASE, some near a month's edge in any zone) or with another source.
  {
    arbitrary: fc.record({
      kind: fc.constant("editLead" as const),
      pick: fc.nat(4),
      hours: fc.oneof(fc.integer({ min: -2200, max: 800 }), fc.integer({ min: 52, max: 68 })),
      source: fc.nat(SOURCES.length - 1),
    }),
    weight: 2,
  },
);

const STATUSES = ["OPEN", "WON", "LOST"] as const;
const DEAL_TYPES = ["NEW", "EXPANSION", "RENEWAL"] as const;

const at = (hours: number) => new Date(BASE + hours * HOUR).toISOString();
const stageOf = (org: Org, pick: number) => org.stageIds[pick % org.stageIds.length];

async function insertChanges(c: pg.ClientBase, org: Org, changes: Array<{ deal: number; stage: number; hours: number }>) {
  await c.query(
    `INSERT INTO deal_stage_change (deal_id, to_stage_id, at) SELECT * FROM unnest($1::int[], $2::int[], $3::timestamptz[])`,
    [changes.map((x) => org.dealIds[x.deal]), changes.map((x) => stageOf(org, x.stage)), changes.map((x) => at(x.hours))],
  );
}

async function insertActivities(c: pg.ClientBase, org: Org, activities: ActivityInput[]) {
  const leads: Array<number | null> = [];
  const deals: Array<number | null> = [];
  for (const a of activities) {
    leads.push(await pickOne(c, "lead", org, a.lead));
    deals.push(await pickOne(c, "deal", org, a.deal));
  }
  await c.query(
    `INSERT INTO activity (org_id, rep_id, type, at, responded, lead_id, deal_id)
     SELECT $1, * FROM unnest($2::int[], $3::"ActivityType"[], $4::timestamptz[], $5::boolean[], $6::int[], $7::int[])`,
    [
      org.orgId,
      activities.map((a) => org.repIds[a.rep]),
      activities.map((a) => TYPES[a.type]),
      activities.map((a) => at(a.hours)),
      activities.map((a) => a.responded),
      leads,
      deals,
    ],
  );
}

async function insertDeals(c: pg.ClientBase, org: Org, deals: DealInput[]) {
  const leads: Array<number | null> = [];
  for (const d of deals) leads.push(await pickOne(c, "lead", org, d.lead));
  await c.query(
    `INSERT INTO deal (org_id, pipeline_id, stage_id, owner_id, name, lead_id, created_at)
     SELECT $1, $2, $3, $4, 'New deal', * FROM unnest($5::int[], $6::timestamptz[])`,
    [org.orgId, org.pipelineId, org.stageIds[0], org.repIds[1], leads, deals.map((d) => at(d.hours))],
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
      await withDerivedDataDeferred(c, async () => {
        await insertDeals(c, org, op.deals);
        await insertChanges(c, org, op.changes);
        if (op.activities.length > 0) await insertActivities(c, org, op.activities);
      });
      return;
    case "addDeals":
      return insertDeals(c, org, op.deals);
    case "moveDeal": {
      const id = await pickOne(c, "deal", org, op.pick);
      if (id === null) return;
      await c.query(`UPDATE deal SET lead_id = $2, created_at = $3 WHERE id = $1`, [id, await pickOne(c, "lead", org, op.lead), at(op.hours)]);
      return;
    }
    case "deleteDeal": {
      // The four deals every organisation starts with carry the stage histories; only deals added later go.
      const id = await pickOne(c, "deal", org, op.pick);
      if (id === null || org.dealIds.includes(id)) return;
      await c.query(`DELETE FROM deal WHERE id = $1`, [id]);
      return;
    }
    case "reassignLead": {
      const id = await pickOne(c, "lead", org, op.pick);
      if (id === null) return;
      await c.query(`UPDATE lead SET sdr_id = $2, ae_id = $3 WHERE id = $1`, [id, org.repIds[op.sdr] ?? null, org.repIds[op.ae] ?? null]);
      return;
    }
    case "reassignDeal": {
      const id = await pickOne(c, "deal", org, op.pick);
      if (id === null) return;
      await c.query(`UPDATE deal SET owner_id = $2, closed_owner_id = $3 WHERE id = $1`, [id, org.repIds[op.owner], org.repIds[op.closedOwner] ?? null]);
      return;
    }
    case "addLeads":
      await c.query(
        `INSERT INTO lead (org_id, name, source, created_at, sdr_id, handed_over_at)
         SELECT $1, 'New lead', 'EVENT', $3, $2, CASE WHEN h THEN $3::timestamptz END FROM unnest($4::boolean[]) h`,
        [org.orgId, org.repIds[0], at(-500), op.handedOver],
      );
      return;
    case "handOver": {
      const id = await pickOne(c, "lead", org, op.pick);
      if (id === null) return;
      await c.query(`UPDATE lead SET handed_over_at = $2 WHERE id = $1`, [id, op.handedOver ? at(op.hours) : null]);
      return;
    }
    case "dealStatus": {
      const id = await pickOne(c, "deal", org, op.pick);
      if (id === null) return;
      await c.query(`UPDATE deal SET status = $2 WHERE id = $1`, [id, STATUSES[op.status]]);
      return;
    }
    case "closeDeal": {
      const id = await pickOne(c, "deal", org, op.pick);
      if (id === null) return;
      await c.query(`UPDATE deal SET status = $2, closed_at = $3, amount = $4, type = $5 WHERE id = $1`, [
        id,
        STATUSES[op.status],
        op.hours === null ? null : at(op.hours),
        op.amount === null ? null : (op.amount / 4).toFixed(2),
        DEAL_TYPES[op.type],
      ]);
      return;
    }
    case "firstMeeting":
      await c.query(`UPDATE stage SET is_first_meeting = $2 WHERE id = $1`, [stageOf(org, op.pick), op.on]);
      return;
    case "editLead": {
      const id = await pickOne(c, "lead", org, op.pick);
      if (id === null) return;
      await c.query(`UPDATE lead SET created_at = $2, source = $3 WHERE id = $1`, [id, at(op.hours), SOURCES[op.source]]);
      return;
    }
    case "deleteLead": {
      const id = await pickOne(c, "lead", org, op.pick);
      if (id !== null) await c.query(`DELETE FROM lead WHERE id = $1`, [id]);
      return;
    }
    case "moveChange": {
      const ids = (await c.query<{ id: number }>(`SELECT id FROM deal_stage_change WHERE deal_id = ANY ($1) ORDER BY id`, [org.dealIds])).rows;
      if (ids.length === 0) return;
      await c.query(`UPDATE deal_stage_change SET to_stage_id = $2, at = $3 WHERE id = $1`, [ids[op.pick % ids.length]!.id, stageOf(org, op.stage), at(op.hours)]);
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
      return insertActivities(c, org, op.activities);
    case "changeActivity": {
      const [id] = await pickIds("activity", op.pick, 1);
      if (id === undefined) return;
      await c.query(`UPDATE activity SET rep_id = $2, type = $3, at = $4, responded = $5, lead_id = $6, deal_id = $7 WHERE id = $1`, [
        id,
        org.repIds[op.rep],
        TYPES[op.type],
        at(op.hours),
        op.responded,
        await pickOne(c, "lead", org, op.lead),
        await pickOne(c, "deal", org, op.deal),
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
      const [a, b] = [stageOf(org, op.a), stageOf(org, op.b)];
      if (a === b) return;
      const positions = await c.query<{ id: number; position: number }>(`SELECT id, position FROM stage WHERE id IN ($1, $2)`, [a, b]);
      const of = (id: number | undefined) => positions.rows.find((r) => r.id === id)!.position;
      const [pa, pb] = [of(a), of(b)];
      await c.query(`UPDATE stage SET position = 100 WHERE id = $1`, [a]);
      await c.query(`UPDATE stage SET position = $2 WHERE id = $1`, [b, pa]);
      await c.query(`UPDATE stage SET position = $2 WHERE id = $1`, [a, pb]);
      return;
    }
    case "insertStage": {
      // An open stage between two others (or after the last), when that position is free.
      const after = (await c.query<{ position: number }>(`SELECT position FROM stage WHERE id = $1`, [stageOf(org, op.after)])).rows[0]!.position;
      const inserted = await c.query<{ id: number }>(
        `INSERT INTO stage (pipeline_id, name, position, kind) SELECT $1, 'S' || $2::int, $2::int, 'OPEN'
         WHERE NOT EXISTS (SELECT 1 FROM stage WHERE pipeline_id = $1 AND position = $2::int) RETURNING id`,
        [org.pipelineId, after + op.gap],
      );
      org.stageIds.push(...inserted.rows.map((r) => r.id));
      return;
    }
    case "deleteStage": {
      // Only a stage no change or deal is in can go (their foreign keys restrict it).
      const id = stageOf(org, op.pick)!;
      await c.query("SAVEPOINT delete_stage");
      try {
        await c.query(`DELETE FROM stage WHERE id = $1`, [id]);
        await c.query("RELEASE SAVEPOINT delete_stage");
        org.stageIds.splice(org.stageIds.indexOf(id), 1);
      } catch {
        await c.query("ROLLBACK TO SAVEPOINT delete_stage");
      }
      return;
    }
    case "timeZone":
      await c.query(`UPDATE organization SET time_zone = $2 WHERE id = $1`, [org.orgId, ZONES[op.zone]]);
      return;
  }
}

/** Runs a test's writes in a transaction that is always rolled back, so each test starts from the empty database. */
async function rolledBack<T>(body: () => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    return await body();
  } finally {
    await client.query("ROLLBACK");
  }
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
    let checkedMonths = 0;
    let orgsOverTwoMonths = 0;
    let checkedConversions = 0;
    let checkedTouches = 0;
    let checkedFollowUps = 0;
    let checkedEntries = 0;
    let checkedReentries = 0;
    let checkedStays = 0;
    let checkedJumps = 0;
    let orgsWithInsertedStageJumps = 0;
    let checkedChains = 0;
    let chainsWithDeals = 0;
    let chainsWithFirstMeetings = 0;
    let chainsWithWins = 0;
    let checkedLeadMonths = 0;
    let orgsWithLeadsOverTwoMonths = 0;
    let ownerlessLeadMonths = 0;
    let checkedDealMonths = 0;
    let wonDealMonths = 0;
    let lostDealMonths = 0;
    let orgsWithDealsClosedInALaterMonth = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(ZONES.length - 1), fc.array(opArb, { minLength: 1, maxLength: 16, size: "max" }), async (zone, ops) => {
        await rolledBack(async () => {
          const org = await createOrg(client, ZONES[zone]!);
          for (const op of ops) await apply(client, org, op);
          const { maintained, rebuilt } = await maintainedAndRebuilt(client, org);
          expect(maintained).toEqual(rebuilt);
          checkedFacts += rebuilt.filter((row) => "change_id" in (row as object)).length;
          checkedDays += rebuilt.filter((row) => "day" in (row as object)).length;
          const monthRows = rebuilt.filter((row) => "month" in (row as object)) as Array<{ month: string }>;
          checkedMonths += monthRows.length;
          orgsOverTwoMonths += Number(new Set(monthRows.map((row) => row.month)).size >= 2);
          const touchRows = rebuilt.filter((row) => "is_conversion" in (row as object)) as Array<Record<string, unknown>>;
          checkedConversions += touchRows.filter((row) => row.is_conversion).length;
          checkedTouches += touchRows.filter((row) => Number(row.calls) + Number(row.emails) + Number(row.socials) + Number(row.meetings) > 0).length;
          checkedFollowUps += touchRows.filter((row) => row.first_activity_at !== null).length;
          const entryRows = rebuilt.filter((row) => "prev_same_day" in (row as object)) as Array<{ prev_same_day: string }>;
          checkedEntries += entryRows.length;
          checkedReentries += entryRows.filter((row) => row.prev_same_day !== "0001-01-01").length;
          checkedStays += rebuilt.filter((row) => "stay_days" in (row as object) && "n" in (row as object)).length;
          const jumpRows = rebuilt.filter((row) => "jump_day" in (row as object)) as Array<{ from_position: number; rank: number }>;
          checkedJumps += jumpRows.length;
          orgsWithInsertedStageJumps += Number(org.stageIds.length > 5 && jumpRows.length > 0);
          const chainRows = rebuilt.filter((row) => "first_meetings" in (row as object)) as Array<Record<string, number>>;
          checkedChains += chainRows.length;
          chainsWithDeals += chainRows.filter((row) => row.deals! > 0).length;
          chainsWithFirstMeetings += chainRows.filter((row) => row.first_meetings! > 0).length;
          chainsWithWins += chainRows.filter((row) => row.won_deals! > 0).length;
          const leadMonthRows = rebuilt.filter((row) => "lead_month" in (row as object)) as Array<{ lead_month: string; rep_id: number | null }>;
          checkedLeadMonths += leadMonthRows.length;
          orgsWithLeadsOverTwoMonths += Number(new Set(leadMonthRows.map((row) => row.lead_month)).size >= 2);
          ownerlessLeadMonths += leadMonthRows.filter((row) => row.rep_id === null).length;
          const dealMonthRows = rebuilt.filter((row) => "deal_month" in (row as object)) as Array<{ deal_month: string; event: string }>;
          checkedDealMonths += dealMonthRows.length;
          wonDealMonths += dealMonthRows.filter((row) => row.event === "WON").length;
          lostDealMonths += dealMonthRows.filter((row) => row.event === "LOST").length;
          const createdMonths = new Set(dealMonthRows.filter((row) => row.event === "CREATED").map((row) => row.deal_month));
          orgsWithDealsClosedInALaterMonth += Number(dealMonthRows.some((row) => row.event !== "CREATED" && !createdMonths.has(row.deal_month)));
        });
      }),
      { numRuns: 350 },
    );
    // The property must have looked at real rows, not only at empty organisations.
    expect(checkedFacts).toBeGreaterThan(400);
    expect(checkedDays).toBeGreaterThan(200);
    expect(checkedMonths).toBeGreaterThan(100);
    expect(orgsOverTwoMonths).toBeGreaterThan(20);
    expect(checkedConversions).toBeGreaterThan(250);
    expect(checkedTouches).toBeGreaterThan(60);
    expect(checkedFollowUps).toBeGreaterThan(40);
    expect(checkedEntries).toBeGreaterThan(200);
    expect(checkedReentries).toBeGreaterThan(25);
    expect(checkedStays).toBeGreaterThan(80);
    expect(checkedJumps).toBeGreaterThan(15);
    expect(orgsWithInsertedStageJumps).toBeGreaterThan(3);
    expect(checkedChains).toBeGreaterThan(500);
    expect(chainsWithDeals).toBeGreaterThan(400);
    expect(chainsWithFirstMeetings).toBeGreaterThan(100);
    expect(chainsWithWins).toBeGreaterThan(12);
    expect(checkedLeadMonths).toBeGreaterThan(600);
    expect(orgsWithLeadsOverTwoMonths).toBeGreaterThan(80);
    expect(ownerlessLeadMonths).toBeGreaterThan(150);
    expect(checkedDealMonths).toBeGreaterThan(400);
    expect(wonDealMonths).toBeGreaterThan(35);
    expect(lostDealMonths).toBeGreaterThan(35);
    expect(orgsWithDealsClosedInALaterMonth).toBeGreaterThan(50);
  });

  it("stage facts say, for each change, what the rest of the deal's history says about it", async () => {
    await rolledBack(async () => {
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
        { stage_id: s1, prev_stage_id: null, reentry: false, stay_days: 2, rank: 10, later_rank: WON, max_rank: WON, final_kind: "WON", is_last: false },
        { stage_id: s3, prev_stage_id: s1, reentry: false, stay_days: 0, rank: 30, later_rank: WON, max_rank: WON, final_kind: "WON", is_last: false },
        { stage_id: s1, prev_stage_id: s3, reentry: true, stay_days: 1, rank: 10, later_rank: WON, max_rank: WON, final_kind: "WON", is_last: false },
        { stage_id: s3, prev_stage_id: s1, reentry: true, stay_days: 2, rank: 30, later_rank: WON, max_rank: WON, final_kind: "WON", is_last: false },
        { stage_id: won, prev_stage_id: s3, reentry: false, stay_days: null, rank: WON, later_rank: null, max_rank: WON, final_kind: "WON", is_last: true },
      ]);
      expect(s2).toBeDefined();
    });
  });

  it("stage rollups follow a stage inserted and deleted between two others, and a time-zone change", async () => {
    await rolledBack(async () => {
      const org = await createOrg(client, "UTC");
      const [s1, s2, s3] = org.stageIds;
      // S1 (Mar 29, 23:00 UTC: Mar 30 in Berlin) → S2 (Mar 31) → S3 (Apr 1).
      await insertChanges(client, org, [
        { deal: 0, stage: 0, hours: 3 },
        { deal: 0, stage: 1, hours: 30 },
        { deal: 0, stage: 2, hours: 60 },
      ]);
      const jumps = async () =>
        (await client.query(`SELECT day::text, from_position, rank FROM stage_jump WHERE org_id = $1 ORDER BY change_id`, [org.orgId])).rows;
      const entries = async () =>
        (await client.query(`SELECT stage_id, day::text, entered, advanced FROM stage_entry_day WHERE org_id = $1 ORDER BY 1, 2`, [org.orgId])).rows;
      const matchesReference = async () => {
        const { rollups, reference } = await stageRollups(client, org);
        expect(rollups).toEqual(reference);
      };
      expect(await jumps()).toEqual([]);
      // An open stage between S1 and S2: S1 → S2 now skips it.
      const inserted = await client.query<{ id: number }>(
        `INSERT INTO stage (pipeline_id, name, position, kind) VALUES ($1, 'S1b', 15, 'OPEN') RETURNING id`,
        [org.pipelineId],
      );
      expect(await jumps()).toEqual([{ day: "2025-03-31", from_position: 10, rank: 20 }]);
      await matchesReference();
      await client.query(`DELETE FROM stage WHERE id = $1`, [inserted.rows[0]!.id]);
      expect(await jumps()).toEqual([]);
      // Without S2 (moved after S3, then back), S1 → S2 lands past S3: a jump while S2 is last.
      await client.query(`UPDATE stage SET position = 35 WHERE id = $1`, [s2]);
      expect(await jumps()).toEqual([{ day: "2025-03-31", from_position: 10, rank: 35 }]);
      await client.query(`UPDATE stage SET position = 20 WHERE id = $1`, [s2]);
      expect(await jumps()).toEqual([]);
      await matchesReference();
      expect(await entries()).toEqual([
        { stage_id: s1, day: "2025-03-29", entered: 1, advanced: 1 },
        { stage_id: s2, day: "2025-03-31", entered: 1, advanced: 1 },
        { stage_id: s3, day: "2025-04-01", entered: 1, advanced: 0 },
      ]);
      // The facts are recomputed with the new zone already in place; the rollups are rebuilt after them.
      await client.query(`UPDATE organization SET time_zone = 'Europe/Berlin' WHERE id = $1`, [org.orgId]);
      expect(await entries()).toEqual([
        { stage_id: s1, day: "2025-03-30", entered: 1, advanced: 1 },
        { stage_id: s2, day: "2025-03-31", entered: 1, advanced: 1 },
        { stage_id: s3, day: "2025-04-01", entered: 1, advanced: 0 },
      ]);
      await matchesReference();
      // Nothing updates facts in place (they are deleted and inserted again), but an update moves the rollups too.
      await client.query(`UPDATE deal_stage_fact SET at = at - interval '1 day', next_at = NULL WHERE deal_id = $1 AND stage_id = $2`, [org.dealIds[0], s2]);
      expect((await entries()).map((row) => (row as { day: string }).day)).toEqual(["2025-03-30", "2025-03-30", "2025-04-01"]);
      await matchesReference();
      // And later writes subtract from the days the rows are on now.
      await client.query(`DELETE FROM deal_stage_change WHERE deal_id = $1`, [org.dealIds[0]]);
      expect(await entries()).toEqual([]);
      await matchesReference();
    });
  });

  it("a lead's chain follows its deal into another pipeline, and that pipeline's first-meeting stage as it moves", async () => {
    await rolledBack(async () => {
      const org = await createOrg(client, "UTC");
      const [deal] = org.dealIds;
      // The first lead's conversion reaches S2 (rank 20) in the first pipeline, whose first meeting is S1: reached.
      await insertChanges(client, org, [
        { deal: 0, stage: 0, hours: 1 },
        { deal: 0, stage: 1, hours: 2 },
      ]);
      const chain = async () =>
        (await client.query(`SELECT deals, first_meetings, won_deals FROM lead_chain WHERE lead_id = (SELECT lead_id FROM deal WHERE id = $1)`, [deal]))
          .rows;
      expect(await chain()).toEqual([{ deals: 2, first_meetings: 1, won_deals: 0 }]);
      // Moved to a pipeline whose first meeting is at position 30; its history stays in the first one, so only the
      // stage triggers, not the facts, tell the chain when that pipeline's first meeting moves.
      const other = await client.query<{ id: number }>(`INSERT INTO pipeline (org_id, name) VALUES ($1, 'Other') RETURNING id`, [org.orgId]);
      const pipelineId = other.rows[0]!.id;
      const stages = await client.query<{ id: number }>(
        `INSERT INTO stage (pipeline_id, name, position, kind, is_first_meeting)
         VALUES ($1, 'T1', 10, 'OPEN', FALSE), ($1, 'T2', 15, 'OPEN', FALSE), ($1, 'T3', 30, 'OPEN', TRUE) RETURNING id`,
        [pipelineId],
      );
      const [t1, t2, t3] = stages.rows.map((row) => row.id);
      await client.query(`UPDATE deal SET pipeline_id = $2, stage_id = $3 WHERE id = $1`, [deal, pipelineId, t1]);
      expect(await chain()).toEqual([{ deals: 2, first_meetings: 0, won_deals: 0 }]);
      await client.query(`UPDATE stage SET is_first_meeting = (id = $1) WHERE pipeline_id = $2`, [t2, pipelineId]);
      expect(await chain()).toEqual([{ deals: 2, first_meetings: 1, won_deals: 0 }]);
      await client.query(`UPDATE stage SET is_first_meeting = (id = $1) WHERE pipeline_id = $2`, [t3, pipelineId]);
      expect(await chain()).toEqual([{ deals: 2, first_meetings: 0, won_deals: 0 }]);
      // Without T3 the first open stage (T1) is the first meeting; a new marked stage at 25 is again out of reach.
      await client.query(`DELETE FROM stage WHERE id = $1`, [t3]);
      expect(await chain()).toEqual([{ deals: 2, first_meetings: 1, won_deals: 0 }]);
      await client.query(`INSERT INTO stage (pipeline_id, name, position, kind, is_first_meeting) VALUES ($1, 'T4', 25, 'OPEN', TRUE)`, [pipelineId]);
      expect(await chain()).toEqual([{ deals: 2, first_meetings: 0, won_deals: 0 }]);
      // Won: counted as won; its history (rank 20) still decides the first meeting.
      await client.query(`UPDATE deal SET status = 'WON' WHERE id = $1`, [deal]);
      expect(await chain()).toEqual([{ deals: 2, first_meetings: 0, won_deals: 1 }]);
      const { maintained, rebuilt } = await maintainedAndRebuilt(client, org);
      expect(maintained).toEqual(rebuilt);
    });
  });

  it("activity months follow the days across a month edge, a time-zone change and deleted reps and organisations", async () => {
    await rolledBack(async () => {
      const org = await createOrg(client, "UTC");
      const months = async () =>
        (await client.query(`SELECT rep_id, month::text, type, count, responded FROM activity_month WHERE org_id = $1 ORDER BY 1, 2, 3`, [org.orgId])).rows;
      const [a, b] = org.repIds;
      // Mar 31 23:30 UTC is Apr 1 in Berlin (summer time); two calls on one day make an upsert that updates.
      await client.query(
        `INSERT INTO activity (org_id, rep_id, type, at, responded) VALUES
         ($1, $2, 'CALL', '2025-03-31T23:30:00Z', TRUE), ($1, $2, 'CALL', '2025-03-15T10:00:00Z', FALSE), ($1, $3, 'EMAIL', '2025-04-02T10:00:00Z', TRUE)`,
        [org.orgId, a, b],
      );
      await client.query(`INSERT INTO activity (org_id, rep_id, type, at, responded) VALUES ($1, $2, 'CALL', '2025-03-15T11:00:00Z', TRUE)`, [org.orgId, a]);
      expect(await months()).toEqual([
        { rep_id: a, month: "2025-03-01", type: "CALL", count: 3, responded: 2 },
        { rep_id: b, month: "2025-04-01", type: "EMAIL", count: 1, responded: 1 },
      ]);
      await client.query(`UPDATE organization SET time_zone = 'Europe/Berlin' WHERE id = $1`, [org.orgId]);
      expect(await months()).toEqual([
        { rep_id: a, month: "2025-03-01", type: "CALL", count: 2, responded: 1 },
        { rep_id: a, month: "2025-04-01", type: "CALL", count: 1, responded: 1 },
        { rep_id: b, month: "2025-04-01", type: "EMAIL", count: 1, responded: 1 },
      ]);
      await client.query(`DELETE FROM activity WHERE org_id = $1 AND at < '2025-03-31'`, [org.orgId]);
      expect(await months()).toEqual([
        { rep_id: a, month: "2025-04-01", type: "CALL", count: 1, responded: 1 },
        { rep_id: b, month: "2025-04-01", type: "EMAIL", count: 1, responded: 1 },
      ]);
      await client.query(`DELETE FROM rep WHERE id = $1`, [b]);
      expect(await months()).toEqual([{ rep_id: a, month: "2025-04-01", type: "CALL", count: 1, responded: 1 }]);
      await client.query(`DELETE FROM organization WHERE id = $1`, [org.orgId]);
      expect(await months()).toEqual([]);
    });
  });

  it("deal months follow a deal's closing rep being deleted, a time-zone change and the organisation's deletion", async () => {
    await rolledBack(async () => {
      const org = await createOrg(client, "Europe/Berlin");
      const [a, b] = org.repIds;
      // Created Jan 31 23:30 UTC (Feb 1 in Berlin), won by B on Mar 1 (29 local days later: a leap year); dates before the deals
      // createOrg makes in 2025, so only these two deals are in the rows read here.
      await client.query(
        `INSERT INTO deal (org_id, pipeline_id, stage_id, owner_id, closed_owner_id, name, created_at, closed_at, status, amount) VALUES
         ($1, $2, $3, $4, $5, 'Won', '2024-01-31T23:30:00Z', '2024-03-01T10:00:00Z', 'WON', 100),
         ($1, $2, $3, $4, NULL, 'Open', '2024-02-10T10:00:00Z', NULL, 'OPEN', 50)`,
        [org.orgId, org.pipelineId, org.stageIds[0], a, b],
      );
      const months = async () =>
        (
          await client.query(
            `SELECT rep_id, month::text, event::text, cycle_days, n, amount::text FROM deal_month
             WHERE org_id = $1 AND month < '2025-01-01' ORDER BY 2, 3, 1`,
            [org.orgId],
          )
        ).rows;
      expect(await months()).toEqual([
        { rep_id: a, month: "2024-02-01", event: "CREATED", cycle_days: null, n: 1, amount: "50.00" },
        { rep_id: b, month: "2024-02-01", event: "CREATED", cycle_days: null, n: 1, amount: "100.00" },
        { rep_id: b, month: "2024-03-01", event: "WON", cycle_days: 29, n: 1, amount: "100.00" },
      ]);
      // The closing rep goes: the deal counts for its owner again.
      await client.query(`DELETE FROM rep WHERE id = $1`, [b]);
      expect(await months()).toEqual([
        { rep_id: a, month: "2024-02-01", event: "CREATED", cycle_days: null, n: 2, amount: "150.00" },
        { rep_id: a, month: "2024-03-01", event: "WON", cycle_days: 29, n: 1, amount: "100.00" },
      ]);
      // In UTC the won deal was created in January, 30 days before its close.
      await client.query(`UPDATE organization SET time_zone = 'UTC' WHERE id = $1`, [org.orgId]);
      expect(await months()).toEqual([
        { rep_id: a, month: "2024-01-01", event: "CREATED", cycle_days: null, n: 1, amount: "100.00" },
        { rep_id: a, month: "2024-02-01", event: "CREATED", cycle_days: null, n: 1, amount: "50.00" },
        { rep_id: a, month: "2024-03-01", event: "WON", cycle_days: 30, n: 1, amount: "100.00" },
      ]);
      await client.query(`DELETE FROM organization WHERE id = $1`, [org.orgId]);
      expect((await client.query(`SELECT count(*)::int AS n FROM deal_month WHERE org_id = $1`, [org.orgId])).rows).toEqual([{ n: 0 }]);
    });
  });

  it("two transactions adding activities to the same months at once are both counted", async () => {
    const setup = await createOrg(client, "UTC");
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    try {
      await client.query("BEGIN");
      await other.query("BEGIN");
      const batch = [
        { rep: 0, type: 0, hours: 0, responded: true, lead: 9, deal: 9 },
        { rep: 1, type: 1, hours: 60, responded: false, lead: 9, deal: 9 },
      ];
      await insertActivities(client, setup, batch);
      const second = insertActivities(other, setup, [...batch].reverse()).then(() => other.query("COMMIT"));
      await new Promise((resolve) => setTimeout(resolve, 200));
      await client.query("COMMIT");
      await second;
      const { months, summed } = await monthsAndSummedDays(client, setup);
      expect(months).toEqual(summed);
      expect((months as Array<{ count: number }>).map((row) => row.count)).toEqual([2, 2]);
    } finally {
      await other.end();
      await client.query(`DELETE FROM organization WHERE id = $1`, [setup.orgId]);
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

  it("a touch added while another transaction creates the lead's first deal counts for that deal", async () => {
    const setup = await createOrg(client, "UTC");
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    try {
      const lead = await pickOne(client, "lead", setup, 2); // the third lead has no deal yet
      await client.query("BEGIN");
      await other.query("BEGIN");
      await insertDeals(client, setup, [{ lead: 2, hours: 0 }]);
      // The activity's trigger waits on the lead's lock until the deal's transaction commits, then recomputes the lead.
      const second = insertActivities(other, setup, [{ rep: 0, type: 0, hours: -5, responded: false, lead: 2, deal: 9 }]).then(() =>
        other.query("COMMIT"),
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      await client.query("COMMIT");
      await second;
      const rows = await client.query(`SELECT is_conversion, calls FROM conversion_touch WHERE lead_id = $1`, [lead]);
      expect(rows.rows).toEqual([{ is_conversion: true, calls: 1 }]);
    } finally {
      await other.end();
    }
  });

  it("a change of time zone moves the 30-day touch window across the DST change", async () => {
    await rolledBack(async () => {
      const org = await createOrg(client, "UTC");
      // The second lead's deal, made 20 h after BASE: after Europe's spring DST change, so 30 local days before it in
      // Berlin is 719 h, in UTC 720 h. The touch 720 h before it counts only in UTC.
      await client.query(`UPDATE deal SET created_at = $2 WHERE id = $1`, [org.dealIds[2], at(20)]);
      await insertActivities(client, org, [{ rep: 0, type: 1, hours: -700, responded: false, lead: 1, deal: 9 }]);
      const emails = async () => (await client.query(`SELECT emails FROM conversion_touch WHERE deal_id = $1`, [org.dealIds[2]])).rows;
      expect(await emails()).toEqual([{ emails: 1 }]);
      await client.query(`UPDATE organization SET time_zone = 'Europe/Berlin' WHERE id = $1`, [org.orgId]);
      expect(await emails()).toEqual([{ emails: 0 }]);
      const { maintained, rebuilt } = await maintainedAndRebuilt(client, org);
      expect(maintained).toEqual(rebuilt);
    });
  });

  it("refuses to move a stage to another pipeline, and lets every other stage edit through", async () => {
    await rolledBack(async () => {
      const org = await createOrg(client, "UTC");
      const other = await client.query<{ id: number }>(`INSERT INTO pipeline (org_id, name) VALUES ($1, 'Other') RETURNING id`, [org.orgId]);
      await client.query("SAVEPOINT move");
      await expect(client.query(`UPDATE stage SET pipeline_id = $2 WHERE id = $1`, [org.stageIds[1], other.rows[0]!.id])).rejects.toThrow(
        `stage ${org.stageIds[1]} cannot move to another pipeline`,
      );
      await client.query("ROLLBACK TO SAVEPOINT move");
      await client.query(`UPDATE stage SET pipeline_id = pipeline_id, name = 'Renamed', position = 25 WHERE id = $1`, [org.stageIds[1]]);
      const { maintained, rebuilt } = await maintainedAndRebuilt(client, org);
      expect(maintained).toEqual(rebuilt);
    });
  });

  it("refuses TRUNCATE of every table the derived tables are computed from, also when a cascade reaches one, unless every table goes", async () => {
    const truncate = (statement: string) =>
      rolledBack(async () => {
        try {
          await client.query(statement);
          return "truncated";
        } catch (error) {
          return (error as Error).message;
        }
      });
    for (const table of KPI_SOURCES_REFUSING_TRUNCATE) {
      expect(await truncate(`TRUNCATE ${table} CASCADE`)).toContain(`TRUNCATE of ${table} would leave the KPI engine's derived tables stale`);
    }
    expect(await truncate(`TRUNCATE organization CASCADE`)).toMatch(/^TRUNCATE of \w+ would leave the KPI engine's derived tables stale: DELETE its rows instead$/);
    // A table nothing is derived from still truncates, and so does a source when the transaction says it truncates
    // every table (the demo seed's reset).
    expect(await truncate(`TRUNCATE audit_log`)).toBe("truncated");
    expect(await truncate(`SET LOCAL app.truncating_every_table = 'on'; TRUNCATE deal CASCADE`)).toBe("truncated");
  });
});
