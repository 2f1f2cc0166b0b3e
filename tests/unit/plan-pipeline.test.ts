// Issue 16: the pipeline plan's arithmetic (rounding, zero and missing figures, seasonality split).
import { describe, expect, it } from "vitest";
import { buildPipelinePlan, ceilDiv, entryMonth, largestRemainder, PlanInputError, requiredPipelineByMonth, type PlanInput } from "@/lib/plan/pipeline-plan";
import { parsePlanArgs, PlanCommandError } from "@/lib/cli/plan";

const input = (over: Partial<PlanInput> = {}): PlanInput => ({
  year: 2027,
  target: 1_000_000,
  sdrFed: true,
  monthlyRevenue: [10, 10, 10, 20, 20, 20, 30, 30, 30, 40, 40, 40],
  reps: [
    { name: "Ann", quota: 300 },
    { name: "Bob", quota: 100 },
  ],
  assumptions: { avgDealSize: 25_000, winRateFromFirstMeeting: 0.25, handOverToFirstMeeting: 0.5, cycleDays: 45 },
  ...over,
});

function issuesOf(over: Partial<PlanInput>) {
  try {
    buildPipelinePlan(input(over));
  } catch (error) {
    if (error instanceof PlanInputError) return error.issues;
    throw error;
  }
  return [];
}

