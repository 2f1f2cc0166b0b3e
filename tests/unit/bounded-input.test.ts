// Hostile query and form values: ids past int4, NUL bytes, years PostgreSQL or Date cannot take. Pages drop such a
// filter as they drop any bad one; exports and forms refuse it, naming the field.
import { describe, expect, it } from "vitest";
import { activityExportQuery, parseActivityDrill } from "@/lib/validation/activity-drill";
import { userListQuerySchema, auditQuerySchema } from "@/lib/validation/admin-query";
import { createTeamSchema } from "@/lib/validation/admin-team";
import { createUserSchema } from "@/lib/validation/admin-user";
import { boundedDate, idParam, safeText } from "@/lib/validation/bounded";
import { dealExportQuery, leadExportQuery, parseDealDrill, parseLeadDrill } from "@/lib/validation/dashboard-drill";
import { parseDashboardQuery, reportExportQuery } from "@/lib/validation/dashboard-query";
import { updateDealNextStepSchema } from "@/lib/validation/deal-edit";
import { importPresetSaveSchema } from "@/lib/validation/import-ui-requests";

const BEYOND_INT4 = "2147483648";
const HUGE = "99999999999";
const NUL = "Price\u0000";

describe("bounded primitives", () => {
  it.each([
    ["1", true],
    ["2147483647", true],
    [BEYOND_INT4, false],
    [HUGE, false],
    ["0", false],
    ["-3", false],
    ["1.5", false],
    ["1e12", false],
  ])("idParam %s → %s", (value, ok) => {
    expect(idParam.safeParse(value).success).toBe(ok);
  });

  it.each([
    ["1970-01-01", true],
    ["2025-02-28", true],
    ["2100-12-31", true],
    ["0000-01-01", false],
    ["0001-01-01", false],
    ["0099-12-31", false],
    ["1969-12-31", false],
    ["2101-01-01", false],
    ["9999-12-31", false],
    ["2025-02-30", false],
    ["2025-1-5", false],
  ])("boundedDate %s → %s", (value, ok) => {
    expect(boundedDate.safeParse(value).success).toBe(ok);
  });

  it("safeText refuses NUL and overlong text, and trims only when asked", () => {
    expect(safeText(5).safeParse(NUL.slice(-2)).success).toBe(false);
    expect(safeText(5).safeParse("123456").success).toBe(false);
    expect(safeText(5).parse(" a ")).toBe(" a ");
    expect(safeText(5, { trim: true }).parse(" a ")).toBe("a");
  });
});

describe("drill pages drop a hostile filter instead of passing it to the query", () => {
  it.each([
    ["rep", HUGE, "repId"],
    ["stage", BEYOND_INT4, "stageId"],
    ["lostFrom", HUGE, "lostFromStageId"],
    ["reason", NUL, "lostReason"],
  ] as const)("deals: %s=%j", (param, value, field) => {
    expect(parseDealDrill({ [param]: value })[field]).toBeUndefined();
  });

  it("leads and activities: an id past int4 is dropped", () => {
    expect(parseLeadDrill({ rep: HUGE }).repId).toBeUndefined();
    expect(parseActivityDrill({ rep: HUGE, deal: BEYOND_INT4, lead: HUGE })).toMatchObject({ repId: undefined, dealId: undefined, leadId: undefined });
  });

  it.each([
    ["0001-01-01", "0001-12-31"],
    ["0099-01-01", "0099-06-30"],
    ["9999-12-01", "9999-12-31"],
  ])("a custom period %s – %s falls back to the current year", (from, to) => {
    expect(parseDashboardQuery({ period: "custom", from, to }, { firstYear: 2023, currentYear: 2025 }).spec).toEqual({ kind: "year", year: 2025 });
  });

  it("a team or pipeline id past int4 falls back to all", () => {
    expect(parseDashboardQuery({ team: HUGE, pipeline: BEYOND_INT4 }, { firstYear: 2023, currentYear: 2025 })).toMatchObject({ teamId: undefined, pipelineId: undefined });
  });

  it("admin lists drop a NUL search and dates out of range", () => {
    expect(userListQuerySchema.parse({ q: NUL }).q).toBeUndefined();
    expect(auditQuerySchema.parse({ entity: NUL, from: "0001-01-01", to: "9999-12-31", actor: HUGE })).toMatchObject({ entity: undefined, from: undefined, to: undefined, actor: undefined });
  });
});

