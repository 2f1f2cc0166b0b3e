// Edge cases of the qualification flags, forecast accuracy and converting touches on a hand-made organisation,
// and the demo seed's planted hand-over bottleneck firing HANDOFF_BOTTLENECK.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintViewer, type Viewer } from "@/lib/auth/viewer";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { periodOf, previousPeriod } from "@/lib/kpi/period";
import { queryConversionActivities } from "@/lib/kpi/query-conversion-activities";
import { queryDealFlags } from "@/lib/kpi/query-deal-flags";
import { queryForecastAccuracy } from "@/lib/kpi/query-forecast-accuracy";
import { queryLeadMetrics } from "@/lib/kpi/query-lead-metrics";
import { queryQualification } from "@/lib/kpi/query-qualification";
import { handoffBottleneck } from "@/lib/review/insights/handoff-bottleneck";
import { seedDemo } from "@/prisma/seed";
import { insertOrgs } from "../support/kpi-reference/insert-orgs";
import type { RefOrg } from "../support/kpi-reference/org";
import { cliAdminViewer } from "@/lib/auth/cli-admin-viewer";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";

const TZ = "Europe/Berlin";
const [ANNA, BORIS] = [21, 22];
const [S1, S2, S3, WON, LOST] = [41, 42, 43, 44, 45];
const [C1, C2] = [51, 52];
const D = new Date("2025-06-01T10:00:00Z");

const base = { pipelineId: 31, ownerId: ANNA, closedOwnerId: null, type: "NEW" as const, amountCents: 100_000n, closedAt: null, status: "OPEN" as const, lostReason: null, nextStep: "Call", expectedCloseAt: "2025-07-01" };

const org: RefOrg = {
  id: 1,
  name: "Flags",
  timeZone: TZ,
  teams: [{ id: 11, name: "A" }],
  reps: [
    { id: ANNA, teamId: 11, name: "Anna", active: true },
    { id: BORIS, teamId: 11, name: "Boris", active: true },
  ],
  pipelines: [
    {
      id: 31,
      name: "New business",
      position: 0,
      stages: [
        { id: S1, name: "S1", position: 1, kind: "OPEN", criteria: [{ id: C1, retiredAt: null }, { id: C2, retiredAt: new Date(0) }] },
        { id: S2, name: "S2", position: 2, kind: "OPEN" },
        { id: S3, name: "S3", position: 3, kind: "OPEN" },
        { id: WON, name: "Won", position: 4, kind: "WON" },
        { id: LOST, name: "Lost", position: 5, kind: "LOST" },
      ],
    },
  ],
  deals: [
    // No activity ever: STALE measured from created_at (20 days before D); S1 → S3 skips S2; C1 never answered.
    { ...base, id: 101, stageId: S3, createdAt: new Date("2025-05-12T08:00:00Z"), history: [{ id: 1, stageId: S1, at: new Date("2025-05-12T08:00:00Z") }, { id: 2, stageId: S3, at: new Date("2025-05-20T08:00:00Z") }] },
    // Qualified (C1 yes before D; inactive C2 ignored), touched yesterday, no amount, no next step, past its close date.
    {
      ...base, id: 102, stageId: S2, amountCents: null, nextStep: "  ", expectedCloseAt: "2025-05-31", leadId: 301,
      createdAt: new Date("2025-05-30T08:00:00Z"),
      history: [{ id: 3, stageId: S1, at: new Date("2025-05-30T08:00:00Z") }, { id: 4, stageId: S2, at: new Date("2025-05-30T09:00:00Z") }],
      answers: [{ criterionId: C1, answer: true, at: new Date("2025-05-30T08:30:00Z") }],
    },
    // Exactly 14 days without activity: not STALE (more than 14 days is).
    { ...base, id: 103, stageId: S1, ownerId: BORIS, createdAt: new Date("2025-05-18T08:00:00Z"), history: [{ id: 5, stageId: S1, at: new Date("2025-05-18T08:00:00Z") }] },
    // Won in the last 12 months after 2 days in S1: S1's yardstick is 2 days, so 103 (14 days in S1) is STUCK.
    {
      ...base, id: 104, status: "WON", closedAt: new Date("2025-03-05T08:00:00Z"), closedOwnerId: ANNA, stageId: WON,
      createdAt: new Date("2025-03-01T08:00:00Z"),
      history: [{ id: 6, stageId: S1, at: new Date("2025-03-01T08:00:00Z") }, { id: 7, stageId: S2, at: new Date("2025-03-03T08:00:00Z") }, { id: 8, stageId: WON, at: new Date("2025-03-05T08:00:00Z") }],
    },
  ],
  quotas: [],
  leads: [{ id: 301, source: "INBOUND", createdAt: new Date("2025-05-01T08:00:00Z"), handedOverAt: new Date("2025-05-02T08:00:00Z"), sdrId: BORIS, aeId: ANNA }],
  activities: [
    { id: 201, repId: ANNA, type: "CALL", at: new Date("2025-05-31T09:00:00Z"), responded: true, dealId: 102 },
    // On the lead, 29 and 31 days before its deal: one converting touch.
    { id: 202, repId: BORIS, type: "EMAIL", at: new Date("2025-05-01T09:00:00Z"), responded: false, leadId: 301 },
    { id: 203, repId: BORIS, type: "CALL", at: new Date("2025-04-29T07:00:00Z"), responded: false, leadId: 301 },
  ],
  snapshots: [
    // Taken before March and April; nothing before January or February.
    { id: 401, takenAt: new Date("2025-02-20T08:00:00Z"), lines: [{ repId: ANNA, month: "2025-03-01", category: "COMMIT", amountCents: 150_000n }, { repId: ANNA, month: "2025-03-01", category: "BEST_CASE", amountCents: 999_000n }] },
    // Taken at the instant March begins in Berlin: not before it.
    { id: 402, takenAt: new Date("2025-02-28T23:00:00Z"), lines: [{ repId: ANNA, month: "2025-03-01", category: "COMMIT", amountCents: 1n }] },
  ],
  staleAfterDays: 14,
  stuckFactor: 2,
};