describe("largestRemainder", () => {
  it("sums to the total exactly and gives leftovers to the largest remainders", () => {
    expect(largestRemainder(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(largestRemainder(10, [0.2, 0.5, 0.3])).toEqual([2, 5, 3]);
    expect(largestRemainder(7, [0, 0])).toEqual([4, 3]);
    for (const total of [1, 99, 12_345_678_901, 100_000_000_000_000]) {
      const weights = [3.3, 1.7, 0.00001, 9.1];
      expect(largestRemainder(total, weights).reduce((a, b) => a + b, 0)).toBe(total);
    }
  });
});

describe("ceilDiv", () => {
  it("rounds up, but not a quotient that is whole up to floating-point noise", () => {
    expect(ceilDiv(3, 0.3)).toBe(10);
    expect(ceilDiv(10, 3)).toBe(4);
    expect(ceilDiv(0, 0.4)).toBe(0);
    expect(ceilDiv(7, 0.7)).toBe(10);
  });
});

describe("buildPipelinePlan", () => {
  it("works back from the target per quarter with the issue's rules", () => {
    const plan = buildPipelinePlan(input());
    expect(plan.quarters.map((q) => q.revenue)).toEqual([100_000, 200_000, 300_000, 400_000]);
    expect(plan.quarters[0]).toEqual({ quarter: "2027-Q1", revenue: 100_000, deals: 4, firstMeetings: 16, handOvers: 32, enterBy: "2026-11" });
    expect(plan.quarters[2]).toMatchObject({ deals: 12, firstMeetings: 48, handOvers: 96, enterBy: "2027-05" });
    expect(plan.reps).toEqual([
      { name: "Ann", revenue: 750_000, deals: 30, firstMeetings: 120 },
      { name: "Bob", revenue: 250_000, deals: 10, firstMeetings: 40 },
    ]);
  });

  it("rounds deals, meetings and hand-overs up", () => {
    const plan = buildPipelinePlan(input({ target: 100_001, monthlyRevenue: Array(12).fill(1), assumptions: { avgDealSize: 10_000, winRateFromFirstMeeting: 0.3, handOverToFirstMeeting: 0.7, cycleDays: 0 } }));
    // 25 000.25 per quarter → 3 deals (2.500025 up), 10 meetings (3 ÷ 0.3), 15 hand-overs (14.28… up).
    expect(plan.quarters[0]).toMatchObject({ revenue: 25_000.25, deals: 3, firstMeetings: 10, handOvers: 15, enterBy: "2027-01" });
  });

  it("splits by seasonality summing to the target exactly, to the cent", () => {
    for (const target of [1, 0.01, 999_999.99, 123_456_789.07, 1e12]) {
      const plan = buildPipelinePlan(input({ target, monthlyRevenue: [3, 7, 1, 0, 0, 13, 2, 2, 2, 5, 0, 1] }));
      const cents = plan.quarters.reduce((sum, q) => sum + Math.round(q.revenue * 100), 0);
      expect(cents).toBe(Math.round(target * 100));
      expect(plan.reps.reduce((sum, r) => sum + Math.round(r.revenue * 100), 0)).toBe(Math.round(target * 100));
    }
  });

  it("splits evenly between reps without quotas", () => {
    const plan = buildPipelinePlan(input({ target: 100, reps: [{ name: "A", quota: 0 }, { name: "B", quota: 0 }, { name: "C", quota: 0 }] }));
    expect(plan.reps.map((r) => r.revenue)).toEqual([33.34, 33.33, 33.33]);
  });

  it("leaves hand-overs out when no SDR feeds the team", () => {
    const plan = buildPipelinePlan(input({ sdrFed: false, assumptions: { avgDealSize: 25_000, winRateFromFirstMeeting: 0.25, handOverToFirstMeeting: null, cycleDays: 45 } }));
    expect(plan.quarters.every((q) => q.handOvers === null)).toBe(true);
  });

  it("rejects a target of 0, negative or beyond 1e12, naming the field", () => {
    for (const target of [0, -5, 1e12 + 1, Number.NaN]) expect(issuesOf({ target }).map((i) => i.field)).toEqual(["target"]);
  });

  it("asks for a conversion that is zero or missing instead of dividing by zero", () => {
    const issues = issuesOf({ assumptions: { avgDealSize: 25_000, winRateFromFirstMeeting: 0, handOverToFirstMeeting: null, cycleDays: null } });
    expect(issues.map((i) => [i.field, i.code])).toEqual([
      ["winRateFromFirstMeeting", "missing"],
      ["handOverToFirstMeeting", "missing"],
      ["cycleDays", "missing"],
    ]);
    expect(issues[0]?.message).toMatch(/win rate from the first meeting is missing/);
  });

  it("asks for the assumptions when the team won nothing this year", () => {
    const issues = issuesOf({ monthlyRevenue: Array(12).fill(0), assumptions: { avgDealSize: null, winRateFromFirstMeeting: null, handOverToFirstMeeting: null, cycleDays: null } });
    expect(issues.map((i) => i.code)).toEqual(["noWonDeals", "noWonDeals", "noWonDeals", "noWonDeals"]);
    expect(issues[0]?.message).toMatch(/won no deals this year/);
  });

  it("computes from given assumptions when the team won nothing, with an even seasonality", () => {
    const plan = buildPipelinePlan(input({ target: 400, monthlyRevenue: Array(12).fill(0) }));
    expect(plan.quarters.map((q) => q.revenue)).toEqual([100, 100, 100, 100]);
  });

  it("rejects rates outside 0–100 %", () => {
    expect(issuesOf({ assumptions: { avgDealSize: 1, winRateFromFirstMeeting: 1.5, handOverToFirstMeeting: -0.1, cycleDays: -1 } }).map((i) => [i.field, i.code])).toEqual([
      ["winRateFromFirstMeeting", "range"],
      ["handOverToFirstMeeting", "range"],
      ["cycleDays", "range"],
    ]);
  });
});

describe("entryMonth and requiredPipelineByMonth", () => {
  it("subtracts the cycle from the quarter's start", () => {
    expect(entryMonth(2027, 0, 0)).toBe("2027-01");
    expect(entryMonth(2027, 0, 1)).toBe("2026-12");
    expect(entryMonth(2027, 1, 31)).toBe("2027-03");
    expect(entryMonth(2027, 3, 92.4)).toBe("2027-06");
  });

  it("spreads each quarter's first meetings × deal size over three months from its entry month", () => {
    const plan = buildPipelinePlan(input());
    const months = requiredPipelineByMonth(plan);
    // Q1: 16 × 25 000 = 400 000 over Nov, Dec, Jan: 133 333.34 + 133 333.33 + 133 333.33.
    expect(months.slice(0, 2)).toEqual([{ month: "2026-11", amount: 133_333.34 }, { month: "2026-12", amount: 133_333.33 }]);
    const total = months.reduce((sum, m) => sum + Math.round(m.amount * 100), 0);
    expect(total).toBe(plan.quarters.reduce((sum, q) => sum + q.firstMeetings * 25_000 * 100, 0));
    expect(months.at(-1)?.month).toBe("2027-12");
  });
});

describe("npm run plan arguments", () => {
  it("validates and names the flag", () => {
    expect(parsePlanArgs(["--year", "2027", "--team", "Team North", "--target", "1200000"])).toMatchObject({ year: 2027, team: "Team North", target: 1_200_000, format: "json" });
    for (const [argv, message] of [
      [["--year", "2027", "--team", "T", "--target", "0"], "--target must be more than 0"],
      [["--year", "2027", "--team", "T", "--target", "-1"], "--target must be more than 0"],
      [["--year", "2027", "--team", "T", "--target", "2000000000000"], "--target must be at most"],
      [["--year", "2027", "--team", "T", "--target", "abc"], "--target must be an amount"],
      [["--year", "27", "--team", "T", "--target", "1"], "--year"],
      [["--team", "T", "--target", "1"], "--year is required"],
      [["--year", "2027", "--team", "T", "--target", "1", "--win-rate", "1.5"], "--win-rate is a fraction"],
      [["--year", "2027", "--team", "T", "--target", "1", "--bogus", "1"], "unknown option --bogus"],
      [["--year", "2027", "--team", "T", "--target", "1", "--format", "csv"], "--format must be json"],
    ] as const) {
      expect(() => parsePlanArgs([...argv]), message).toThrow(PlanCommandError);
      expect(() => parsePlanArgs([...argv])).toThrow(message);
    }
  });
});
