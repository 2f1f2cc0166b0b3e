// The insights of the demo's last full year: what docs/demo-data.md plants is found, a manager's insights stay inside
// their teams, and the year report carries the same insights.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintViewer, type Viewer } from "@/lib/auth/viewer";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { AppError } from "@/lib/errors";
import { periodOf } from "@/lib/kpi/period";
import { buildReport } from "@/lib/report/build-report";
import { computeInsights } from "@/lib/review/insights/compute-insights";
import type { Insight } from "@/lib/review/insights/insight";
import { insightMessage } from "@/lib/review/insights/insight-message";
import { seedDemo } from "@/prisma/seed";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";

// docs/demo-data.md's day: 2025 is the last full year.
const TODAY = new Date("2026-11-27T12:00:00Z");
const YEAR = 2025;

let database: ScratchDatabase;
let client: PrismaClient;
let pgClient: pg.Client;
let admin: Viewer;
const teams = new Map<string, { id: number; managerId: number }>();

async function managerOf(team: string): Promise<Viewer> {
  const { id, managerId } = teams.get(team)!;
  return mintViewer({ userId: managerId, orgId: admin.orgId, role: "MANAGER", repId: null, teamIds: [id], name: "Manager", email: "m@example.test", locale: "en" });
}

const codes = (insights: Insight[]) => insights.map((insight) => insight.code);
const namesOf = (insights: Insight[], code: Insight["code"]) => insights.filter((i) => i.code === code).map((i) => i.rep?.name ?? i.stage?.name);

/** Every rep and deal an insight names, wherever in it. */
function named(insights: Insight[]): { reps: Set<number>; deals: Set<number> } {
  const reps = new Set<number>();
  const deals = new Set<number>();
  for (const insight of insights) {
    if (insight.rep) reps.add(insight.rep.id);
    if (insight.code === "COACHING_BELOW_TARGET") for (const rep of insight.figures.reps) reps.add(rep.id);
    if (insight.code === "QUOTA_MISS_CONCENTRATION") for (const rep of insight.figures.furthestBelow) reps.add(rep.id);
    if (insight.code === "QUALIFICATION_GAPS") {
      for (const deal of insight.figures.deals) {
        deals.add(deal.id);
        reps.add(deal.rep.id);
      }
    }
  }
  return { reps, deals };
}

beforeAll(async () => {
  database = await createMigratedDatabase();
  await seedDemo(database.url, { today: TODAY });
  pgClient = new pg.Client({ connectionString: database.url });
  await pgClient.connect();
  // Freshly loaded tables have no planner statistics yet (a running server's autovacuum gathers them within a minute).
  await pgClient.query("ANALYZE");
  client = createPrismaClient(database.url);
  const user = await client.user.findFirstOrThrow({ where: { role: "ADMIN" }, select: { id: true, orgId: true } });
  admin = mintViewer({ userId: user.id, orgId: user.orgId, role: "ADMIN", repId: null, teamIds: [], name: "Admin", email: "a@example.test", locale: "en" });
  for (const team of await client.team.findMany({ select: { id: true, name: true, managerId: true } })) teams.set(team.name, { id: team.id, managerId: team.managerId! });
}, 180_000);

afterAll(async () => {
  await pgClient?.end();
  await client?.$disconnect();
  await database?.drop();
});

