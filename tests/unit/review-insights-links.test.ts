// Each insight's key is stable and its drill link carries what the drill pages parse; computeInsights refuses bad input.
import { describe, expect, it } from "vitest";
import { mintViewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import type { KpiSql } from "@/lib/kpi/kpi-sql";
import { computeInsights } from "@/lib/review/insights/compute-insights";
import { insightKey, type InsightFinding } from "@/lib/review/insights/insight";
import { insightDrill } from "@/lib/review/insights/insight-drill";
import { parseActivityDrill } from "@/lib/validation/activity-drill";
import { parseDealDrill, parseLeadDrill } from "@/lib/validation/dashboard-drill";
import { parseDashboardQuery } from "@/lib/validation/dashboard-query";

const scope = { spec: { kind: "year", year: 2025 } as const, teamId: 3 };
const bounds = { firstYear: 2024, currentYear: 2026 };

function open(link: string | null) {
  expect(link).not.toBeNull();
  const url = new URL(link!, "http://app.test");
  const params = Object.fromEntries(url.searchParams);
  return { page: url.pathname, params, query: parseDashboardQuery(params, bounds) };
}

const named = (id: number) => ({ id, name: `Name ${id}` });

describe("insight keys", () => {
  it("are the code plus the rep or stage the insight names", () => {
    expect(insightKey({ code: "LOW_ACTIVITY", rep: named(12), stage: null })).toBe("LOW_ACTIVITY:rep:12");
    expect(insightKey({ code: "STALLED_STAGE", rep: null, stage: named(4) })).toBe("STALLED_STAGE:stage:4");
    expect(insightKey({ code: "FORECAST_BIAS", rep: null, stage: null })).toBe("FORECAST_BIAS");
  });
});

describe("insight drill links open the rows behind the insight, in the review's period and team", () => {
  it("STALLED_STAGE: the deals that entered the stage, in its pipeline", () => {
    const finding = { code: "STALLED_STAGE", rep: null, stage: named(4), figures: { pipeline: named(1) } } as InsightFinding;
    const { page, params, query } = open(insightDrill(finding, scope));
    expect(page).toBe("/drill/deals");
    expect(query).toEqual({ spec: { kind: "year", year: 2025 }, pipelineId: 1, teamId: 3 });
    expect(parseDealDrill(params)).toMatchObject({ basis: "entered", stageId: 4 });
  });

  it("LOW_ACTIVITY: the rep's activities", () => {
    const { page, params, query } = open(insightDrill({ code: "LOW_ACTIVITY", rep: named(12), stage: null } as InsightFinding, scope));
    expect(page).toBe("/drill/activities");
    expect(query.teamId).toBe(3);
    expect(parseActivityDrill(params)).toMatchObject({ repId: 12 });
  });

  it("LOW_EFFECTIVENESS on conversion: the rep's handed-over leads", () => {
    const finding = { code: "LOW_EFFECTIVENESS", rep: named(12), stage: null, figures: { below: ["leadToOpportunity"] } } as unknown as InsightFinding;
    const { page, params } = open(insightDrill(finding, scope));
    expect(page).toBe("/drill/leads");
    expect(parseLeadDrill(params)).toMatchObject({ basis: "handedOver", repId: 12 });
  });

  it("HANDOFF_BOTTLENECK: the leads handed over in the period", () => {
    const { page, params } = open(insightDrill({ code: "HANDOFF_BOTTLENECK", rep: null, stage: null } as InsightFinding, scope));
    expect(page).toBe("/drill/leads");
    expect(parseLeadDrill(params).basis).toBe("handedOver");
  });

  it("FORECAST_BIAS: the deals won in the worst month", () => {
    const finding = { code: "FORECAST_BIAS", rep: null, stage: null, figures: { worstMonth: { month: "2024-02" } } } as unknown as InsightFinding;
    const { page, params, query } = open(insightDrill(finding, scope));
    expect(page).toBe("/drill/deals");
    expect(query.spec).toEqual({ kind: "custom", from: "2024-02-01", to: "2024-02-29" });
    expect(parseDealDrill(params)).toMatchObject({ basis: "closed", status: "WON" });
  });

  it("QUALIFICATION_GAPS and QUOTA_MISS_CONCENTRATION: open deals at the end, deals won", () => {
    expect(parseDealDrill(open(insightDrill({ code: "QUALIFICATION_GAPS", rep: null, stage: null } as InsightFinding, scope)).params).basis).toBe("openEnd");
    expect(parseDealDrill(open(insightDrill({ code: "QUOTA_MISS_CONCENTRATION", rep: null, stage: null } as InsightFinding, scope)).params)).toMatchObject({
      basis: "closed",
      status: "WON",
    });
  });

  it("coaching insights have no drill page", () => {
    expect(insightDrill({ code: "COACHING_BELOW_TARGET", rep: null, stage: null } as InsightFinding, scope)).toBeNull();
    expect(insightDrill({ code: "COMMITMENTS_SLIPPING", rep: null, stage: null } as InsightFinding, scope)).toBeNull();
  });
});

describe("computeInsights input", () => {
  const viewer = mintViewer({ userId: 1, orgId: 1, role: "ADMIN", repId: null, teamIds: [], name: "Admin", email: "a@example.test", locale: "en" });
  const untouched: KpiSql = {
    $queryRaw: (() => {
      throw new Error("the database must not be asked");
    }) as unknown as KpiSql["$queryRaw"],
  };

  it.each([
    ["year", { year: 1969, teamId: null }],
    ["year", { year: 2025.5, teamId: null }],
    ["teamId", { year: 2025, teamId: 2_147_483_648 }],
    ["teamId", { year: 2025, teamId: 0 }],
  ])("refuses a bad %s before querying anything, naming the field", async (field, input) => {
    const error = await computeInsights(viewer, input, untouched).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("INVALID");
    expect((error as AppError).message).toContain(field);
  });
});