/** The fields a refused input names. */
function refusedFields(result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[] }> } }): string[] {
  expect(result.success).toBe(false);
  return [...new Set(result.error!.issues.map((issue) => String(issue.path[0])))];
}

describe("exports refuse a hostile value, naming the field", () => {
  it.each([
    [{ rep: HUGE }, "rep"],
    [{ stage: BEYOND_INT4 }, "stage"],
    [{ lostFrom: HUGE }, "lostFrom"],
    [{ reason: NUL }, "reason"],
    [{ team: HUGE }, "team"],
    [{ period: "custom", from: "0001-01-01", to: "0001-12-31" }, "from"],
    [{ period: "custom", from: "2025-01-01", to: "9999-12-31" }, "to"],
    [{ period: "custom", from: "2025-03-01", to: "2025-02-01" }, "to"],
    [{ period: "custom", from: "2025-03-01" }, "to"],
    [{ year: "9999" }, "year"],
    [{ rep: ["1", "2"] }, "rep"],
  ])("deals %j → %s", (query, field) => {
    expect(refusedFields(dealExportQuery.safeParse(query))).toContain(field);
  });

  it("leads, activities and the report refuse the same values", () => {
    expect(refusedFields(leadExportQuery.safeParse({ rep: HUGE }))).toEqual(["rep"]);
    expect(refusedFields(activityExportQuery.safeParse({ deal: BEYOND_INT4, period: "custom", from: "0050-01-01", to: "0050-02-01" })).sort()).toEqual(["deal", "from", "to"]);
    expect(refusedFields(reportExportQuery.safeParse({ period: "custom", from: "2025-01-01", to: "9999-12-31" }))).toEqual(["to"]);
  });

  it("accept every link the drill pages make, with the filters the pages read from it", () => {
    expect(parseDealDrill({ rep: "7", stage: "2147483647", lostFrom: "3", reason: "Price" })).toMatchObject({ repId: 7, stageId: 2147483647, lostFromStageId: 3, lostReason: "Price" });
    expect(dealExportQuery.parse({ year: "2025", team: "3", basis: "closed", status: "LOST", rep: "7", lostFrom: "4", reason: "Price", fromLead: "1", sort: "amount", dir: "asc" })).toMatchObject({ year: 2025, rep: 7, reason: "Price" });
    expect(activityExportQuery.parse({ period: "custom", from: "2025-01-01", to: "2025-03-31", type: "CALL", on: "deal", deal: "12" })).toMatchObject({ deal: 12 });
  });
});

describe("forms refuse a hostile value as a field error", () => {
  it.each([
    [{ dealId: "1", nextStep: "", expectedCloseAt: "0000-01-01" }, "expectedCloseAt"],
    [{ dealId: "1", nextStep: "", expectedCloseAt: "9999-12-31" }, "expectedCloseAt"],
    [{ dealId: "1", nextStep: `Call ${NUL}`, expectedCloseAt: "" }, "nextStep"],
    [{ dealId: HUGE, nextStep: "", expectedCloseAt: "" }, "dealId"],
  ])("next step %j → %s", (form, field) => {
    expect(refusedFields(updateDealNextStepSchema.safeParse(form))).toEqual([field]);
  });

  it("names of people, teams and saved mappings, and mapping values, refuse NUL", () => {
    expect(refusedFields(createUserSchema.safeParse({ name: NUL, email: "a@b.test", role: "REP", teamId: "", method: "invite" }))).toEqual(["name"]);
    expect(refusedFields(createTeamSchema.safeParse({ name: NUL, kind: "AE", managerId: "" }))).toEqual(["name"]);
    expect(refusedFields(importPresetSaveSchema.safeParse({ name: NUL, kind: "deals", mapping: {} }))).toEqual(["name"]);
    expect(refusedFields(importPresetSaveSchema.safeParse({ name: "CRM", kind: "deals", mapping: { values: { stage: { [NUL]: "Won" } } } }))).toEqual(["mapping"]);
  });
});