function admin(orgId: number): Viewer {
  return mintViewer({ userId: 1, orgId, role: "ADMIN", repId: null, teamIds: [], name: "Admin", email: "a@example.test", locale: "en" });
}

describe("qualification, forecast and converting touches: edge cases", () => {
  let database: ScratchDatabase;
  let client: PrismaClient;
  beforeAll(async () => {
    database = await createMigratedDatabase();
    await insertOrgs(database.url, [org]);
    client = createPrismaClient(database.url);
  });
  afterAll(async () => {
    await client?.$disconnect();
    await database?.drop();
  });

  it("flags each open deal at D as KPI.md defines", async () => {
    const deals = await queryDealFlags(client, admin(1), { at: D, onlyFlagged: false });
    const flags = Object.fromEntries(deals.map((d) => [d.dealId, d.flags]));
    expect(flags[101]).toEqual(["MISQUALIFIED", "STALE", "SKIPPED_STAGE"]);
    expect(flags[102]).toEqual(["PAST_CLOSE_DATE", "NO_NEXT_STEP", "NO_AMOUNT"]);
    expect(flags[103]).toEqual(["STUCK"]);
    expect(deals.find((d) => d.dealId === 101)?.daysSinceActivity).toBe(20);
    expect(deals.find((d) => d.dealId === 103)?.daysSinceActivity).toBe(14);
    expect(deals.map((d) => d.dealId)).not.toContain(104);
  });

  it("counts compliance per rep and team, undefined without open deals", async () => {
    const q = await queryQualification(client, admin(1), { at: D });
    expect(q.total).toMatchObject({ openDeals: 3, qualified: 2, compliance: 2 / 3 });
    expect(q.reps.find((r) => r.repId === ANNA)).toMatchObject({ openDeals: 2, qualified: 1, compliance: 0.5 });
    const before = await queryQualification(client, admin(1), { at: new Date("2025-01-01T00:00:00Z") });
    expect(before.total.compliance).toBeNull();
    expect(before.reps.every((r) => r.openDeals === 0 && r.compliance === null)).toBe(true);
  });

  it("takes the last snapshot before the month began; a month without one has no forecast", async () => {
    const f = await queryForecastAccuracy(client, admin(1), { period: periodOf({ kind: "quarter", year: 2025, quarter: 1 }, TZ) });
    expect(f.total.months).toEqual([
      { month: "2025-01", hasSnapshot: false, forecast: null, actual: "0.00", accuracy: null },
      { month: "2025-02", hasSnapshot: false, forecast: null, actual: "0.00", accuracy: null },
      // Forecast 1,500.00 against 1,000.00 won: 1 − 500 ÷ 1,000.
      { month: "2025-03", hasSnapshot: true, forecast: "1500.00", actual: "1000.00", accuracy: 0.5 },
    ]);
    expect(f.total.meanAccuracy).toBe(0.5);
    expect(f.total.bias).toBe("500.00");
    const april = await queryForecastAccuracy(client, admin(1), { period: periodOf({ kind: "month", year: 2025, month: 4 }, TZ) });
    // A snapshot but no revenue: accuracy undefined (the actual is the denominator), bias still counted.
    expect(april.total.months[0]).toMatchObject({ hasSnapshot: true, forecast: "0.00", actual: "0.00", accuracy: null });
    expect(april.total.bias).toBe("0.00");
  });

  it("counts touches in the 30 days before the conversion and follow-up within 7 days", async () => {
    const c = await queryConversionActivities(client, admin(1), { period: periodOf({ kind: "month", year: 2025, month: 5 }, TZ) });
    expect(c.total.current).toMatchObject({ conversions: 1, dealsFromLeads: 1, followedUp: 1, followUpRate: 1, medianDaysToFirstActivity: 1 });
    expect(c.total.current.byType.EMAIL).toEqual({ touched: 1, shareTouched: 1, touches: 1, perConversion: 1 });
    expect(c.total.current.byType.CALL).toEqual({ touched: 0, shareTouched: 0, touches: 0, perConversion: 0 });
    expect(c.total.previous.touches.shareTouched).toBeNull();
  });
});

