// The pipeline view's query on the demo organisation: its totals are the open pipeline and the qualification figures
// of lib/kpi, its filters partition them, its pages cover every deal once, and no viewer sees a deal outside scope.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintViewer, type Viewer } from "@/lib/auth/viewer";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { DEAL_FLAGS } from "@/lib/kpi/qualification-sql";
import { queryOpenPipeline } from "@/lib/kpi/query-open-pipeline";
import { queryPipelineBoard, type PipelineBoardInput } from "@/lib/kpi/query-pipeline-board";
import { queryQualification } from "@/lib/kpi/query-qualification";
import { FORECAST_CATEGORIES } from "@/lib/validation/pipeline-query";
import { seedDemo } from "@/prisma/seed";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";

const TODAY = new Date("2026-11-27T12:00:00Z");
const AT = new Date("2026-11-27T12:00:00Z");

let database: ScratchDatabase;
let client: PrismaClient;
let admin: Viewer;
let north: Viewer;
let northTeamId: number;
let pipelineId: number;
let rep: Viewer;
let repId: number;

const cents = (money: string) => Math.round(Number(money) * 100);
const board = (viewer: Viewer, input: Partial<PipelineBoardInput> = {}) =>
  queryPipelineBoard(client, viewer, { at: AT, pipelineId, rows: { offset: 0, limit: 100_000 }, ...input });

beforeAll(async () => {
  database = await createMigratedDatabase();
  await seedDemo(database.url, { today: TODAY });
  client = createPrismaClient(database.url);
  await client.$executeRawUnsafe("ANALYZE");
  const user = await client.user.findFirstOrThrow({ where: { role: "ADMIN" }, select: { id: true, orgId: true } });
  admin = mintViewer({ userId: user.id, orgId: user.orgId, role: "ADMIN", repId: null, teamIds: [], name: "Admin", email: "a@example.test", locale: "en" });
  const team = await client.team.findFirstOrThrow({ where: { name: "Team North" }, select: { id: true, managerId: true } });
  northTeamId = team.id;
  north = mintViewer({ userId: team.managerId!, orgId: user.orgId, role: "MANAGER", repId: null, teamIds: [team.id], name: "M", email: "m@example.test", locale: "en" });
  const seller = await client.rep.findFirstOrThrow({ where: { teamId: team.id, userId: { not: null } }, select: { id: true, userId: true } });
  repId = seller.id;
  rep = mintViewer({ userId: seller.userId!, orgId: user.orgId, role: "REP", repId: seller.id, teamIds: [team.id], name: "R", email: "r@example.test", locale: "en" });
  pipelineId = (await client.pipeline.findFirstOrThrow({ orderBy: { position: "asc" }, select: { id: true } })).id;
}, 180_000);

afterAll(async () => {
  await client?.$disconnect();
  await database?.drop();
});

describe("the pipeline board", () => {
  it("counts and values each stage as the open pipeline does, and in all as qualification counts open deals", async () => {
    for (const viewer of [admin, north]) {
      const [result, open, qualification] = await Promise.all([
        board(viewer),
        queryOpenPipeline(client, viewer, { at: AT, pipelineId }),
        queryQualification(client, viewer, { at: AT, pipelineId }),
      ]);
      expect(result.total.count).toBeGreaterThan(0);
      expect(result.total.count).toBe(qualification.total.openDeals);
      expect([...result.stages.entries()].sort(([a], [b]) => a - b)).toEqual(
        open.map((stage) => [stage.stageId, { count: stage.count, amount: stage.amount }] as const).sort(([a], [b]) => a - b),
      );
      // The rows are the totals' deals: as many, worth as much.
      expect(result.deals).toHaveLength(result.total.count);
      expect(result.deals.reduce((sum, deal) => sum + (deal.amount === null ? 0 : cents(deal.amount)), 0)).toBe(cents(result.total.amount));
    }
  });

  it("a flag filter keeps exactly the deals qualification counts with that flag; forecast categories partition the deals", async () => {
    const all = await board(north);
    const qualification = await queryQualification(client, north, { at: AT, pipelineId });
    for (const flag of DEAL_FLAGS) {
      const flagged = await board(north, { flag });
      expect(flagged.total.count, flag).toBe(qualification.total.flags[flag]);
      expect(flagged.deals.every((deal) => deal.flags.includes(flag)), flag).toBe(true);
    }
    let count = 0;
    for (const forecastCategory of FORECAST_CATEGORIES) {
      const part = await board(north, { forecastCategory });
      expect(part.deals.every((deal) => deal.forecastCategory === forecastCategory)).toBe(true);
      count += part.total.count;
    }
    expect(count).toBe(all.total.count);
  });

  it("the table's pages hold every deal once, in the board's order (most flags, then amount)", async () => {
    const all = await board(north);
    const pages = [];
    for (let offset = 0; offset < all.total.count; offset += 7) pages.push(...(await board(north, { rows: { offset, limit: 7 } })).deals);
    expect(pages.map((deal) => deal.dealId)).toEqual(all.deals.map((deal) => deal.dealId));
    for (let i = 1; i < all.deals.length; i++) expect(all.deals[i - 1]!.flags.length).toBeGreaterThanOrEqual(all.deals[i]!.flags.length);
  });

  it("the board keeps the first cards of each stage and the stage totals of all its deals", async () => {
    const result = await board(north, { rows: { perStage: 3 } });
    const all = await board(north);
    for (const [stageId, total] of result.stages) {
      const cards = result.deals.filter((deal) => deal.stageId === stageId);
      expect(cards.map((deal) => deal.dealId)).toEqual(all.deals.filter((deal) => deal.stageId === stageId).slice(0, 3).map((deal) => deal.dealId));
      expect(total).toEqual(all.stages.get(stageId));
    }
  });

  it("a manager sees only their teams' deals, a rep only their own, and a rep filter narrows to that rep", async () => {
    const northReps = new Set((await client.rep.findMany({ where: { teamId: northTeamId }, select: { id: true } })).map((r) => r.id));
    const managerDeals = (await board(north)).deals;
    expect(managerDeals.length).toBeGreaterThan(0);
    expect(managerDeals.every((deal) => northReps.has(deal.repId))).toBe(true);
    expect((await board(admin)).total.count).toBeGreaterThan(managerDeals.length);

    const own = await board(rep);
    expect(own.deals.length).toBeGreaterThan(0);
    expect(own.deals.every((deal) => deal.repId === repId)).toBe(true);
    // A rep naming another rep in the filter narrows to nobody rather than widening.
    const other = [...northReps].find((id) => id !== repId)!;
    expect((await board(rep, { filter: { repId: other } })).total.count).toBe(0);
    const one = await board(north, { filter: { repId } });
    expect(one.deals.map((deal) => deal.dealId).sort()).toEqual(own.deals.map((deal) => deal.dealId).sort());
  });
});
