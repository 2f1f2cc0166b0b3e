// Drill-through for activities, stage flow and first meetings: the rows behind a number add up to that number
// (as the KPI engine computes it), and a viewer only ever gets rows they may see.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import type { PrismaClient } from "@/lib/db/create-client";
import { periodOf, type Period } from "@/lib/kpi/period";
import { ACTIVITY_TYPES, queryActivityMetrics } from "@/lib/kpi/query-activity-metrics";
import { queryLeadMetrics } from "@/lib/kpi/query-lead-metrics";
import { queryStageMetrics } from "@/lib/kpi/query-stage-metrics";
import { parseActivityDrill } from "@/lib/validation/activity-drill";
import { parseDealDrill } from "@/lib/validation/dashboard-drill";
import { createDemoScope, DEMO_YEAR, type DemoScope } from "./support/demo-scope";

const holder = vi.hoisted(() => ({ client: undefined as unknown as PrismaClient }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/db/client", () => ({
  db: new Proxy({}, { get: (_target, property) => Reflect.get(holder.client, property, holder.client) }),
}));

const { listDrillActivities } = await import("@/lib/data/drill-activities");
const { listDrillDeals } = await import("@/lib/data/drill-deals");

let demo: DemoScope;
let client: PrismaClient;
let period: Period;
let admin: Viewer;
let manager: Viewer;
let sdrManager: Viewer;
let rep: Viewer;
let teammate: number;
let otherTeam: number;

const activities = (viewer: Viewer, params: Record<string, string>, teamId?: number) =>
  listDrillActivities(viewer, { period, teamId, filter: parseActivityDrill(params) });

beforeAll(async () => {
  demo = await createDemoScope();
  ({ client, period, admin, manager, sdrManager, rep } = demo);
  holder.client = client;
  teammate = await demo.teammate("activity");
  const { rows: teams } = await demo.query<{ id: number }>(`SELECT id FROM team WHERE NOT (id = ANY ($1::int[])) ORDER BY id LIMIT 1`, [manager.teamIds]);
  otherTeam = teams[0]!.id;
}, 120_000);

afterAll(() => demo?.close());

describe("activity drill-through totals equal the activity metrics", () => {
  it.each([
    ["the admin, whole organisation", () => admin, undefined, undefined],
    ["a manager, their team", () => manager, undefined, undefined],
    ["the admin, filtered to the manager's team", () => admin, () => manager.teamIds[0], undefined],
    ["a rep, their own (My KPIs)", () => rep, undefined, () => rep.repId ?? undefined],
  ] as const)("count and responded, in all and by type: %s", async (_name, who, team, own) => {
    const viewer = who();
    const teamId = team?.();
    const repId = own?.();
    const metrics = await queryActivityMetrics(client, viewer, { period, filter: { teamIds: teamId === undefined ? undefined : [teamId], repId } });
    const card = metrics.total.current;
    expect(card.count).toBeGreaterThan(0);
    const all = await activities(viewer, {}, teamId);
    expect([all.total, all.responded]).toEqual([card.count, card.responded]);
    for (const type of ACTIVITY_TYPES) {
      const ofType = await activities(viewer, { type }, teamId);
      expect([ofType.total, ofType.responded], type).toEqual([card.byType[type].count, card.byType[type].responded]);
      expect((await activities(viewer, { type, response: "yes" }, teamId)).total, type).toBe(card.byType[type].responded);
      expect((await activities(viewer, { type, response: "no" }, teamId)).total, type).toBe(card.byType[type].count - card.byType[type].responded);
    }
  });

  it("what an activity is about splits the total: a deal, a lead, neither", async () => {
    const all = await activities(manager, {});
    const parts = await Promise.all((["deal", "lead", "none"] as const).map((on) => activities(manager, { on })));
    expect(parts.reduce((sum, part) => sum + part.total, 0)).toBe(all.total);
    expect(parts[0]!.rows.every((row) => row.dealId !== null)).toBe(true);
    expect(parts[1]!.rows.every((row) => row.dealId === null && row.leadId !== null)).toBe(true);
    const deal = parts[0]!.rows[0]!;
    const onDeal = await listDrillActivities(manager, { period, filter: parseActivityDrill({ deal: String(deal.dealId) }), offset: 0, limit: 10_000 });
    expect(onDeal.total).toBeGreaterThan(0);
    expect(onDeal.rows.length).toBe(onDeal.total);
    expect(onDeal.rows.every((row) => row.dealId === deal.dealId)).toBe(true);
  });
});

