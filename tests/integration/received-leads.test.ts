// The hand-over chain from the receiving side (issue 18): an AE team's manager sees the leads SDRs handed over to
// their AEs and what became of them, the lead panel's counts equal the drills' rows, and a manager of another team
// sees none of those leads.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import type { PrismaClient } from "@/lib/db/create-client";
import { queryLeadSide } from "@/lib/kpi/lead-side";
import type { Period } from "@/lib/kpi/period";
import { queryLeadMetrics } from "@/lib/kpi/query-lead-metrics";
import { parseDealDrill, parseLeadDrill } from "@/lib/validation/dashboard-drill";
import { createDemoScope, type DemoScope } from "./support/demo-scope";

const holder = vi.hoisted(() => ({ client: undefined as unknown as PrismaClient }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/db/client", () => ({
  db: new Proxy({}, { get: (_target, property) => Reflect.get(holder.client, property, holder.client) }),
}));

const { listDrillDeals } = await import("@/lib/data/drill-deals");
const { listDrillLeads } = await import("@/lib/data/drill-leads");

const ALL = { offset: 0, limit: 100_000 };

let demo: DemoScope;
let client: PrismaClient;
let period: Period;
let north: Viewer;
let otherAeManager: Viewer;
let sdrManager: Viewer;
let northAes: Set<number>;

/** The first manager of a team matching the condition (alias x of team), with all the teams they manage. */
const managerOf = (teamWhere: string) => demo.viewer(`u.role = 'MANAGER' AND u.id IN (SELECT manager_id FROM team x WHERE ${teamWhere})`);

beforeAll(async () => {
  demo = await createDemoScope();
  ({ client, period, sdrManager } = demo);
  holder.client = client;
  north = await managerOf(`x.name = 'Team North'`);
  otherAeManager = await managerOf(`x.kind = 'AE' AND x.name <> 'Team North' AND x.manager_id <> ${north.userId}`);
  const { rows } = await demo.query<{ id: number }>(`SELECT r.id FROM rep r WHERE r.team_id = ANY($1)`, [north.teamIds]);
  northAes = new Set(rows.map((row) => row.id));
}, 120_000);

afterAll(() => demo?.close());

describe("an AE team's manager reads the hand-over chain from the receiving side", () => {
  it("the scope picks its side: an AE team receives, the SDR team and the organisation own", async () => {
    expect(await queryLeadSide(client, north)).toBe("receiver");
    expect(await queryLeadSide(client, sdrManager)).toBe("owner");
    // The owner side of an AE team is empty: the demo's leads all belong to SDRs.
    const owned = await queryLeadMetrics(client, north, { period });
    expect(owned.side).toBe("owner");
    expect(owned.total.current.handedOver).toBe(0);
  });

  it("each step of the panel's chain equals the rows of its drill", async () => {
    const leads = await queryLeadMetrics(client, north, { period, side: "auto" });
    expect(leads.side).toBe("receiver");
    const cur = leads.total.current;
    expect(cur.handedOver).toBeGreaterThan(0);
    expect(cur.wonDeals).toBeGreaterThan(0);
    const leadRows = (params: Record<string, string>) => listDrillLeads(north, { period, filter: parseLeadDrill(params), ...ALL });
    const handed = await leadRows({ basis: "handedOver" });
    expect(handed.total).toBe(cur.handedOver);
    expect(handed.rows).toHaveLength(cur.handedOver);
    expect((await leadRows({ basis: "handedOver", outcome: "converted" })).total).toBe(cur.converted);
    expect((await leadRows({ basis: "created" })).total).toBe(cur.created);
    const meetings = await listDrillDeals(north, { period, filter: parseDealDrill({ basis: "firstMeeting" }), ...ALL });
    expect(meetings.total).toBe(cur.firstMeetings);
    const won = await listDrillDeals(north, { period, filter: parseDealDrill({ basis: "fromHandedOver", status: "WON" }), ...ALL });
    expect(won.total).toBe(cur.wonDeals);
    // Per AE, the figures add up to the team's.
    expect(leads.reps.reduce((sum, rep) => sum + rep.current.handedOver, 0)).toBe(cur.handedOver);
    expect(leads.reps.every((rep) => northAes.has(rep.repId))).toBe(true);
  });

  it("every lead listed went to one of the team's AEs; the SDR of another team is not named", async () => {
    const handed = await listDrillLeads(north, { period, filter: parseLeadDrill({ basis: "handedOver" }), ...ALL });
    const { rows } = await demo.query<{ id: number; ae_id: number | null }>(`SELECT id, ae_id FROM lead WHERE id = ANY($1)`, [handed.rows.map((row) => row.id)]);
    expect(rows.every((row) => row.ae_id !== null && northAes.has(row.ae_id))).toBe(true);
    expect(handed.rows.every((row) => row.owner === null && row.team === null)).toBe(true);
  });

  it("a deal from those leads that another team's AE owns is a restricted row", async () => {
    const deals = await listDrillDeals(north, { period, filter: parseDealDrill({ basis: "fromHandedOver" }), ...ALL });
    expect(deals.total).toBeGreaterThan(0);
    const { rows } = await demo.query<{ id: number; owner_id: number }>(`SELECT id, owner_id FROM deal WHERE id = ANY($1)`, [deals.rows.map((row) => row.id)]);
    const ownerOf = new Map(rows.map((row) => [row.id, row.owner_id]));
    for (const deal of deals.rows) {
      const ours = northAes.has(ownerOf.get(deal.id)!);
      expect(deal.restricted).toBe(!ours);
      if (deal.restricted) expect([deal.owner, deal.team, deal.amount, deal.account]).toEqual([null, null, null, null]);
    }
  });

  it("a manager of another team sees none of them", async () => {
    const northLeads = await listDrillLeads(north, { period, filter: parseLeadDrill({ basis: "handedOver" }), ...ALL });
    const other = await listDrillLeads(otherAeManager, { period, filter: parseLeadDrill({ basis: "handedOver" }), ...ALL });
    const ids = new Set(northLeads.rows.map((row) => row.id));
    expect(other.rows.filter((row) => ids.has(row.id))).toEqual([]);
    const askingForNorth = await listDrillLeads(otherAeManager, { period, teamId: north.teamIds[0], filter: parseLeadDrill({ basis: "handedOver" }), ...ALL });
    expect(askingForNorth.total).toBe(0);
    const northDeals = await listDrillDeals(north, { period, filter: parseDealDrill({ basis: "fromHandedOver" }), ...ALL });
    const otherDeals = await listDrillDeals(otherAeManager, { period, teamId: north.teamIds[0], filter: parseDealDrill({ basis: "fromHandedOver" }), ...ALL });
    expect(northDeals.total).toBeGreaterThan(0);
    expect(otherDeals.total).toBe(0);
    const otherFigures = await queryLeadMetrics(client, otherAeManager, { period, filter: { teamIds: north.teamIds }, side: "auto" });
    expect(otherFigures.total.current.handedOver).toBe(0);
  });
});
