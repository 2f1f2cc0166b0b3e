import { describe, expect, it } from "vitest";
import { csvLine } from "@/lib/report/csv";
import { changeOf } from "@/components/kpi/change";
import { dashboardSearch, parseDashboardQuery } from "@/lib/validation/dashboard-query";
import { parseDealDrill } from "@/lib/validation/dashboard-drill";

describe("csvLine", () => {
  it("quotes commas, quotes and line breaks, and leaves empty cells for null", () => {
    expect(csvLine(["a,b", 'say "hi"', "two\nlines", null, 3])).toBe('"a,b","say ""hi""","two\nlines",,3\r\n');
  });
  it("defuses text a spreadsheet would run as a formula, but not numbers", () => {
    expect(csvLine(["=SUM(A1)", "+1", "@x", -5])).toBe("'=SUM(A1),'+1,'@x,-5\r\n");
  });
});

describe("changeOf", () => {
  it("is undefined when either side is, or a relative change would divide by zero", () => {
    expect(changeOf(null, 1, { kind: "relative" })).toBeNull();
    expect(changeOf(5, 0, { kind: "relative" })).toBeNull();
  });
  it("reports ratios in points and says whether the move is good news", () => {
    expect(changeOf(0.25, 0.2, { kind: "points" })).toMatchObject({ direction: "up", better: true });
    expect(changeOf(0.25, 0.2, { kind: "points" })?.amount).toBeCloseTo(0.05);
    expect(changeOf(60, 50, { kind: "relative", higherIsBetter: false })).toMatchObject({ direction: "up", amount: 0.2, better: false });
  });
});

describe("dashboard URL", () => {
  const bounds = { firstYear: 2023, currentYear: 2025 };
  it("falls back part by part on bad input", () => {
    expect(parseDashboardQuery({ year: "abc", pipeline: "-1", team: "x" }, bounds)).toEqual({ spec: { kind: "year", year: 2025 }, pipelineId: undefined, teamId: undefined });
    expect(parseDashboardQuery({ period: "quarter", year: "2024", quarter: "7" }, bounds).spec).toEqual({ kind: "year", year: 2024 });
    expect(parseDashboardQuery({ period: "custom", from: "2024-02-30", to: "2024-03-01" }, bounds).spec).toEqual({ kind: "year", year: 2025 });
    expect(parseDashboardQuery({ period: "custom", from: "2024-03-10", to: "2024-03-01" }, bounds).spec).toEqual({ kind: "year", year: 2025 });
  });
  it("round-trips year, quarter and custom periods with their filters", () => {
    for (const params of [
      { year: "2024", pipeline: "3" },
      { period: "quarter", year: "2024", quarter: "2", team: "9" },
      { period: "custom", from: "2024-03-01", to: "2024-04-15" },
    ]) {
      const query = parseDashboardQuery(params, bounds);
      expect(parseDashboardQuery(Object.fromEntries(dashboardSearch(query)), bounds)).toEqual(query);
    }
  });
  it("reads drill filters with safe defaults", () => {
    expect(parseDealDrill({ basis: "nope", sort: "DROP TABLE", page: "0" })).toMatchObject({ basis: "closed", sort: "closedAt", dir: "desc", page: 1 });
  });
});
