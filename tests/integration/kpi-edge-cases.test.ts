// The edge cases KPI.md names, pinned on a hand-made organisation (the property test covers the rest).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintViewer } from "@/lib/auth/viewer";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { periodOf } from "@/lib/kpi/period";
import { queryDealMetrics } from "@/lib/kpi/query-deal-metrics";
import { queryLeadMetrics } from "@/lib/kpi/query-lead-metrics";
import { queryLostReasons } from "@/lib/kpi/query-lost-reasons";
import { queryMonthlyTrends } from "@/lib/kpi/query-monthly-trends";
import { queryPipelineCoverage } from "@/lib/kpi/query-pipeline-coverage";
import { queryOpenPipeline } from "@/lib/kpi/query-open-pipeline";
import { queryStageMetrics, type StageFigures } from "@/lib/kpi/query-stage-metrics";
import { insertOrgs } from "../support/kpi-reference/insert-orgs";
import type { RefDeal, RefOrg } from "../support/kpi-reference/org";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";
import { newBusinessPipeline, refDeal, stageHistory } from "./support/hand-made-org";

const ORG = 1;
const [TEAM_A, TEAM_B] = [11, 12];
const [ANNA, BORIS, CARL] = [21, 22, 23];
const PIPELINE = 31;
const [S1, S2, S3, WON, LOST] = [41, 42, 43, 44, 45];
const TZ = "Europe/Berlin";

/** Anna's deal unless `fields` say otherwise. */
const deal = (id: number, fields: Partial<RefDeal> & Pick<RefDeal, "history" | "createdAt">): RefDeal =>
  refDeal(id, { pipelineId: PIPELINE, ownerId: ANNA, ...fields });

const org: RefOrg = {
  id: ORG,
  name: "Edge cases",
  timeZone: TZ,
  teams: [
    { id: TEAM_A, name: "A" },
    { id: TEAM_B, name: "B (empty)" },
  ],
  reps: [
    { id: ANNA, teamId: TEAM_A, name: "Anna", active: true },
    { id: BORIS, teamId: TEAM_A, name: "Boris", active: true },
    { id: CARL, teamId: null, name: "Carl", active: true },
  ],
  pipelines: [newBusinessPipeline(PIPELINE, { open: [S1, S2, S3], won: WON, lost: LOST })],
  deals: [
    // Jumps S1 → S3 and stays there.
    deal(101, { createdAt: new Date("2025-02-03T09:00:00Z"), history: stageHistory([S1, "2025-02-03T09:00:00Z"], [S3, "2025-02-10T09:00:00Z"]) }),
    // Goes S1 → S2 and back to S1.
    deal(102, { createdAt: new Date("2025-02-04T09:00:00Z"), history: stageHistory([S1, "2025-02-04T09:00:00Z"], [S2, "2025-02-05T09:00:00Z"], [S1, "2025-02-06T09:00:00Z"]) }),
    // Created and won the same day; Boris closed it although Anna owns it now.
    deal(103, {
      createdAt: new Date("2025-02-05T08:00:00Z"),
      history: stageHistory([S1, "2025-02-05T08:00:00Z"], [WON, "2025-02-05T16:00:00Z"]),
      closedAt: new Date("2025-02-05T16:00:00Z"),
      status: "WON",
      closedOwnerId: BORIS,
      amountCents: 250_050n,
      leadId: 301,
    }),
    // Lost from S2 without a reason: "unknown".
    deal(104, {
      createdAt: new Date("2025-02-06T09:00:00Z"),
      history: stageHistory([S1, "2025-02-06T09:00:00Z"], [S2, "2025-02-07T09:00:00Z"], [LOST, "2025-02-20T09:00:00Z"]),
      closedAt: new Date("2025-02-20T09:00:00Z"),
      status: "LOST",
      closedOwnerId: ANNA,
    }),
    // Created 00:30 Berlin on Mar 2 (Mar 1 in UTC), won 23:59 Berlin on Mar 3: 1 calendar day in Berlin.
    deal(105, {
      createdAt: new Date("2025-03-01T23:30:00Z"),
      history: stageHistory([S1, "2025-03-01T23:30:00Z"], [S2, "2025-03-02T10:00:00Z"], [WON, "2025-03-03T22:59:00Z"]),
      closedAt: new Date("2025-03-03T22:59:00Z"),
      status: "WON",
      closedOwnerId: ANNA,
      amountCents: null,
    }),
    // Carl (no team) wins one, entirely before the quarter.
    deal(106, {
      ownerId: CARL,
      createdAt: new Date("2024-11-01T09:00:00Z"),
      history: stageHistory([S1, "2024-11-01T09:00:00Z"], [WON, "2024-12-01T09:00:00Z"]),
      closedAt: new Date("2024-12-01T09:00:00Z"),
      status: "WON",
      closedOwnerId: CARL,
    }),
  ],
  leads: [
    { id: 301, source: "OUTBOUND", createdAt: new Date("2025-01-20T09:00:00Z"), handedOverAt: new Date("2025-02-01T09:00:00Z"), sdrId: BORIS, aeId: ANNA },
    // Nobody's lead: only the whole organisation counts it.
    { id: 302, source: "INBOUND", createdAt: new Date("2025-01-10T09:00:00Z"), handedOverAt: new Date("2025-01-15T09:00:00Z"), sdrId: null, aeId: null },
    { id: 303, source: "INBOUND", createdAt: new Date("2025-02-01T09:00:00Z"), handedOverAt: null, sdrId: ANNA, aeId: null },
  ],
  quotas: [
    { id: 201, repId: ANNA, periodStart: "2025-01-01", periodEnd: "2025-03-31", amountCents: 100_000n },
    { id: 202, repId: BORIS, periodStart: "2025-01-01", periodEnd: "2025-03-31", amountCents: 500_000n },
    // Reaches past the quarter: not inside it, so it does not count.
    { id: 203, repId: ANNA, periodStart: "2025-03-01", periodEnd: "2025-04-30", amountCents: 900_000n },
  ],
};

