// Issue 16: the pipeline plan starts from this year's lib/kpi figures, on the demo data, and npm run plan's JSON.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintViewer, type Viewer } from "@/lib/auth/viewer";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { runPlan, PlanCommandError } from "@/lib/cli/plan";
import { periodOf } from "@/lib/kpi/period";
import { queryDealMetrics } from "@/lib/kpi/query-deal-metrics";
import { queryMonthlyTrends } from "@/lib/kpi/query-monthly-trends";
import { planActuals } from "@/lib/plan/plan-actuals";
import { planDefaults, type PlanDefaults } from "@/lib/plan/plan-defaults";
import { seedDemo } from "@/prisma/seed";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";

let database: ScratchDatabase;
let client: PrismaClient;
let admin: Viewer;
let timeZone: string;
let team: { id: number; name: string };
let defaults: PlanDefaults;

beforeAll(async () => {
  database = await createMigratedDatabase();
  await seedDemo(database.url, { today: new Date("2026-02-15T12:00:00Z"), reps: 8, years: 2 });
  client = createPrismaClient(database.url);
  const user = await client.user.findFirstOrThrow({ where: { role: "ADMIN" }, select: { id: true, orgId: true } });
  timeZone = (await client.organization.findUniqueOrThrow({ where: { id: user.orgId }, select: { timeZone: true } })).timeZone;
  admin = mintViewer({ userId: user.id, orgId: user.orgId, role: "ADMIN", repId: null, teamIds: [], name: "Admin", email: "a@example.test", locale: "en" });
  team = await client.team.findFirstOrThrow({ where: { kind: "AE" }, orderBy: { id: "asc" }, select: { id: true, name: true } });
  defaults = await planDefaults(client, admin, { teamId: team.id, planYear: 2026, timeZone });
}, 180_000);

afterAll(async () => {
  await client?.$disconnect();
  await database?.drop();
});

describe("pipeline plan defaults on the demo data", () => {
  it("equal the lib/kpi deal figures and monthly trends of the year before", async () => {
    const period = periodOf({ kind: "year", year: 2025 }, timeZone);
    const deals = await queryDealMetrics(client, admin, { period, filter: { teamIds: [team.id] } });
    expect(deals.total.current.won).toBeGreaterThan(0);
    expect(defaults.baseYear).toBe(2025);
    expect(defaults.assumptions.avgDealSize).toBe(Number(deals.total.current.avgDealSize));
    expect(defaults.assumptions.cycleDays).toBe(deals.total.current.cycleMeanDays);
    expect(defaults.baseRevenue).toBe(Number(deals.total.current.revenue));
    const months = await queryMonthlyTrends(client, admin, { period, filter: { teamIds: [team.id] } });
    expect(defaults.monthlyRevenue).toEqual(months.map((m) => Number(m.revenue)));
    expect(defaults.monthlyRevenue.reduce((a, b) => a + b, 0)).toBeCloseTo(Number(deals.total.current.revenue), 2);
    // Pipeline created per month adds up to the year's pipeline created, and each month equals the month's figure.
    expect(defaults.pipelineCreatedByMonth).toHaveLength(12);
    expect(defaults.pipelineCreatedByMonth.reduce((a, m) => a + m.count, 0)).toBe(deals.total.current.pipelineCreated.count);
    const march = await queryDealMetrics(client, admin, { period: periodOf({ kind: "month", year: 2025, month: 3 }, timeZone), filter: { teamIds: [team.id] } });
    expect(defaults.pipelineCreatedByMonth[2]).toEqual({ month: "2025-03", count: march.total.current.pipelineCreated.count, amount: Number(march.total.current.pipelineCreated.amount) });
  });

  it("take the win rate from the first meeting and the hand-over conversion from the deals' histories", async () => {
    const period = periodOf({ kind: "year", year: 2025 }, timeZone);
    const reps = await client.rep.findMany({ where: { teamId: team.id }, select: { id: true } });
    const repIds = new Set(reps.map((r) => r.id));
    const closed = await client.deal.findMany({
      where: { status: { in: ["WON", "LOST"] }, closedAt: { gte: period.start, lt: period.end } },
      select: { status: true, ownerId: true, closedOwnerId: true, pipelineId: true, history: { select: { toStage: { select: { kind: true, position: true } } } } },
    });
    const stages = await client.stage.findMany({ where: { kind: "OPEN" }, orderBy: [{ isFirstMeeting: "desc" }, { position: "asc" }], select: { pipelineId: true, position: true } });
    const firstMeeting = new Map<number, number>();
    for (const stage of stages) if (!firstMeeting.has(stage.pipelineId)) firstMeeting.set(stage.pipelineId, stage.position);
    const reached = closed.filter(
      (d) =>
        repIds.has(d.closedOwnerId ?? d.ownerId) &&
        (d.status === "WON" || d.history.some((h) => h.toStage.kind === "OPEN" && h.toStage.position >= (firstMeeting.get(d.pipelineId) ?? Infinity))),
    );
    expect(reached.length).toBeGreaterThan(0);
    expect(defaults.assumptions.winRateFromFirstMeeting).toBeCloseTo(reached.filter((d) => d.status === "WON").length / reached.length, 12);

    const leads = await client.lead.findMany({
      where: { handedOverAt: { gte: period.start, lt: period.end }, sdrId: { not: null }, aeId: { in: [...repIds] } },
      select: { deals: { select: { status: true, pipelineId: true, history: { select: { toStage: { select: { kind: true, position: true } } } } } } },
    });
    const meetings = leads.flatMap((l) => l.deals).filter((d) => d.status === "WON" || d.history.some((h) => h.toStage.kind === "OPEN" && h.toStage.position >= (firstMeeting.get(d.pipelineId) ?? Infinity))).length;
    expect(defaults.sdrFed).toBe(leads.length > 0);
    expect(defaults.assumptions.handOverToFirstMeeting).toBe(leads.length === 0 ? null : meetings / leads.length);
  });

  it("split by the reps' quota shares", () => {
    expect(defaults.reps.length).toBeGreaterThan(0);
    expect(defaults.reps.every((rep) => rep.quota >= 0)).toBe(true);
  });
});

