// Organisation settings through the admin page's action and the data layer, on a small demo organisation: every
// setting saved with one audit row (before and after), field errors that name the field and write nothing, admins
// only, a new time zone only after confirmation — after which the derived KPI tables equal a rebuild from scratch —
// and the KPI cache serving the new thresholds at once.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { mintViewer, type Viewer } from "@/lib/auth/viewer";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { seedDemo } from "@/prisma/seed";
import { databaseFingerprint } from "./authorization-fixture";
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

const { saveOrganizationSettings } = await import("@/lib/actions/admin-update-organization-settings");
const { updateOrganizationSettings } = await import("@/lib/data/update-organization-settings");
const { getOrganizationSettings } = await import("@/lib/data/get-organization-settings");
const { createKpiCache } = await import("@/lib/kpi/kpi-cache");
const { queryOrganizationSettings } = await import("@/lib/kpi/query-organization-settings");
const { queryCoachingMetrics } = await import("@/lib/kpi/query-coaching-metrics");
const { queryDealFlags } = await import("@/lib/kpi/query-deal-flags");
const { periodOf } = await import("@/lib/kpi/period");

const TODAY = new Date("2025-11-20T10:00:00Z");
let database: ScratchDatabase;
let db: PrismaClient;
let client: pg.Client;
let orgId: number;
const viewers = {} as Record<"admin" | "manager" | "rep", Viewer>;

beforeAll(async () => {
  database = await createMigratedDatabase();
  await seedDemo(database.url, { today: TODAY, reps: 8, years: 2 });
  db = createPrismaClient(database.url, { max: 4 });
  holder.client = db;
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const org = await db.organization.findFirstOrThrow();
  orgId = org.id;
  for (const [who, role] of [["admin", "ADMIN"], ["manager", "MANAGER"], ["rep", "REP"]] as const) {
    const user = await db.user.findFirstOrThrow({ where: { orgId, role }, include: { rep: true, managedTeams: true } });
    viewers[who] = mintViewer({
      userId: user.id,
      orgId,
      role,
      repId: user.rep?.id ?? null,
      teamIds: user.rep?.teamId ? [user.rep.teamId] : user.managedTeams.map((team) => team.id),
      name: user.name,
      email: user.email,
      locale: "en",
    });
  }
});

afterAll(async () => {
  await client?.end();
  await db?.$disconnect();
  await database?.drop();
});

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

/** The form as the page posts it, from the settings now. */
async function currentForm(): Promise<Record<string, string>> {
  const settings = await getOrganizationSettings(viewers.admin);
  return {
    name: settings.name,
    currency: settings.currency,
    timeZone: settings.timeZone,
    savedTimeZone: settings.timeZone,
    staleAfterDays: String(settings.staleAfterDays),
    stuckFactor: String(settings.stuckFactor),
    coachingTargetMinutes: String(settings.coachingTargetMinutes),
    ...(settings.managersEditStageRules ? { managersEditStageRules: "on" } : {}),
  };
}

async function save(who: keyof typeof viewers | null, fields: Record<string, string>) {
  holder.viewer = who === null ? null : viewers[who];
  return saveOrganizationSettings({ status: "idle" }, form(fields));
}

const audits = () => db.auditLog.findMany({ where: { orgId, entity: "organization" }, orderBy: { id: "asc" } });

