// Hostile parameters against the real queries: ids past int4, a NUL byte, custom periods in years 0001–0099 or 9999.
// Exports refuse them with 422 JSON naming the field before sending a byte (they used to send a 200 header and cut
// the connection, or a 500); drill pages drop them and still list rows; the next-step form answers a field error.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { parseActivityDrill } from "@/lib/validation/activity-drill";
import { parseDealDrill, parseLeadDrill } from "@/lib/validation/dashboard-drill";
import { seedAuthorizationFixture, type Fixture } from "./authorization-fixture";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";

const holder = vi.hoisted(() => ({ client: undefined as unknown as PrismaClient, viewer: null as Viewer | null }));
vi.mock("server-only", () => ({}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined, set: () => {} }), headers: async () => new Headers() }));
vi.mock("@/lib/i18n/get-locale", () => ({ getLocale: async () => "en" }));
vi.mock("@/lib/auth/get-viewer", () => ({ getViewer: async () => holder.viewer }));
vi.mock("@/lib/db/client", () => ({
  db: new Proxy({}, { get: (_target, property) => Reflect.get(holder.client, property, holder.client) }),
}));

const routes = {
  deals: await import("@/app/api/export/deals/route"),
  leads: await import("@/app/api/export/leads/route"),
  activities: await import("@/app/api/export/activities/route"),
  report: await import("@/app/api/export/report/route"),
};
const { loadScope } = await import("@/lib/dashboard/load-scope");
const { listDrillDeals } = await import("@/lib/data/drill-deals");
const { listDrillLeads } = await import("@/lib/data/drill-leads");
const { listDrillActivities } = await import("@/lib/data/drill-activities");
const { updateDealNextStep } = await import("@/lib/actions/deal-update-next-step");

const HUGE = "99999999999";
const BEYOND_INT4 = "2147483648";
const NUL = "Price\u0000";
// Custom periods whose years JavaScript's Date misreads (0001–0099) or whose next day has no YYYY-MM-DD (9999).
const PERIODS = [
  { period: "custom", from: "0001-01-01", to: "0001-12-31" },
  { period: "custom", from: "0099-01-01", to: "0099-03-31" },
  { period: "custom", from: "9999-12-01", to: "9999-12-31" },
];

let database: ScratchDatabase;
let client: PrismaClient;
let fx: Fixture;

beforeAll(async () => {
  database = await createMigratedDatabase();
  client = createPrismaClient(database.url);
  holder.client = client;
  fx = await seedAuthorizationFixture(client);
  holder.viewer = fx.viewers.admin;
});

afterAll(async () => {
  await client?.$disconnect();
  await database?.drop();
});

const hostile: Array<[keyof typeof routes, Record<string, string>, string]> = [
  ["deals", { rep: HUGE }, "rep"],
  ["deals", { stage: BEYOND_INT4 }, "stage"],
  ["deals", { lostFrom: HUGE }, "lostFrom"],
  ["deals", { basis: "closed", status: "LOST", reason: NUL }, "reason"],
  ["leads", { rep: HUGE }, "rep"],
  ["activities", { rep: HUGE }, "rep"],
  ["activities", { deal: BEYOND_INT4 }, "deal"],
  ["activities", { lead: HUGE }, "lead"],
  ...(["deals", "leads", "activities", "report"] as const).flatMap((kind) => PERIODS.map((query) => [kind, query, "from"] as [keyof typeof routes, Record<string, string>, string])),
];

describe("exports", () => {
  it.each(hostile)("/api/export/%s?%j answers 422 JSON naming %s, before any CSV", async (kind, query, field) => {
    const response = await routes[kind].GET(new Request(`http://localhost/api/export/${kind}?${new URLSearchParams(query)}`));
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toContain("application/json");
    const body = (await response.json()) as { error: string; fieldErrors: Record<string, string[]> };
    expect(body.error).toBe("INVALID");
    expect(Object.keys(body.fieldErrors)).toContain(field);
  });

  it("sends the whole file once the same filter is sane", async () => {
    const refused = await routes.deals.GET(new Request(`http://localhost/api/export/deals?year=2025&basis=created&rep=${HUGE}`));
    expect(refused.status).toBe(422);
    const response = await routes.deals.GET(new Request(`http://localhost/api/export/deals?year=2025&basis=created&rep=${fx.reps.a}`));
    expect(response.status).toBe(200);
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("DEAL");
  });
});

describe("drill pages", () => {
  // What each page does with its query string: the dashboard scope, its own filter, then the rows.
  const deals = async (params: Record<string, string>) => {
    const scope = await loadScope(fx.viewers.admin, params);
    return listDrillDeals(fx.viewers.admin, { period: scope.period, pipelineId: scope.query.pipelineId, teamId: scope.query.teamId, filter: parseDealDrill(params) });
  };

  it.each<Record<string, string>>([{ rep: HUGE }, { stage: BEYOND_INT4 }, { lostFrom: HUGE }, { reason: NUL }, ...PERIODS])("/drill/deals?%j drops the bad value and lists rows", async (params) => {
    const result = await deals({ basis: "created", year: "2025", ...params });
    expect(result.total).toBeGreaterThanOrEqual(0);
  });

  it.each([{ rep: HUGE }, ...PERIODS])("/drill/leads?%j drops the bad value and lists rows", async (params) => {
    const scope = await loadScope(fx.viewers.admin, params);
    await expect(listDrillLeads(fx.viewers.admin, { period: scope.period, teamId: scope.query.teamId, filter: parseLeadDrill(params) })).resolves.toBeDefined();
  });

  // Its ids were bounded already; its custom periods were not.
  it.each(PERIODS)("/drill/activities?%j drops the bad value and lists rows", async (params) => {
    const scope = await loadScope(fx.viewers.admin, params);
    await expect(listDrillActivities(fx.viewers.admin, { period: scope.period, teamId: scope.query.teamId, filter: parseActivityDrill(params) })).resolves.toBeDefined();
  });
});

describe("the next-step form", () => {
  const post = (fields: Record<string, string>) => {
    const form = new FormData();
    for (const [key, value] of Object.entries({ dealId: String(fx.deals.a), nextStep: "", expectedCloseAt: "", ...fields })) form.set(key, value);
    return updateDealNextStep({ status: "idle" }, form);
  };

  it.each([
    [{ expectedCloseAt: "0000-01-01" }, "expectedCloseAt"],
    [{ expectedCloseAt: "9999-12-31" }, "expectedCloseAt"],
    [{ nextStep: `Send the ${NUL}` }, "nextStep"],
  ])("answers %j with a field error on %s, writing nothing; a sane form then saves", async (fields, field) => {
    const before = await client.deal.findUniqueOrThrow({ where: { id: fx.deals.a } });
    const state = await post(fields);
    expect(state.status).toBe("error");
    expect(Object.keys(state.fieldErrors ?? {})).toEqual([field]);
    expect(await client.deal.findUniqueOrThrow({ where: { id: fx.deals.a } })).toEqual(before);
    expect(await post({ nextStep: "Send the proposal", expectedCloseAt: "2025-06-30" })).toMatchObject({ status: "success" });
  });
});