describe("activity drill-through pages and sorts", () => {
  it.each([
    ["newest first", { sort: "at", dir: "desc" }],
    ["oldest first", { sort: "at", dir: "asc" }],
    ["by rep", { sort: "rep", dir: "asc" }],
    ["by rep, descending", { sort: "rep", dir: "desc" }],
  ] as const)("%s: pages, and the export's keyset batches, list every row once in order", async (_name, order) => {
    const filter = parseActivityDrill(order);
    const all = await listDrillActivities(manager, { period, filter, offset: 0, limit: 100_000 });
    expect(all.rows.length).toBe(all.total);
    expect(new Set(all.rows.map((row) => row.id)).size).toBe(all.total);
    const key = (row: (typeof all.rows)[number]) =>
      order.sort === "at" ? [row.at.getTime(), row.id] : [row.rep, row.repId, -row.at.getTime(), -row.id];
    for (let i = 1; i < all.rows.length; i++) {
      const [a, b] = [key(all.rows[i - 1]!), key(all.rows[i]!)];
      const cmp = a.map((value, k) => (value < b[k]! ? -1 : value > b[k]! ? 1 : 0)).find((c) => c !== 0) ?? 0;
      // Rep names compare by the database's collation, so only the time order within one rep is checked there.
      if (order.sort === "at") expect(cmp, `row ${i}`).toBe(order.dir === "asc" ? -1 : 1);
      else if (all.rows[i - 1]!.repId === all.rows[i]!.repId) expect(cmp, `row ${i}`).toBe(-1);
    }
    if (order.sort === "rep") {
      // Each rep's activities come as one block.
      const blocks = all.rows.filter((row, i) => i === 0 || all.rows[i - 1]!.repId !== row.repId).length;
      expect(blocks).toBe(new Set(all.rows.map((row) => row.repId)).size);
    }

    const page3 = await listDrillActivities(manager, { period, filter: parseActivityDrill({ ...order, page: "3" }) });
    expect(page3.rows.map((row) => row.id)).toEqual(all.rows.slice(100, 150).map((row) => row.id));

    const batches: number[] = [];
    let after: (typeof all.rows)[number] | undefined;
    for (;;) {
      const batch = await listDrillActivities(manager, { period, filter, offset: 0, limit: 97, after, withoutTotal: true });
      batches.push(...batch.rows.map((row) => row.id));
      if (batch.rows.length < 97) break;
      after = batch.rows.at(-1);
    }
    expect(all.total).toBeGreaterThan(3 * 97);
    expect(batches).toEqual(all.rows.map((row) => row.id));
  });
});