describe("the settings page's action", () => {
  it("saves every setting with one audit row holding the changed fields before and after", async () => {
    const before = await currentForm();
    expect(before).toMatchObject({ currency: "EUR", timeZone: "Europe/Berlin", staleAfterDays: "14", stuckFactor: "2", coachingTargetMinutes: "180" });
    const result = await save("admin", { ...before, name: "Nordwind GmbH", currency: "chf", staleAfterDays: "21", stuckFactor: "2.75", coachingTargetMinutes: "240", managersEditStageRules: "on" });
    expect(result).toMatchObject({ status: "success" });
    expect(await getOrganizationSettings(viewers.admin)).toEqual({
      name: "Nordwind GmbH",
      currency: "CHF",
      timeZone: "Europe/Berlin",
      staleAfterDays: 21,
      stuckFactor: 2.75,
      coachingTargetMinutes: 240,
      managersEditStageRules: true,
    });
    const [row, ...more] = await audits();
    expect(more).toEqual([]);
    expect(row).toMatchObject({
      actorId: viewers.admin.userId,
      action: "organization.update",
      entityId: String(orgId),
      before: { name: before.name, currency: "EUR", staleAfterDays: 14, stuckFactor: 2, coachingTargetMinutes: 180, managersEditStageRules: false },
      after: { name: "Nordwind GmbH", currency: "CHF", staleAfterDays: 21, stuckFactor: 2.75, coachingTargetMinutes: 240, managersEditStageRules: true },
    });
    // An unticked checkbox is not posted: it means "no".
    const unticked = await currentForm();
    delete unticked.managersEditStageRules;
    expect(await save("admin", unticked)).toMatchObject({ status: "success" });
    expect((await getOrganizationSettings(viewers.admin)).managersEditStageRules).toBe(false);
  });

  it("writes nothing, not even an audit row, when nothing changed", async () => {
    const count = (await audits()).length;
    expect(await save("admin", await currentForm())).toMatchObject({ status: "success" });
    expect(await audits()).toHaveLength(count);
  });

  it.each([
    ["staleAfterDays", "0", "Stale after (days) must be at least 1."],
    ["staleAfterDays", "366", "Stale after (days) must be at most 365."],
    ["staleAfterDays", "7.5", "Stale after (days) is not valid."],
    ["staleAfterDays", "", "Stale after (days) is required."],
    ["stuckFactor", "0.99", "Stuck factor must be at least 1."],
    ["stuckFactor", "10.01", "Stuck factor must be at most 10."],
    ["stuckFactor", "1.234", "Stuck factor is not valid."],
    ["coachingTargetMinutes", "-1", "Coaching target (minutes per rep and month) must be at least 0."],
    ["coachingTargetMinutes", "6001", "Coaching target (minutes per rep and month) must be at most 6000."],
    ["currency", "EURO", "Currency is not valid."],
    ["currency", "XYZ", "Currency is not valid."],
    ["timeZone", "+03:00", "Time zone is not valid."],
    ["timeZone", "Mars/Olympus_Mons", "Time zone is not valid."],
    ["name", "", "Organisation name is required."],
    ["name", "x".repeat(121), "Organisation name must be at most 120 characters."],
  ])("refuses %s = %j with a message naming the field, and writes nothing", async (field, value, message) => {
    const fingerprint = await databaseFingerprint(db);
    // A valid change beside the bad one: nothing is half-written.
    const result = await save("admin", { ...(await currentForm()), name: "Half Written AG", [field]: value });
    expect(result.status).toBe("error");
    expect(result.fieldErrors?.[field]).toEqual([message]);
    expect(await databaseFingerprint(db)).toEqual(fingerprint);
  });

  it("is refused to managers, reps and the signed-out, writing nothing", async () => {
    const fingerprint = await databaseFingerprint(db);
    const fields = { ...(await currentForm()), staleAfterDays: "3" };
    for (const who of ["manager", "rep", null] as const) {
      const result = await save(who, fields);
      expect(result.status, String(who)).toBe("error");
    }
    await expect(db.$transaction((tx) => updateOrganizationSettings(viewers.manager, { staleAfterDays: 3 }, tx))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getOrganizationSettings(viewers.rep)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await databaseFingerprint(db)).toEqual(fingerprint);
  });

  it("asks to confirm a new time zone before changing it, and changes nothing until then", async () => {
    const fingerprint = await databaseFingerprint(db);
    const result = await save("admin", { ...(await currentForm()), timeZone: "America/New_York" });
    expect(result.status).toBe("error");
    expect(result.fieldErrors).toEqual({ confirmTimeZone: ["Confirming the time-zone change is required."] });
    expect(await databaseFingerprint(db)).toEqual(fingerprint);
  });
});

/** Each derived KPI table's rows of the organisation, as one hash per table (serial ids left out). */
async function derivedTables(): Promise<Record<string, string>> {
  const tables = ["activity_day", "activity_month", "conversion_touch", "lead_chain", "lead_month", "deal_month", "stage_entry_day", "stage_stay_day", "stage_jump"];
  const hashes: Record<string, string> = {};
  const hash = async (name: string, from: string) => {
    const { rows } = await client.query<{ hash: string; n: number }>(
      `SELECT md5(coalesce(string_agg((to_jsonb(t) - 'id')::text, '|' ORDER BY (to_jsonb(t) - 'id')::text), '')) AS hash, count(*)::int AS n FROM ${from}`,
      [orgId],
    );
    expect(rows[0]!.n, `${name} has rows`).toBeGreaterThan(0);
    hashes[name] = rows[0]!.hash;
  };
  for (const table of tables) await hash(table, `${table} t WHERE t.org_id = $1`);
  await hash("deal_stage_fact", "deal_stage_fact t WHERE t.deal_id IN (SELECT id FROM deal WHERE org_id = $1)");
  return hashes;
}

