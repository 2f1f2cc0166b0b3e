// Drill-through: the rows behind a number add up to that number, and a viewer only ever gets rows they may see.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import type { PrismaClient } from "@/lib/db/create-client";
import type { Period } from "@/lib/kpi/period";
import { queryDealMetrics } from "@/lib/kpi/query-deal-metrics";
import { queryLeadMetrics } from "@/lib/kpi/query-lead-metrics";
import { queryLostReasons } from "@/lib/kpi/query-lost-reasons";
import { queryPipelineCoverage } from "@/lib/kpi/query-pipeline-coverage";
import { queryOpenPipeline } from "@/lib/kpi/query-open-pipeline";
import { parseDealDrill, parseLeadDrill, type DealDrillFilter } from "@/lib/validation/dashboard-drill";
import { createDemoScope, type DemoScope } from "./support/demo-scope";

const holder = vi.hoisted(() => ({ client: undefined as unknown as PrismaClient }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/db/client", () => ({
  db: new Proxy({}, { get: (_target, property) => Reflect.get(holder.client, property, holder.client) }),
}));

const { listDrillDeals } = await import("@/lib/data/drill-deals");
const { listDrillLeads } = await import("@/lib/data/drill-leads");

let demo: DemoScope;
let client: PrismaClient;
let period: Period;
let admin: Viewer;
let manager: Viewer;
let sdrManager: Viewer;
let rep: Viewer;
let otherRep: { id: number; teamId: number };

const drill = (params: Record<string, string>): DealDrillFilter => parseDealDrill(params);

beforeAll(async () => {
  demo = await createDemoScope();
  ({ client, period, admin, manager, sdrManager, rep } = demo);
  holder.client = client;
  otherRep = { id: await demo.teammate("deal"), teamId: rep.teamIds[0]! };
}, 120_000);

afterAll(() => demo?.close());

describe("deal drill-through totals equal the card numbers", () => {
  it.each([
    ["the admin, whole organisation", () => admin, undefined],
    ["a manager, their team", () => manager, undefined],
    ["the admin, filtered to the manager's team", () => admin, () => manager.teamIds[0]],
  ] as const)("won count and revenue, lost, pipeline created, expansion and churn: %s", async (_name, who, team) => {
    const viewer = who();
    const teamId = team?.();
    const metrics = await queryDealMetrics(client, viewer, { period, filter: teamId === undefined ? {} : { teamIds: [teamId] } });
    const card = metrics.total.current;
    expect(card.won).toBeGreaterThan(0);
    const rows = (params: Record<string, string>) => listDrillDeals(viewer, { period, teamId, filter: drill(params) });
    const won = await rows({ basis: "closed", status: "WON" });
    expect([won.total, won.amount]).toEqual([card.won, card.revenue]);
    expect((await rows({ basis: "closed", status: "LOST" })).total).toBe(card.lost);
    const created = await rows({ basis: "created" });
    expect([created.total, created.amount]).toEqual([card.pipelineCreated.count, card.pipelineCreated.amount]);
    const expansion = await rows({ basis: "expansion" });
    expect([expansion.total, expansion.amount]).toEqual([card.expansion.count, card.expansion.revenue]);
    const churn = await rows({ basis: "churn" });
    expect([churn.total, churn.amount]).toEqual([card.churn.count, card.churn.amount]);
  });

  it("open deals at the start (velocity) and the coverage deals match the engine", async () => {
    const open = await queryOpenPipeline(client, manager, { at: period.start });
    const openRows = await listDrillDeals(manager, { period, filter: drill({ basis: "openStart" }) });
    expect(openRows.total).toBe(open.reduce((sum, row) => sum + row.count, 0));
    const coverage = await queryPipelineCoverage(client, manager, { period });
    const coverageRows = await listDrillDeals(manager, { period, filter: drill({ basis: "coverage" }) });
    expect([coverageRows.total, coverageRows.amount]).toEqual([coverage.current.openDeals, coverage.current.openAmount]);
  });

  it("every lost-reason cell lists exactly its deals", async () => {
    const lost = await queryLostReasons(client, manager, { period });
    const cells = lost.current.filter((row) => row.fromStageId !== null);
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells.slice(0, 6)) {
      const rows = await listDrillDeals(manager, {
        period,
        pipelineId: cell.pipelineId,
        filter: drill({ basis: "closed", status: "LOST", reason: cell.reason, lostFrom: String(cell.fromStageId) }),
      });
      expect([rows.total, rows.amount]).toEqual([cell.count, cell.amount]);
    }
  });

  it("pages through every row once, in the requested order", async () => {
    const all = await listDrillDeals(manager, { period, filter: drill({ basis: "closed", sort: "amount", dir: "desc" }), offset: 0, limit: 100_000 });
    const page2 = await listDrillDeals(manager, { period, filter: drill({ basis: "closed", sort: "amount", dir: "desc", page: "2" }) });
    expect(page2.rows.map((row) => row.id)).toEqual(all.rows.slice(50, 100).map((row) => row.id));
    const amounts = all.rows.map((row) => Number(row.amount ?? -1));
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
  });
});

