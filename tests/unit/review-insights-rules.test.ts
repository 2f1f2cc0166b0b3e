// Each insight rule (HANDOFF_BOTTLENECK: kpi-insights.test.ts) at its KPI.md threshold, just past it, and below its minimum sample (silent).
import { describe, expect, it } from "vitest";
import type { ActivityMetrics } from "@/lib/kpi/query-activity-metrics";
import type { CoachingFigures, CoachingMetrics } from "@/lib/kpi/query-coaching-metrics";
import type { DealMetrics } from "@/lib/kpi/query-deal-metrics";
import type { ForecastFigures } from "@/lib/kpi/query-forecast-accuracy";
import type { LeadMetrics } from "@/lib/kpi/query-lead-metrics";
import type { QualificationFigures } from "@/lib/kpi/query-qualification";
import type { PipelineStageMetrics, StageFigures } from "@/lib/kpi/query-stage-metrics";
import { coachingBelowTarget } from "@/lib/review/insights/coaching-below-target";
import { commitmentsSlipping } from "@/lib/review/insights/commitments-slipping";
import { forecastBias } from "@/lib/review/insights/forecast-bias";
import { lowActivity } from "@/lib/review/insights/low-activity";
import { lowEffectiveness } from "@/lib/review/insights/low-effectiveness";
import { MAX_LISTED_DEALS, qualificationGaps } from "@/lib/review/insights/qualification-gaps";
import { quotaMissConcentration } from "@/lib/review/insights/quota-miss-concentration";
import { stageDrops } from "@/lib/review/insights/stage-drop";
import { stalledStages } from "@/lib/review/insights/stalled-stage";

// ---- builders: only the fields the rules read carry meaning -------------------------------------------------------

interface StageCase {
  id: number;
  entered?: number;
  advanced?: number;
  stays?: number;
  medianDays?: number | null;
}

const stage = ({ id, entered = 0, advanced = 0, stays = 0, medianDays = null }: StageCase): StageFigures => ({
  stageId: id,
  name: `Stage ${id}`,
  entered,
  advanced,
  lost: 0,
  still: entered - advanced,
  conversion: entered === 0 ? null : advanced / entered,
  skipped: 0,
  reached: 0,
  reachedShare: null,
  timeInStage: { stays, meanDays: medianDays, medianDays },
});

const pipeline = (current: StageCase[], previous: StageCase[] = current): PipelineStageMetrics => ({
  pipelineId: 1,
  name: "New business",
  current: { created: 0, stillOpen: 0, stages: current.map(stage), won: { reached: 0, reachedShare: null } },
  previous: { created: 0, stillOpen: 0, stages: previous.map(stage), won: { reached: 0, reachedShare: null } },
});

interface RepActivity {
  id: number;
  perDay: number;
  response?: number;
  teamId?: number;
}

function activities(reps: RepActivity[]): ActivityMetrics {
  return {
    reps: reps.map((r) => ({
      repId: r.id,
      name: `Rep ${r.id}`,
      teamId: r.teamId ?? 1,
      current: { count: 0, responded: 0, responseRate: r.response ?? 0.2, perWorkingDay: r.perDay, byType: {} },
      previous: { count: 0, responded: 0, responseRate: null, perWorkingDay: null, byType: {} },
    })),
  } as unknown as ActivityMetrics;
}

const leadMetrics = (conversions: Record<number, number> = {}) =>
  ({
    reps: Object.entries(conversions).map(([id, leadToOpportunity]) => ({ repId: Number(id), current: { leadToOpportunity } })),
  }) as unknown as LeadMetrics;