describe("HANDOFF_BOTTLENECK on the demo seed", () => {
  let database: ScratchDatabase;
  let client: PrismaClient;
  beforeAll(async () => {
    database = await createMigratedDatabase();
    await seedDemo(database.url, { today: new Date("2025-11-20T10:00:00Z") });
    client = createPrismaClient(database.url);
  }, 120_000);
  afterAll(async () => {
    await client?.$disconnect();
    await database?.drop();
  });

  // Seeded to 2025-11-20, the planted years are 2025 (to date) and 2024; 2025 to date against the whole of 2024 compares
  // 10.5 months with 12 (hand-overs +11%), so the complete planted year 2024 against 2023 is the fair test.
  it("fires for the last full year against the one before (the seed plants it)", async () => {
    const viewer = await cliAdminViewer(client);
    const { timeZone } = await client.organization.findUniqueOrThrow({ where: { id: viewer.orgId } });
    const period = periodOf({ kind: "year", year: 2024 }, timeZone);
    const leads = await queryLeadMetrics(client, viewer, { period });
    expect(leads.previousPeriod).toEqual(previousPeriod(period));
    const insight = handoffBottleneck(leads.total.current, leads.total.previous);
    expect(insight, JSON.stringify({ current: leads.total.current, previous: leads.total.previous })).not.toBeNull();
    expect(insight!.handedOver.change).toBeGreaterThanOrEqual(0.15);
    expect(insight!.firstMeetings.change).toBeLessThan(0.05);
    expect(insight!.conversion.current).toBeLessThan(insight!.conversion.previous);
  });
});