const admin = mintViewer({ userId: 1, orgId: ORG, role: "ADMIN", repId: null, teamIds: [], name: "Ada", email: "ada@example.test", locale: "en" });
const boris = mintViewer({ userId: 2, orgId: ORG, role: "REP", repId: BORIS, teamIds: [TEAM_A], name: "Boris", email: "boris@example.test", locale: "en" });
const q1 = periodOf({ kind: "quarter", year: 2025, quarter: 1 }, TZ);

describe("KPI edge cases", () => {
  let database: ScratchDatabase;
  let client: PrismaClient;

  beforeAll(async () => {
    database = await createMigratedDatabase();
    await insertOrgs(database.url, [org]);
    client = createPrismaClient(database.url, { max: 2 });
  });

  afterAll(async () => {
    await client?.$disconnect();
    await database?.drop();
  });

  const stagesOf = async () => {
    const result = await queryStageMetrics(client, admin, { period: q1 });
    const pipeline = result.pipelines[0]!;
    const byName = (name: string): StageFigures => pipeline.current.stages.find((stage) => stage.name === name)!;
    return { pipeline, s1: byName("S1"), s2: byName("S2"), s3: byName("S3") };
  };

  it("counts a deal that skips a stage as advanced, not as entering it, and as skipping it", async () => {
    const { s1, s2, s3 } = await stagesOf();
    expect(s1).toMatchObject({ entered: 5, advanced: 5, lost: 0, still: 0, conversion: 1, skipped: 0 });
    // Entered by 102 (then back to S1: still, by convention), 104 (lost) and 105 (won); 101 and 103 jumped over it.
    expect(s2).toMatchObject({ entered: 3, advanced: 1, lost: 1, still: 1, skipped: 2 });
    // 103 jumped S1 → WON and 105 S2 → WON: both skip S3.
    expect(s3).toMatchObject({ entered: 1, advanced: 0, lost: 0, still: 1, skipped: 2 });
  });

  it("keeps advanced + lost + still = entered when a deal goes back", async () => {
    const { pipeline } = await stagesOf();
    for (const stage of pipeline.current.stages) expect(stage.advanced + stage.lost + stage.still).toBe(stage.entered);
  });

  it("builds the funnel of deals created in P and the time in stage in calendar days", async () => {
    const { pipeline, s1, s2 } = await stagesOf();
    expect(pipeline.current.created).toBe(5);
    const { s3 } = await stagesOf();
    expect([s1.reached, s2.reached, s3.reached]).toEqual([5, 5, 3]);
    expect(pipeline.current.won).toEqual({ reached: 2, reachedShare: 0.4 });
    // S1 stays that ended in Q1: 7, 1, 0 (same day), 1, 0 (00:30 → 11:00 the same Berlin day); the return to S1 never ended.
    expect(s1.timeInStage).toEqual({ stays: 5, meanDays: 1.8, medianDays: 1 });
  });

  it("gives undefined, not 0, where a denominator is zero", async () => {
    const empty = periodOf({ kind: "month", year: 2025, month: 6 }, TZ);
    const metrics = await queryDealMetrics(client, admin, { period: empty });
    expect(metrics.total.current).toMatchObject({
      won: 0,
      winRate: null,
      revenue: "0.00",
      avgDealSize: null,
      cycleMeanDays: null,
      cycleMedianDays: null,
      quotaAttainment: null,
      repsAtQuota: null,
      churn: { count: 0, amount: "0.00", rate: null },
    });
    const stages = await queryStageMetrics(client, admin, { period: empty });
    expect(stages.pipelines[0]!.current.stages[0]).toMatchObject({ entered: 0, conversion: null, reachedShare: null });
    expect(stages.pipelines[0]!.current.won.reachedShare).toBeNull();
  });

  it("attributes a deal to the rep who closed it and counts cycles in the organisation's days", async () => {
    const metrics = await queryDealMetrics(client, admin, { period: q1 });
    expect(metrics.total.current).toMatchObject({ won: 2, lost: 1, winRate: 2 / 3, revenue: "2500.50", avgDealSize: "1250.25" });
    // Same-day close: 0 days; Mar 2 → Mar 3 in Berlin: 1 day (2 in UTC).
    expect(metrics.total.current).toMatchObject({ cycleMeanDays: 0.5, cycleMedianDays: 0.5 });
    const anna = metrics.reps.find((rep) => rep.repId === ANNA)!;
    const borisRow = metrics.reps.find((rep) => rep.repId === BORIS)!;
    expect(borisRow.current).toMatchObject({ won: 1, revenue: "2500.50", quota: "5000.00", quotaAttainment: 0.5001, repsAtQuota: 0 });
    expect(anna.current).toMatchObject({ won: 1, lost: 1, revenue: "0.00", quota: "1000.00", quotaAttainment: 0 });
    expect(metrics.total.current).toMatchObject({ quota: "6000.00", repsAtQuota: 0 });
    expect(metrics.total.previous).toMatchObject({ won: 1, revenue: "1000.00" });
  });

  it("gives a rep their team's totals but only their own row", async () => {
    const metrics = await queryDealMetrics(client, boris, { period: q1 });
    expect(metrics.reps.map((rep) => rep.repId)).toEqual([BORIS]);
    expect(metrics.total.current).toMatchObject({ won: 2, lost: 1 });
    const empty = await queryDealMetrics(client, admin, { period: q1, filter: { teamIds: [TEAM_B] } });
    expect(empty.reps).toEqual([]);
    expect(empty.total.current.won).toBe(0);
  });

  it("reads the open pipeline at D from the stage each deal was in just before D", async () => {
    const open = await queryOpenPipeline(client, admin, { at: new Date("2025-02-05T12:00:00Z") });
    expect(open).toEqual([
      // 101 (in S3 only from Feb 10) and 103 (won at 16:00 that day).
      { pipelineId: PIPELINE, stageId: S1, count: 2, amount: "3500.50" },
      { pipelineId: PIPELINE, stageId: S2, count: 1, amount: "1000.00" },
    ]);
    // A deal closing exactly at D was not closed before D: still open then.
    const atClose = await queryOpenPipeline(client, admin, { at: new Date("2025-02-20T09:00:00Z") });
    expect(atClose.find((row) => row.stageId === S2)).toEqual({ pipelineId: PIPELINE, stageId: S2, count: 1, amount: "1000.00" });
  });

  it("lists lost deals by the stage they were lost from, with an unknown reason when none was given", async () => {
    const lost = await queryLostReasons(client, admin, { period: q1 });
    expect(lost.current).toEqual([{ pipelineId: PIPELINE, fromStageId: S2, reason: "unknown", count: 1, amount: "1000.00" }]);
    expect(lost.previous).toEqual([]);
  });

  it("follows handed-over leads to opportunities, first meetings and wins", async () => {
    const all = await queryLeadMetrics(client, admin, { period: q1 });
    expect(all.total.current).toEqual({
      created: 3,
      createdBySource: { INBOUND: 2, OUTBOUND: 1, REFERRAL: 0, EVENT: 0, PARTNER: 0, OTHER: 0 },
      handedOver: 2,
      converted: 1,
      leadToOpportunity: 0.5,
      // No stage is marked as the first meeting, so it is S1; the deal jumped S1 → WON.
      firstMeetings: 1,
      wonDeals: 1,
      closeRate: 0.5,
      // The one deal from them was won: none is still open.
      openDeals: 0,
    });
    const team = await queryLeadMetrics(client, admin, { period: q1, filter: { teamIds: [TEAM_A] } });
    expect(team.total.current).toMatchObject({ created: 2, handedOver: 1, converted: 1, leadToOpportunity: 1, closeRate: 1 });
    expect(team.reps.find((rep) => rep.repId === BORIS)!.current).toMatchObject({ created: 1, handedOver: 1, wonDeals: 1 });
    expect(all.total.previous).toMatchObject({ created: 0, handedOver: 0, leadToOpportunity: null, closeRate: null });
  });

  it("shows each month of P, with an undefined win rate in a month without closed deals", async () => {
    expect(await queryMonthlyTrends(client, admin, { period: q1 })).toEqual([
      { month: "2025-01", won: 0, lost: 0, winRate: null, revenue: "0.00" },
      { month: "2025-02", won: 1, lost: 1, winRate: 0.5, revenue: "2500.50" },
      // Won at 23:59 on Mar 3 in Berlin (22:59 UTC).
      { month: "2025-03", won: 1, lost: 0, winRate: 1, revenue: "0.00" },
    ]);
  });

  it("leaves coverage undefined when the next period has no quota inside it", async () => {
    const coverage = await queryPipelineCoverage(client, admin, { period: q1 });
    // Anna's Mar–Apr quota reaches into Q2 but does not lie inside it.
    expect(coverage.current).toMatchObject({ next: { startDate: "2025-04-01", endDate: "2025-07-01" }, quota: "0.00", coverage: null });
    expect(coverage.previous).toMatchObject({ next: { startDate: "2025-01-01", endDate: "2025-04-01" }, quota: "6000.00", openDeals: 0, coverage: 0 });
  });
});