describe("the open-deals drill sorts as its header says", () => {
  it.each(["openEnd", "coverage"])("%s: the default Closed ▼ orders by the date the column shows (expected close for an open deal)", async (basis) => {
    for (const dir of ["desc", "asc"] as const) {
      const all = await listDrillDeals(manager, { period, filter: drill({ basis, dir }), offset: 0, limit: 100_000 });
      expect(all.rows.length).toBeGreaterThan(1);
      const shown = all.rows.map((row) => (row.closedAt ?? row.expectedCloseAt)?.getTime() ?? null);
      expect(shown.some((time) => time !== null)).toBe(true);
      const dated = shown.filter((time): time is number => time !== null);
      // Deals without any date come last, the dated ones in the header's direction.
      expect(shown).toEqual([...dated.sort((a, b) => (dir === "desc" ? b - a : a - b)), ...shown.filter((time) => time === null)]);
    }
  });
});

describe("lead drill-through", () => {
  it("hand-over chain counts equal the rows behind them (SDR team manager)", async () => {
    const leads = await queryLeadMetrics(client, sdrManager, { period });
    const cur = leads.total.current;
    expect(cur.handedOver).toBeGreaterThan(0);
    const rows = (params: Record<string, string>) => listDrillLeads(sdrManager, { period, filter: parseLeadDrill(params) });
    expect((await rows({ basis: "handedOver" })).total).toBe(cur.handedOver);
    expect((await rows({ basis: "handedOver", outcome: "converted" })).total).toBe(cur.converted);
    expect((await rows({ basis: "created" })).total).toBe(cur.created);
  });
});

describe("a rep drills only into their own rows", () => {
  it("sees exactly their own won deals, matching their own card", async () => {
    const own = await queryDealMetrics(client, rep, { period, filter: { repId: rep.repId ?? undefined } });
    const rows = await listDrillDeals(rep, { period, filter: drill({ basis: "closed" }), offset: 0, limit: 100_000 });
    const won = rows.rows.filter((row) => row.status === "WON");
    expect(won.length).toBe(own.total.current.won);
    expect(new Set(rows.rows.map((row) => row.owner)).size).toBeLessThanOrEqual(1);
  });

  it("gets nothing when asking for a teammate, the team, or another team", async () => {
    const asTeammate = await listDrillDeals(rep, { period, filter: drill({ basis: "closed", rep: String(otherRep.id) }) });
    expect(asTeammate.total).toBe(0);
    expect(asTeammate.rows).toEqual([]);
    const ownTeam = await listDrillDeals(rep, { period, teamId: otherRep.teamId, filter: drill({ basis: "created" }) });
    const ownOnly = await listDrillDeals(rep, { period, filter: drill({ basis: "created" }) });
    expect(ownTeam.total).toBe(ownOnly.total);
    const elsewhere = await client.team.findFirst({ where: { id: { notIn: [...rep.teamIds] }, kind: "AE" }, select: { id: true } });
    const otherTeam = await listDrillDeals(rep, { period, teamId: elsewhere!.id, filter: drill({ basis: "created" }) });
    expect(otherTeam.total).toBe(0);
    expect(ownOnly.total).toBeGreaterThan(0);
    const teammateLeads = await listDrillLeads(rep, { period, filter: parseLeadDrill({ basis: "created", rep: String(otherRep.id) }) });
    expect(teammateLeads.total).toBe(0);
  });

  it("a manager gets nothing from another team", async () => {
    const otherTeam = await client.team.findFirst({ where: { id: { notIn: [...manager.teamIds] }, kind: "AE" }, select: { id: true } });
    const rows = await listDrillDeals(manager, { period, teamId: otherTeam!.id, filter: drill({ basis: "closed" }) });
    expect(rows.total).toBe(0);
  });
});