describe(`the demo's insights for ${YEAR} (docs/demo-data.md)`, () => {
  it("Team North: LOW_ACTIVITY for exactly Theo Keller, LOW_EFFECTIVENESS for exactly Tobias Thalberg, Proposal stalls", async () => {
    const insights = await computeInsights(admin, { year: YEAR, teamId: teams.get("Team North")!.id }, client);
    expect(namesOf(insights, "LOW_ACTIVITY")).toEqual(["Theo Keller"]);
    expect(namesOf(insights, "LOW_EFFECTIVENESS")).toEqual(["Tobias Thalberg"]);
    expect(namesOf(insights, "STALLED_STAGE")).toEqual(["Proposal"]);
  });

  it("Team South: QUALIFICATION_GAPS, listing its misqualified open deals", async () => {
    const insights = await computeInsights(admin, { year: YEAR, teamId: teams.get("Team South")!.id }, client);
    const gaps = insights.find((insight) => insight.code === "QUALIFICATION_GAPS");
    expect(gaps, codes(insights).join(", ")).toBeDefined();
    if (gaps?.code !== "QUALIFICATION_GAPS") return;
    expect(gaps.figures.compliance).toBeLessThan(0.8);
    expect(gaps.figures.deals.length).toBe(gaps.figures.openDeals - gaps.figures.qualified);
  });

  it("the organisation: HANDOFF_BOTTLENECK and FORECAST_BIAS (over-forecast), Proposal the only stalling stage", async () => {
    const insights = await computeInsights(admin, { year: YEAR, teamId: null }, client);
    expect(codes(insights)).toEqual(expect.arrayContaining(["HANDOFF_BOTTLENECK", "FORECAST_BIAS"]));
    const bias = insights.find((insight) => insight.code === "FORECAST_BIAS");
    expect(bias?.code === "FORECAST_BIAS" && bias.figures.direction).toBe("OVER");
    expect(namesOf(insights, "STALLED_STAGE")).toEqual(["Proposal"]);
  });

  it("gives every insight its section, a key unique in the list and, but for coaching, a drill link", async () => {
    const insights = await computeInsights(admin, { year: YEAR, teamId: null }, client);
    expect(new Set(insights.map((i) => i.key)).size).toBe(insights.length);
    const order = ["SALES_PROCESS", "SALES_KPIS", "PIPELINE_REVIEW", "COACHING"];
    const sections = insights.map((i) => order.indexOf(i.section));
    expect(sections).toEqual([...sections].sort((a, b) => a - b));
    for (const insight of insights) {
      if (insight.section === "COACHING" && insight.rep === null) expect(insight.drill).toBeNull();
      else expect(insight.drill).toMatch(/^\/drill\/(deals|leads|activities)\?(.+&)?(year=2025|period=custom&from=2025-)/);
    }
  });

  it("computes the same insights twice over (stable keys to keep decisions against)", async () => {
    const first = await computeInsights(admin, { year: YEAR, teamId: teams.get("Team North")!.id }, client);
    const again = await computeInsights(admin, { year: YEAR, teamId: teams.get("Team North")!.id }, client);
    expect(again).toEqual(first);
  });
});

describe("a manager's insights", () => {
  it.each(["Team North", "Team South"])("never name a rep or a deal outside %s", async (team) => {
    const manager = await managerOf(team);
    const insights = await computeInsights(manager, { year: YEAR, teamId: null }, client);
    const { reps, deals } = named(insights);
    expect(reps.size, "the insights name someone").toBeGreaterThan(0);
    const { rows: own } = await pgClient.query<{ id: number }>(`SELECT id FROM rep WHERE team_id = $1`, [teams.get(team)!.id]);
    const ownIds = new Set(own.map((r) => r.id));
    expect([...reps].filter((id) => !ownIds.has(id))).toEqual([]);
    if (deals.size > 0) {
      const { rows } = await pgClient.query<{ id: number }>(
        `SELECT id FROM deal WHERE id = ANY($1) AND coalesce(closed_owner_id, owner_id) <> ALL($2)`,
        [[...deals], [...ownIds]],
      );
      expect(rows).toEqual([]);
    }
  });

  it("names the deals of Team South's gaps to its manager: the same as the admin sees for that team", async () => {
    const manager = await managerOf("Team South");
    const mine = await computeInsights(manager, { year: YEAR, teamId: null }, client);
    const admins = await computeInsights(admin, { year: YEAR, teamId: teams.get("Team South")!.id }, client);
    expect(named(mine).deals.size).toBeGreaterThan(0);
    expect(mine.map((i) => i.key)).toEqual(admins.map((i) => i.key));
    expect(named(mine)).toEqual(named(admins));
  });

  it("refuses another manager's team as NOT_FOUND", async () => {
    const manager = await managerOf("Team North");
    const error = await computeInsights(manager, { year: YEAR, teamId: teams.get("Team South")!.id }, client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("NOT_FOUND");
  });
});

describe("the year report", () => {
  it.each([null, "Team North"])("carries the insights for %s: code, section, rep and stage names, English message", async (team) => {
    const teamId = team === null ? null : teams.get(team)!.id;
    const timeZone = (await client.organization.findUniqueOrThrow({ where: { id: admin.orgId }, select: { timeZone: true } })).timeZone;
    const report = await buildReport(client, admin, { period: periodOf({ kind: "year", year: YEAR }, timeZone), teamId: teamId ?? undefined });
    const insights = await computeInsights(admin, { year: YEAR, teamId }, client);
    expect(report.insights).toEqual(
      insights.map((i) => ({ code: i.code, section: i.section, rep: i.rep?.name ?? null, stage: i.stage?.name ?? null, message: insightMessage(i, "en") })),
    );
    expect(report.insights.length).toBeGreaterThan(0);
  });
});