/** The derived tables rebuilt from scratch, in a transaction that is rolled back. */
async function rebuiltTables(): Promise<Record<string, string>> {
  await client.query("BEGIN");
  try {
    await client.query("DELETE FROM deal_stage_fact WHERE deal_id IN (SELECT id FROM deal WHERE org_id = $1)", [orgId]);
    await client.query("SELECT refresh_deal_stage_facts(ARRAY(SELECT id FROM deal WHERE org_id = $1))", [orgId]);
    for (const rebuild of ["rebuild_stage_days", "rebuild_activity_days", "rebuild_conversion_touches", "rebuild_lead_chains", "rebuild_lead_months", "rebuild_deal_months"]) {
      await client.query(`SELECT ${rebuild}($1)`, [orgId]);
    }
    return await derivedTables();
  } finally {
    await client.query("ROLLBACK");
  }
}

describe("a new time zone", () => {
  it("rebuilds the derived KPI tables by local day and month: afterwards they equal a rebuild from scratch", async () => {
    const inBerlin = await derivedTables();
    expect(await rebuiltTables()).toEqual(inBerlin);

    const result = await save("admin", { ...(await currentForm()), timeZone: "Pacific/Auckland", confirmTimeZone: "yes" });
    expect(result).toMatchObject({ status: "success" });
    const inAuckland = await derivedTables();
    // Twelve hours away, the local days of activities, stage changes and deals move: the tables did change …
    for (const table of ["activity_day", "deal_stage_fact", "stage_entry_day", "deal_month", "lead_month"]) expect(inAuckland[table], table).not.toBe(inBerlin[table]);
    // … to exactly what a rebuild in the new zone gives.
    expect(await rebuiltTables()).toEqual(inAuckland);
    expect((await audits()).at(-1)).toMatchObject({ before: { timeZone: "Europe/Berlin" }, after: { timeZone: "Pacific/Auckland" } });
  });

  it("stores the zone's canonical name, and reads another spelling of the saved zone as no change", async () => {
    const count = (await audits()).length;
    expect(await save("admin", { ...(await currentForm()), timeZone: "pacific/auckland" })).toMatchObject({ status: "success" });
    expect(await audits()).toHaveLength(count);
    await client.query("UPDATE organization SET time_zone = 'Etc/UTC' WHERE id = $1", [orgId]);
    const fields = await currentForm();
    expect(fields.timeZone).toBe("Etc/UTC");
    expect(await save("admin", { ...fields, timeZone: "UTC" })).toMatchObject({ status: "success" });
    expect(await audits()).toHaveLength(count);
    await client.query("UPDATE organization SET time_zone = 'Europe/Berlin' WHERE id = $1", [orgId]);
  });
});

describe("the KPI figures after a settings change", () => {
  it("use the new thresholds at once, through the same result cache the app serves them from", async () => {
    const cache = createKpiCache(db, { maxRows: 10_000 });
    const year = periodOf({ kind: "year", year: 2025 }, "Europe/Berlin");
    const staleDeals = async () => (await queryDealFlags(cache, viewers.admin, { at: TODAY })).filter((deal) => deal.flags.includes("STALE")).length;

    await db.$transaction((tx) => updateOrganizationSettings(viewers.admin, { staleAfterDays: 30, coachingTargetMinutes: 180 }, tx));
    const staleAt30 = await staleDeals();
    expect((await queryCoachingMetrics(cache, viewers.admin, { period: year })).targetMinutes).toBe(180);
    expect((await queryOrganizationSettings(cache, viewers.admin)).staleAfterDays).toBe(30);
    // Served from the cache while nothing changes …
    expect(cache.size().results).toBeGreaterThanOrEqual(3);

    await db.$transaction((tx) => updateOrganizationSettings(viewers.admin, { staleAfterDays: 1, coachingTargetMinutes: 300 }, tx));
    // … and recomputed with the new thresholds as soon as they are saved.
    expect((await queryOrganizationSettings(cache, viewers.admin)).staleAfterDays).toBe(1);
    expect((await queryCoachingMetrics(cache, viewers.admin, { period: year })).targetMinutes).toBe(300);
    expect(await staleDeals()).toBeGreaterThan(staleAt30);
  });
});