describe("actual against required, once the plan year runs", () => {
  it("gives won deals and revenue per quarter and rep and pipeline created per month, adding up to the year's lib/kpi figures", async () => {
    // The demo's "today" is 2026-02-15: the 2026 plan year has begun.
    const actuals = await planActuals(client, admin, { teamId: team.id, year: 2026, timeZone });
    const year = await queryDealMetrics(client, admin, { period: periodOf({ kind: "year", year: 2026 }, timeZone), filter: { teamIds: [team.id] } });
    expect(year.total.current.won).toBeGreaterThan(0);
    expect(actuals.quarters.map((q) => q.quarter)).toEqual(["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]);
    expect(actuals.quarters.reduce((sum, q) => sum + q.won, 0)).toBe(year.total.current.won);
    expect(actuals.quarters.reduce((sum, q) => sum + Math.round(q.revenue * 100), 0)).toBe(Math.round(Number(year.total.current.revenue) * 100));
    expect(actuals.reps.reduce((sum, r) => sum + r.won, 0)).toBe(year.total.current.won);
    expect(actuals.pipelineCreatedByMonth.reduce((sum, m) => sum + Math.round(m.amount * 100), 0)).toBe(Math.round(Number(year.total.current.pipelineCreated.amount) * 100));
  });
});

describe("npm run plan", () => {
  it("prints exactly the documented shape, summing to the target", async () => {
    const plan = await runPlan(database.url, { year: 2026, team: team.name, target: 1_234_567.89, format: "json" });
    expect(Object.keys(plan)).toEqual(["target", "assumptions", "quarters", "reps"]);
    expect(Object.keys(plan.assumptions)).toEqual(["avgDealSize", "winRateFromFirstMeeting", "handOverToFirstMeeting", "cycleDays"]);
    for (const q of plan.quarters) expect(Object.keys(q)).toEqual(["quarter", "revenue", "deals", "firstMeetings", "handOvers", "enterBy"]);
    for (const r of plan.reps) expect(Object.keys(r)).toEqual(["name", "revenue", "deals", "firstMeetings"]);
    expect(plan.quarters.reduce((sum, q) => sum + Math.round(q.revenue * 100), 0)).toBe(123_456_789);
    expect(plan.reps.reduce((sum, r) => sum + Math.round(r.revenue * 100), 0)).toBe(123_456_789);
    expect(plan.assumptions.avgDealSize).toBe(defaults.assumptions.avgDealSize);
  });

  it("asks for the assumptions for a team that won nothing, and computes once they are given", async () => {
    const empty = await client.team.create({ data: { orgId: admin.orgId, name: "Team Empty", kind: "AE" } });
    await client.rep.create({ data: { orgId: admin.orgId, teamId: empty.id, name: "New Rep", kind: "AE" } });
    await expect(runPlan(database.url, { year: 2026, team: "Team Empty", target: 100_000, format: "json" })).rejects.toThrow(/won no deals this year.*--avg-deal-size/);
    await expect(runPlan(database.url, { year: 2026, team: "Team Empty", target: 100_000, format: "json" })).rejects.toBeInstanceOf(PlanCommandError);
    const plan = await runPlan(database.url, { year: 2026, team: "Team Empty", target: 100_000, format: "json", avgDealSize: 10_000, winRate: 0.25, cycleDays: 30 });
    expect(plan.quarters.map((q) => q.deals)).toEqual([3, 3, 3, 3]);
    expect(plan.reps).toEqual([{ name: "New Rep", revenue: 100_000, deals: 10, firstMeetings: 40 }]);
  });

  it("names an unknown team", async () => {
    await expect(runPlan(database.url, { year: 2026, team: "Nowhere", target: 1, format: "json" })).rejects.toThrow(/--team: no team named "Nowhere"/);
  });
});
