// The report's JSON shape (README "Report") is a contract: pinned here on a small seeded organisation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintViewer, type Viewer } from "@/lib/auth/viewer";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { periodOf } from "@/lib/kpi/period";
import { queryDealMetrics } from "@/lib/kpi/query-deal-metrics";
import { buildReport, type Report } from "@/lib/report/build-report";
import { reportCsv } from "@/lib/report/report-csv";
import { seedDemo } from "@/prisma/seed";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";

let database: ScratchDatabase;
let client: PrismaClient;
let admin: Viewer;
let report: Report;
let teamReport: Report;
let timeZone: string;

const DEAL_KEYS = [
  "won", "lost", "winRate", "revenue", "avgDealSize", "avgCycleDays", "medianCycleDays", "pipelineCreated", "pipelineCreatedAmount",
  "quota", "quotaAttainment", "repsAtQuota", "expansionWon", "expansionRevenue", "churnedRenewals", "churnedAmount", "churnRate",
].sort();
const FRACTIONS = ["winRate", "repsAtQuota", "churnRate"] as const;

beforeAll(async () => {
  database = await createMigratedDatabase();
  await seedDemo(database.url, { today: new Date("2025-03-15T12:00:00Z"), reps: 8, years: 2 });
  client = createPrismaClient(database.url);
  const user = await client.user.findFirstOrThrow({ where: { role: "ADMIN" }, select: { id: true, orgId: true } });
  timeZone = (await client.organization.findUniqueOrThrow({ where: { id: user.orgId }, select: { timeZone: true } })).timeZone;
  admin = mintViewer({ userId: user.id, orgId: user.orgId, role: "ADMIN", repId: null, teamIds: [], name: "Admin", email: "a@example.test", locale: "en" });
  const period = periodOf({ kind: "year", year: 2024 }, timeZone);
  report = await buildReport(client, admin, { period });
  const team = await client.team.findFirstOrThrow({ where: { kind: "AE" }, orderBy: { id: "asc" }, select: { id: true } });
  teamReport = await buildReport(client, admin, { period, teamId: team.id });
}, 120_000);

afterAll(async () => {
  await client?.$disconnect();
  await database?.drop();
});

describe("npm run report: JSON shape", () => {
  it("has the documented top-level sections", () => {
    expect(Object.keys(report).sort()).toEqual(["activities", "coaching", "insights", "leads", "openPipeline", "period", "reps", "scope", "stages", "teams", "total"]);
    expect(report.period).toEqual({ start: "2024-01-01", end: "2025-01-01", timeZone });
    expect(report.scope).toEqual({ team: null });
  });

  it("gives totals, teams and reps the same deal figures, money as numbers and fractions 0–1 or null", () => {
    expect(Object.keys(report.total).sort()).toEqual([...DEAL_KEYS, "pipelineCoverage", "salesVelocityPerDay"].sort());
    for (const team of report.teams) expect(Object.keys(team).sort()).toEqual([...DEAL_KEYS, "manager", "name"].sort());
    for (const rep of report.reps) expect(Object.keys(rep).sort()).toEqual([...DEAL_KEYS, "name", "team"].sort());
    for (const row of [report.total, ...report.teams, ...report.reps]) {
      expect(typeof row.revenue).toBe("number");
      for (const key of FRACTIONS) {
        const value = row[key];
        expect(value === null || (value >= 0 && value <= 1), `${key} = ${value}`).toBe(true);
      }
    }
  });

  it("writes null, not 0, where a figure is undefined", () => {
    const idle = report.reps.find((rep) => rep.won + rep.lost === 0);
    expect(idle, "an SDR closes no deals").toBeDefined();
    expect([idle!.winRate, idle!.avgDealSize, idle!.avgCycleDays]).toEqual([null, null, null]);
  });

  it("adds up: the total is the sum of the reps, and matches the engine", async () => {
    expect(report.total.won).toBe(report.reps.reduce((sum, rep) => sum + rep.won, 0));
    expect(report.total.revenue).toBeCloseTo(report.reps.reduce((sum, rep) => sum + rep.revenue, 0), 2);
    const engine = await queryDealMetrics(client, admin, { period: periodOf({ kind: "year", year: 2024 }, timeZone) });
    expect(report.total.won).toBe(engine.total.current.won);
    expect(report.total.revenue).toBe(Number(engine.total.current.revenue));
    expect(report.total.winRate).toBeCloseTo(engine.total.current.winRate ?? NaN, 4);
  });

  it("lists open pipeline, stages, leads, activities and coaching in their shapes", () => {
    expect(report.openPipeline.length).toBeGreaterThan(0);
    for (const row of report.openPipeline) expect(Object.keys(row).sort()).toEqual(["amount", "count", "pipeline", "stage"]);
    expect(report.stages.length).toBeGreaterThan(0);
    for (const stage of report.stages) expect(stage.advanced + stage.lost + stage.still).toBe(stage.entered);
    expect(Object.keys(report.leads).sort()).toEqual(["bySource", "closeRate", "converted", "created", "firstMeetings", "handedOver", "leadToOpportunity", "wonDeals"]);
    expect(Object.keys(report.activities.byType).sort()).toEqual(["CALL", "EMAIL", "MEETING", "SOCIAL"]);
    expect(Object.keys(report.coaching).sort()).toEqual(["commitmentsKept", "kept", "meanHoursPerMonth", "missed", "repMonthsAtTarget", "targetHoursPerMonth"]);
    for (const insight of report.insights) {
      expect(Object.keys(insight).sort()).toEqual(["code", "message", "rep", "section", "stage"]);
      expect(insight.message.length).toBeGreaterThan(0);
    }
  });

  it("narrows to one team by --team: its name in scope, only its reps", () => {
    expect(teamReport.teams).toHaveLength(1);
    expect(teamReport.scope.team).toBe(teamReport.teams[0]!.name);
    expect(teamReport.reps.every((rep) => rep.team === teamReport.scope.team)).toBe(true);
    expect(teamReport.total.won).toBe(teamReport.teams[0]!.won);
  });

  it("as CSV: a header and one line for the total, each team and each rep", () => {
    const lines = reportCsv(report).trimEnd().split("\r\n");
    expect(lines[0]).toBe(["level", "name", "team", "periodStart", "periodEnd", ...[
      "won", "lost", "winRate", "revenue", "avgDealSize", "avgCycleDays", "medianCycleDays", "pipelineCreated", "pipelineCreatedAmount",
      "quota", "quotaAttainment", "repsAtQuota", "expansionWon", "expansionRevenue", "churnedRenewals", "churnedAmount", "churnRate",
    ]].join(","));
    expect(lines).toHaveLength(2 + report.teams.length + report.reps.length);
  });
});