const MONTHS = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, "0")}`);

function coaching(minutesPerRep: number[], targetMinutes = 180): CoachingMetrics {
  // Each rep's minutes spread over the year: all in January, so the rule must average over every month.
  const reps = minutesPerRep.map((minutes, i) => ({
    repId: i + 1,
    name: `Rep ${i + 1}`,
    teamId: 1,
    months: MONTHS.map((month, m) => ({ month, minutes: m === 0 ? minutes : 0 })),
    monthsAtTarget: 0,
    meanHoursPerMonth: minutes / 60 / 12,
    kept: 0,
    missed: 0,
    commitmentsKept: null,
  }));
  const total = {
    months: MONTHS.map((month, m) => ({ month, minutes: m === 0 ? minutesPerRep.reduce((a, b) => a + b, 0) : 0 })),
    monthsAtTarget: 0,
    meanHoursPerMonth: 0,
    kept: 0,
    missed: 0,
    commitmentsKept: null,
  };
  return { targetMinutes, reps, total } as unknown as CoachingMetrics;
}

const commitments = (kept: number, missed: number) => ({ kept, missed }) as CoachingFigures;

const forecast = (months: Array<[forecast: string | null, actual: string]>): ForecastFigures => ({
  months: months.map(([f, actual], i) => ({ month: MONTHS[i]!, hasSnapshot: f !== null, forecast: f, actual, accuracy: null })),
  meanAccuracy: null,
  bias: null,
});

const qualification = (openDeals: number, qualified: number): QualificationFigures => ({
  openDeals,
  qualified,
  compliance: openDeals === 0 ? null : qualified / openDeals,
  flags: { MISQUALIFIED: openDeals - qualified, STALE: 0, PAST_CLOSE_DATE: 0, NO_NEXT_STEP: 0, NO_AMOUNT: 0, STUCK: 0, SKIPPED_STAGE: 0 },
});

const deal = (id: number) => ({ id, name: `Deal ${id}`, rep: { id: 1, name: "Rep 1" }, stage: { id: 2, name: "Proposal" }, amount: "1000.00" });

function quotas(reps: Array<[revenue: string, quota: string]>): DealMetrics {
  return {
    reps: reps.map(([revenue, quota], i) => ({ repId: i + 1, name: `Rep ${i + 1}`, teamId: 1, current: { revenue, quota }, previous: { revenue: "0.00", quota: "0.00" } })),
  } as unknown as DealMetrics;
}

// ---- the rules -----------------------------------------------------------------------------------------------------

describe("STAGE_DROP: a stage's conversion down ≥ 5 points, 30 entries in each period", () => {
  it.each([
    ["exactly 5 points down fires", { entered: 1000, advanced: 550 }, { entered: 1000, advanced: 600 }, true],
    ["4.9 points down is silent", { entered: 1000, advanced: 551 }, { entered: 1000, advanced: 600 }, false],
    ["30 entries in each period are enough", { entered: 30, advanced: 18 }, { entered: 30, advanced: 20 }, true],
    ["29 entries in P are too few", { entered: 29, advanced: 17 }, { entered: 30, advanced: 20 }, false],
    ["29 entries in P′ are too few", { entered: 30, advanced: 18 }, { entered: 29, advanced: 20 }, false],
  ])("%s", (_, current, previous, fires) => {
    const drops = stageDrops([pipeline([{ id: 1, ...current }], [{ id: 1, ...previous }])]);
    expect(drops.length).toBe(fires ? 1 : 0);
  });

  it("names the stage that fell most in each pipeline, with both periods' numbers", () => {
    const drops = stageDrops([
      pipeline(
        [{ id: 1, entered: 100, advanced: 50 }, { id: 2, entered: 100, advanced: 40 }, { id: 3, entered: 100, advanced: 90 }],
        [{ id: 1, entered: 100, advanced: 60 }, { id: 2, entered: 100, advanced: 60 }, { id: 3, entered: 100, advanced: 80 }],
      ),
    ]);
    expect(drops).toEqual([
      {
        code: "STAGE_DROP",
        rep: null,
        stage: { id: 2, name: "Stage 2" },
        figures: {
          pipeline: { id: 1, name: "New business" },
          entered: { current: 100, previous: 100 },
          advanced: { current: 40, previous: 60 },
          conversion: { current: 0.4, previous: 0.6 },
        },
      },
    ]);
  });
});

describe("STALLED_STAGE: median days ≥ factor × the other stages' median, 20 stays", () => {
  const others = [
    { id: 1, stays: 50, medianDays: 6 },
    { id: 2, stays: 50, medianDays: 8 },
    { id: 4, stays: 50, medianDays: 10 },
  ];
  it.each([
    ["exactly twice the others' median (8) fires", { stays: 20, medianDays: 16 }, 2, true],
    ["just under twice is silent", { stays: 20, medianDays: 15.5 }, 2, false],
    ["19 stays are too few", { stays: 19, medianDays: 40 }, 2, false],
    ["the organisation's factor is the threshold: 1.5 × 8", { stays: 20, medianDays: 12 }, 1.5, true],
  ])("%s", (_, candidate, factor, fires) => {
    const stalled = stalledStages([pipeline([...others, { id: 3, ...candidate }])], factor);
    expect(stalled.map((s) => s.stage!.id)).toEqual(fires ? [3] : []);
  });

  it("leaves stages with fewer than 20 stays out of the yardstick", () => {
    // Without stage 5 (5 stays, 1 day) the others' median is 8; with it, it would be 7 and 15 would fire.
    const stalled = stalledStages([pipeline([...others, { id: 5, stays: 5, medianDays: 1 }, { id: 3, stays: 40, medianDays: 15 }])], 2);
    expect(stalled).toEqual([]);
  });

  it("carries the stage, its median and the yardstick", () => {
    const [stalled] = stalledStages([pipeline([...others, { id: 3, stays: 60, medianDays: 23 }])], 2);
    expect(stalled).toEqual({
      code: "STALLED_STAGE",
      rep: null,
      stage: { id: 3, name: "Stage 3" },
      figures: { pipeline: { id: 1, name: "New business" }, stays: 60, medianDays: 23, othersMedianDays: 8, factor: 2 },
    });
  });
});

describe("LOW_ACTIVITY: activities per working day below 60 % of the team median, teams of 3+", () => {
  it.each([
    ["exactly 60 % of the median is not below it", [10, 10, 6], []],
    ["just under 60 % fires", [10, 10, 5.99], [3]],
    ["a team of two has no median to speak of", [10, 3], []],
  ])("%s", (_, perDay, reps) => {
    const found = lowActivity(activities(perDay.map((p, i) => ({ id: i + 1, perDay: p }))), leadMetrics());
    expect(found.map((f) => f.rep!.id)).toEqual(reps);
  });

  it("compares each rep with their own team's median", () => {
    const found = lowActivity(
      activities([
        { id: 1, perDay: 50, teamId: 1 },
        { id: 2, perDay: 50, teamId: 1 },
        { id: 3, perDay: 45, teamId: 1 },
        { id: 4, perDay: 8, teamId: 2 },
        { id: 5, perDay: 8, teamId: 2 },
        { id: 6, perDay: 3, teamId: 2 },
      ]),
      leadMetrics(),
    );
    expect(found).toEqual([{ code: "LOW_ACTIVITY", rep: { id: 6, name: "Rep 6" }, stage: null, figures: { perWorkingDay: { rep: 3, teamMedian: 8 } } }]);
  });
});

describe("LOW_EFFECTIVENESS: as active as the median, response or conversion below 60 % of it, teams of 3+", () => {
  const team = (response: number, perDay = 10) => [
    { id: 1, perDay: 10, response: 0.5 },
    { id: 2, perDay: 10, response: 0.5 },
    { id: 3, perDay, response },
  ];
  it.each([
    ["a response rate of exactly 60 % of the median is not below it", team(0.3), []],
    ["just under fires", team(0.299), [3]],
    ["below the median activity it is not this diagnosis", team(0.1, 9.9), []],
    ["a team of two is silent", team(0.1).slice(1), []],
  ])("%s", (_, reps, found) => {
    expect(lowEffectiveness(activities(reps), leadMetrics()).map((f) => f.rep!.id)).toEqual(found);
  });

  it("also fires on lead → opportunity conversion, and says which figure was low", () => {
    const [found] = lowEffectiveness(activities(team(0.5)), leadMetrics({ 1: 0.7, 2: 0.7, 3: 0.4 }));
    expect(found?.figures).toEqual({
      perWorkingDay: { rep: 10, teamMedian: 10 },
      responseRate: { rep: 0.5, teamMedian: 0.5 },
      leadToOpportunity: { rep: 0.4, teamMedian: 0.7 },
      below: ["leadToOpportunity"],
    });
  });
});

describe("COACHING_BELOW_TARGET: mean hours per month under the organisation's target", () => {
  it.each([
    ["exactly the target (180 min × 12 months) is not below it", [2160], []],
    ["a minute less is", [2159], [1]],
  ])("%s", (_, minutes, listed) => {
    expect(coachingBelowTarget(coaching([...minutes, 5000]))?.figures.reps.map((r) => r.id) ?? []).toEqual(listed);
  });

  it("is silent when no coaching is recorded at all", () => {
    expect(coachingBelowTarget(coaching([0, 0, 0]))).toBeNull();
  });

  it("averages over the months given (those already over while the year runs), lowest first", () => {
    const found = coachingBelowTarget(coaching([170, 100, 400]), ["2025-01"]);
    expect(found?.figures).toEqual({
      targetHours: 3,
      months: 1,
      reps: [
        { id: 2, name: "Rep 2", hoursPerMonth: 100 / 60 },
        { id: 1, name: "Rep 1", hoursPerMonth: 170 / 60 },
      ],
    });
  });
});

describe("COMMITMENTS_SLIPPING: kept < 60 %, or down ≥ 10 points, 10 due", () => {
  it.each([
    ["exactly 60 % kept is silent", commitments(6, 4), commitments(6, 4), null],
    ["5 of 10 kept fires", commitments(5, 5), commitments(6, 4), "BELOW_FLOOR"],
    ["9 due are too few", commitments(4, 5), commitments(6, 4), null],
    ["exactly 10 points down fires", commitments(70, 30), commitments(80, 20), "FELL"],
    ["9 points down is silent", commitments(71, 29), commitments(80, 20), null],
    ["a fall needs 10 due in P′ too", commitments(70, 30), commitments(8, 1), null],
  ])("%s", (_, current, previous, reason) => {
    expect(commitmentsSlipping(current, previous)?.figures.reason ?? null).toBe(reason);
  });
});

describe("FORECAST_BIAS: |Σ forecast − Σ actual| ≥ 10 % of Σ actual, 3 forecast months", () => {
  it.each([
    ["exactly 10 % over fires", [["40.00", "30.00"], ["40.00", "40.00"], ["30.00", "30.00"]], "OVER"],
    ["a cent less is silent", [["39.99", "30.00"], ["40.00", "40.00"], ["30.00", "30.00"]], null],
    ["10 % under fires", [["20.00", "30.00"], ["40.00", "40.00"], ["30.00", "30.00"]], "UNDER"],
    ["two forecast months are too few", [["80.00", "30.00"], ["40.00", "40.00"], [null, "30.00"]], null],
    ["nothing won: the share is undefined", [["80.00", "0.00"], ["40.00", "0.00"], ["30.00", "0.00"]], null],
  ] as Array<[string, Array<[string | null, string]>, string | null]>)("%s", (_, months, direction) => {
    expect(forecastBias(forecast(months), "EUR")?.figures.direction ?? null).toBe(direction);
  });

  it("sums exactly, names the month that missed most in the bias's direction, and skips months not yet over", () => {
    const figures = forecast([["100.10", "50.05"], ["10.00", "90.00"], ["300.00", "100.00"], ["999.00", "0.00"]]);
    expect(forecastBias(figures, "EUR", MONTHS.slice(0, 3))?.figures).toEqual({
      currency: "EUR",
      direction: "OVER",
      forecast: "410.10",
      actual: "240.05",
      bias: "170.05",
      share: 17005 / 24005,
      months: 3,
      worstMonth: { month: "2025-03", forecast: "300.00", actual: "100.00" },
    });
  });
});

describe("QUALIFICATION_GAPS: compliance below 80 %, 10 open deals", () => {
  it.each([
    ["exactly 80 % is silent", qualification(10, 8), false],
    ["70 % fires", qualification(10, 7), true],
    ["9 open deals are too few", qualification(9, 5), false],
  ])("%s", (_, figures, fires) => {
    expect(qualificationGaps(figures, [deal(1)], new Date("2026-01-01T00:00:00Z")) !== null).toBe(fires);
  });

  it("lists the misqualified deals given, at most MAX_LISTED_DEALS", () => {
    const many = Array.from({ length: MAX_LISTED_DEALS + 5 }, (_, i) => deal(i + 1));
    const found = qualificationGaps(qualification(100, 45), many, new Date("2026-01-01T00:00:00Z"));
    expect(found?.figures.deals).toHaveLength(MAX_LISTED_DEALS);
    expect(found?.figures).toMatchObject({ at: "2026-01-01T00:00:00.000Z", openDeals: 100, qualified: 45, compliance: 0.45 });
  });
});

describe("QUOTA_MISS_CONCENTRATION: fewer than half of the reps with a quota reached it, 3 such reps", () => {
  it.each([
    ["1 of 3 fires", [["100.00", "100.00"], ["50.00", "100.00"], ["10.00", "100.00"]], true],
    ["exactly half (2 of 4) is silent", [["100.00", "100.00"], ["100.00", "100.00"], ["50.00", "100.00"], ["10.00", "100.00"]], false],
    ["a cent short of quota has not reached it: 1 of 4 fires", [["100.00", "100.00"], ["99.99", "100.00"], ["50.00", "100.00"], ["10.00", "100.00"]], true],
    ["2 reps with a quota are too few", [["0.00", "100.00"], ["0.00", "100.00"], ["500.00", "0.00"]], false],
  ] as Array<[string, Array<[string, string]>, boolean]>)("%s", (_, reps, fires) => {
    expect(quotaMissConcentration(quotas(reps)) !== null).toBe(fires);
  });

  it("names the three furthest below, lowest attainment first", () => {
    const found = quotaMissConcentration(quotas([["90.00", "100.00"], ["20.00", "100.00"], ["50.00", "100.00"], ["70.00", "100.00"], ["200.00", "100.00"]]));
    expect(found?.figures.repsAtQuota).toBe(1);
    expect(found?.figures.repsWithQuota).toBe(5);
    expect(found?.figures.furthestBelow.map((r) => [r.name, r.attainment])).toEqual([
      ["Rep 2", 0.2],
      ["Rep 3", 0.5],
      ["Rep 4", 0.7],
    ]);
  });
});
