// Issue 16: goal validation (field errors, never half-parsed) and "on track" (docs/metrics.md, "Goals").
import { describe, expect, it } from "vitest";
import { elapsedShareOfYear, onTrack } from "@/lib/goals/on-track";
import { saveGoalSchema } from "@/lib/validation/goals";

const valid = { teamId: "3", year: "2025", goalId: "", title: "Lift the win rate", metric: "winRate", target: "30", ownerId: "7", dueAt: "2026-06-30", horizon: "SHORT_TERM", section: "SALES_KPIS" };
const issuesOf = (input: Record<string, string>) => {
  const parsed = saveGoalSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: issue.path.join("."), key: (issue as { params?: { messageKey?: string } }).params?.messageKey ?? issue.code }));
};

describe("saveGoalSchema", () => {
  it("accepts a goal of next year and types its fields", () => {
    const parsed = saveGoalSchema.parse({ ...valid, target: "30,5" });
    expect(parsed).toMatchObject({ teamId: 3, year: 2025, goalId: null, target: 30.5, ownerId: 7, section: "SALES_KPIS" });
  });

  it("refuses a rate target outside 0–100 % on the target field", () => {
    expect(issuesOf({ ...valid, target: "101" })).toEqual([{ path: "target", key: "goals.errors.rateAbove100" }]);
    expect(issuesOf({ ...valid, target: "-1" })).toEqual([{ path: "target", key: "goals.errors.targetNegative" }]);
    expect(issuesOf({ ...valid, target: "100" })).toEqual([]);
  });

  it("refuses a due date outside next year on the date field", () => {
    expect(issuesOf({ ...valid, dueAt: "2025-12-31" })).toEqual([{ path: "dueAt", key: "goals.errors.dueOutsideYear" }]);
    expect(issuesOf({ ...valid, dueAt: "2027-01-01" })).toEqual([{ path: "dueAt", key: "goals.errors.dueOutsideYear" }]);
    expect(issuesOf({ ...valid, dueAt: "2026-01-01" })).toEqual([]);
  });

  it("names every bad field at once, and bounds counts and text", () => {
    const paths = issuesOf({ ...valid, title: "", metric: "calls", target: "2.5", ownerId: "0", horizon: "SOMETIME", dueAt: "2030-01-01" }).map((issue) => issue.path);
    expect(paths.sort()).toEqual(["dueAt", "horizon", "ownerId", "target", "title"]);
    expect(issuesOf({ ...valid, metric: "notAMetric" }).map((issue) => issue.path)).toEqual(["metric"]);
    expect(issuesOf({ ...valid, title: "a\u0000b" }).map((issue) => issue.path)).toEqual(["title"]);
    expect(issuesOf({ ...valid, metric: "revenue", target: "1e13" })).toEqual([{ path: "target", key: "goals.errors.targetTooBig" }]);
  });
});

describe("onTrack", () => {
  it("expects counts and amounts to grow linearly with the elapsed share of the year", () => {
    // 120 calls a year, a quarter gone: 30 expected.
    expect(onTrack({ unit: "count", baseline: 100, target: 120, value: 30, elapsedShare: 0.25, higherIsBetter: true })).toBe(true);
    expect(onTrack({ unit: "count", baseline: 100, target: 120, value: 29, elapsedShare: 0.25, higherIsBetter: true })).toBe(false);
    // A goal to bring an amount down is on track while it stays within its share.
    expect(onTrack({ unit: "money", baseline: 1000, target: 800, value: 150, elapsedShare: 0.25, higherIsBetter: true })).toBe(true);
    expect(onTrack({ unit: "money", baseline: 1000, target: 800, value: 250, elapsedShare: 0.25, higherIsBetter: true })).toBe(false);
  });

  it("compares a rate or another level with the target itself, in the goal's direction", () => {
    expect(onTrack({ unit: "rate", baseline: 0.2, target: 0.3, value: 0.31, elapsedShare: 0.1, higherIsBetter: true })).toBe(true);
    expect(onTrack({ unit: "rate", baseline: 0.2, target: 0.3, value: 0.25, elapsedShare: 0.9, higherIsBetter: true })).toBe(false);
    expect(onTrack({ unit: "days", baseline: 60, target: 45, value: 44, elapsedShare: 0.5, higherIsBetter: false })).toBe(true);
    expect(onTrack({ unit: "days", baseline: null, target: 45, value: 50, elapsedShare: 0.5, higherIsBetter: false })).toBe(false);
  });

  it("says nothing without a value or before the year starts", () => {
    expect(onTrack({ unit: "rate", baseline: 0.2, target: 0.3, value: null, elapsedShare: 0.5, higherIsBetter: true })).toBeNull();
    expect(onTrack({ unit: "count", baseline: 1, target: 3, value: 0, elapsedShare: 0, higherIsBetter: true })).toBeNull();
  });

  it("measures the elapsed share by calendar days, the day itself counted", () => {
    expect(elapsedShareOfYear(2026, "2025-12-31")).toBe(0);
    expect(elapsedShareOfYear(2026, "2026-01-01")).toBeCloseTo(1 / 365, 10);
    expect(elapsedShareOfYear(2024, "2024-12-31")).toBe(1);
    expect(elapsedShareOfYear(2026, "2027-03-01")).toBe(1);
  });
});