describe("stage funnel numbers drill into exactly their deals", () => {
  it("entered, advanced, lost and still of every stage equal the stage metrics (a closed year and the open one)", async () => {
    const buckets = { lost: 0, still: 0 };
    for (const year of [DEMO_YEAR, DEMO_YEAR + 1]) {
      const inYear = periodOf({ kind: "year", year }, period.timeZone);
      const stages = await queryStageMetrics(client, manager, { period: inYear });
      for (const pipeline of stages.pipelines) {
        for (const stage of pipeline.current.stages) {
          const deals = (flow?: string) =>
            listDrillDeals(manager, {
              period: inYear,
              pipelineId: pipeline.pipelineId,
              filter: parseDealDrill({ basis: "entered", stage: String(stage.stageId), ...(flow ? { flow } : {}) }),
            });
          const [entered, advanced, lost, still] = await Promise.all([deals(), deals("advanced"), deals("lost"), deals("still")]);
          expect([entered.total, advanced.total, lost.total, still.total], `${year} ${stage.name}`).toEqual([stage.entered, stage.advanced, stage.lost, stage.still]);
          buckets.lost += stage.lost;
          buckets.still += stage.still;
        }
      }
    }
    // The demo has deals in every bucket, so the comparison is not vacuous.
    expect(buckets.lost).toBeGreaterThan(0);
    expect(buckets.still).toBeGreaterThan(0);
  });
});

describe("first meetings and won deals in the hand-over chain drill into their deals", () => {
  it.each([
    ["the SDR team's manager", () => sdrManager],
    ["the admin", () => admin],
  ] as const)("%s", async (_name, who) => {
    const viewer = who();
    const leads = await queryLeadMetrics(client, viewer, { period });
    expect(leads.total.current.firstMeetings).toBeGreaterThan(0);
    const deals = await listDrillDeals(viewer, { period, filter: parseDealDrill({ basis: "firstMeeting" }) });
    expect(deals.total).toBe(leads.total.current.firstMeetings);
    // The chain's last step: won deals from those leads.
    expect(leads.total.current.wonDeals).toBeGreaterThan(0);
    const won = await listDrillDeals(viewer, { period, filter: parseDealDrill({ basis: "fromHandedOver", status: "WON" }) });
    expect(won.total).toBe(leads.total.current.wonDeals);
  });
});

describe("activity scope", () => {
  it("a rep sees only their own activities, never a teammate's", async () => {
    const own = await listDrillActivities(rep, { period, filter: parseActivityDrill({}), offset: 0, limit: 100_000 });
    expect(own.total).toBeGreaterThan(0);
    expect(own.rows.every((row) => row.repId === rep.repId)).toBe(true);
    const asTeammate = await activities(rep, { rep: String(teammate) });
    expect([asTeammate.total, asTeammate.rows]).toEqual([0, []]);
    const viaTeam = await activities(rep, {}, rep.teamIds[0]);
    expect(viaTeam.total).toBe(own.total);
    // The teammate does have activities in the period: the manager sees them.
    expect((await activities(manager, { rep: String(teammate) })).total).toBeGreaterThan(0);
  });

  it("a manager sees their teams' activities and nothing of another team", async () => {
    const inTeam = await listDrillActivities(manager, { period, filter: parseActivityDrill({}), offset: 0, limit: 100_000 });
    const teamOf = new Map((await client.rep.findMany({ select: { id: true, teamId: true } })).map((r) => [r.id, r.teamId]));
    expect(inTeam.rows.every((row) => manager.teamIds.includes(teamOf.get(row.repId) ?? -1))).toBe(true);
    expect((await activities(manager, {}, otherTeam)).total).toBe(0);
    const stranger = [...teamOf.entries()].find(([, team]) => team === otherTeam)![0];
    expect((await activities(manager, { rep: String(stranger) })).total).toBe(0);
    expect((await activities(admin, { rep: String(stranger) })).total).toBeGreaterThan(0);
  });

  it("links a deal only when the viewer may open it", async () => {
    const rows = await listDrillActivities(rep, { period, filter: parseActivityDrill({ on: "deal" }), offset: 0, limit: 100_000 });
    const owners = new Map((await client.deal.findMany({ where: { id: { in: rows.rows.map((row) => row.dealId!) } }, select: { id: true, ownerId: true } })).map((d) => [d.id, d.ownerId]));
    for (const row of rows.rows) expect(row.dealVisible, `deal ${row.dealId}`).toBe(owners.get(row.dealId!) === rep.repId);
  });
});
