// Issue 11, point 9: the hand-over chain's drills (basis=fromHandedOver, firstMeeting) and their CSV export show
// an SDR, and the SDR team's manager, only the deals from their own (their team's) leads; of those, a deal owned by
// another team's AE is a restricted row — name, pipeline, stage, type, status and dates, no owner, team, account,
// amount, expected close or lost reason, and no amount in the total — the same in the page and in the export.
// A deal the viewer may open (their own) keeps its full row; the admin sees every row in full.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { mintViewer, type Viewer } from "@/lib/auth/viewer";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { periodOf, type Period } from "@/lib/kpi/period";
import { parseDealDrill } from "@/lib/validation/dashboard-drill";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";

const holder = vi.hoisted(() => ({ client: undefined as unknown as PrismaClient, viewer: null as Viewer | null }));
vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined, set: () => {} }), headers: async () => new Headers() }));
vi.mock("@/lib/i18n/get-locale", () => ({ getLocale: async () => "en" }));
vi.mock("@/lib/auth/get-viewer", () => ({ getViewer: async () => holder.viewer }));
vi.mock("@/lib/db/client", () => ({
  db: new Proxy({}, { get: (_target, property) => Reflect.get(holder.client, property, holder.client) }),
}));

const { listDrillDeals } = await import("@/lib/data/drill-deals");

// What only the owning team may see of D1, D2 and D3; none of it may reach an SDR.
const HIDDEN = { accountNorth: "MARKER-ACCOUNT-NORTH", accountSouth: "MARKER-ACCOUNT-SOUTH", theo: "MARKER-AE-Theo", lina: "MARKER-AE-Lina", amounts: ["11111", "22222", "33333"] };

let database: ScratchDatabase;
let period: Period;
let who: Record<"admin" | "greta" | "paul" | "viktor" | "amelie", Viewer>;
let deals: Record<"fromViktor" | "fromAmelie" | "aeSourced" | "viktorsOwn", number>;
let teamNorth: number;

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.NEXTAUTH_SECRET ??= "x".repeat(40);
  const db = createPrismaClient(database.url);
  holder.client = db;
  const org = await db.organization.create({ data: { name: "Demo", currency: "EUR", timeZone: "UTC" } });
  const pipeline = await db.pipeline.create({ data: { orgId: org.id, name: "New business" } });
  const stage = (name: string, position: number, kind: "OPEN" | "WON" | "LOST" = "OPEN", isFirstMeeting = false) =>
    db.stage.create({ data: { pipelineId: pipeline.id, name, position, kind, isFirstMeeting } }).then((row) => row.id);
  const stages = { qualify: await stage("Qualify", 1), meeting: await stage("Discovery meeting", 2, "OPEN", true), won: await stage("Won", 3, "WON"), lost: await stage("Lost", 4, "LOST") };
  const user = (name: string, role: "ADMIN" | "MANAGER" | "REP") =>
    db.user.create({ data: { orgId: org.id, name, email: `${name.toLowerCase().replace(/\W/g, ".")}@demo.test`, role, passwordHash: "x" } }).then((row) => row.id);
  const users = { admin: await user("Admin", "ADMIN"), greta: await user("Greta", "MANAGER"), paul: await user("Paul", "MANAGER"), max: await user("Max", "MANAGER") };
  const team = (name: string, kind: "SDR" | "AE", managerId: number) => db.team.create({ data: { orgId: org.id, name, kind, managerId } }).then((row) => row.id);
  const teams = { bdr: await team("Business Development", "SDR", users.greta), north: await team("Team North", "AE", users.paul), south: await team("Team South", "AE", users.max) };
  const rep = async (name: string, teamId: number, kind: "SDR" | "AE") => {
    const userId = await user(name, "REP");
    const row = await db.rep.create({ data: { orgId: org.id, userId, teamId, name, kind } });
    return { id: row.id, userId };
  };
  const reps = { viktor: await rep("Viktor", teams.bdr, "SDR"), amelie: await rep("Amelie", teams.bdr, "SDR"), theo: await rep(HIDDEN.theo, teams.north, "AE"), lina: await rep(HIDDEN.lina, teams.south, "AE") };
  const account = (name: string) => db.account.create({ data: { orgId: org.id, name } }).then((row) => row.id);
  const accounts = { north: await account(HIDDEN.accountNorth), south: await account(HIDDEN.accountSouth) };
  const lead = (name: string, sdrId: number | null, aeId: number, handedOverAt: string) =>
    db.lead.create({ data: { orgId: org.id, name, source: "OUTBOUND", status: "CONVERTED", createdAt: new Date("2025-01-15T10:00:00Z"), sdrId, aeId, handedOverAt: new Date(handedOverAt) } }).then((row) => row.id);
  const leads = {
    viktor: await lead("Viktor's lead", reps.viktor.id, reps.theo.id, "2025-03-01T10:00:00Z"),
    amelie: await lead("Amelie's lead", reps.amelie.id, reps.lina.id, "2025-04-01T10:00:00Z"),
    aeOwn: await lead("Theo's own lead", null, reps.theo.id, "2025-05-01T10:00:00Z"),
  };
  const deal = async (name: string, ownerId: number, leadId: number, accountId: number | null, amount: string) => {
    const created = new Date("2025-05-10T10:00:00Z");
    const closed = new Date("2025-06-20T10:00:00Z");
    const row = await db.deal.create({
      data: { orgId: org.id, pipelineId: pipeline.id, stageId: stages.won, status: "WON", ownerId, closedOwnerId: ownerId, leadId, accountId, name, amount, createdAt: created, closedAt: closed },
    });
    await db.dealStageChange.createMany({
      data: [
        { dealId: row.id, toStageId: stages.qualify, at: created },
        { dealId: row.id, fromStageId: stages.qualify, toStageId: stages.meeting, at: new Date("2025-05-20T10:00:00Z") },
        { dealId: row.id, fromStageId: stages.meeting, toStageId: stages.won, at: closed },
      ],
    });
    return row.id;
  };
  deals = {
    fromViktor: await deal("Deal from Viktor's lead", reps.theo.id, leads.viktor, accounts.north, "11111"),
    fromAmelie: await deal("Deal from Amelie's lead", reps.lina.id, leads.amelie, accounts.south, "22222"),
    aeSourced: await deal("Theo's own deal", reps.theo.id, leads.aeOwn, accounts.north, "33333"),
    viktorsOwn: await deal("Viktor's own deal", reps.viktor.id, leads.viktor, null, "44444"),
  };
  const viewer = (userId: number, role: "ADMIN" | "MANAGER" | "REP", repId: number | null, teamIds: number[]) =>
    mintViewer({ userId, orgId: org.id, role, repId, teamIds, name: "t", email: "t@demo.test", locale: "en" });
  who = {
    admin: viewer(users.admin, "ADMIN", null, []),
    greta: viewer(users.greta, "MANAGER", null, [teams.bdr]),
    paul: viewer(users.paul, "MANAGER", null, [teams.north]),
    viktor: viewer(reps.viktor.userId, "REP", reps.viktor.id, [teams.bdr]),
    amelie: viewer(reps.amelie.userId, "REP", reps.amelie.id, [teams.bdr]),
  };
  teamNorth = teams.north;
  period = periodOf({ kind: "year", year: 2025 }, "UTC");
}, 120_000);

afterAll(async () => {
  await holder.client?.$disconnect();
  await database?.drop();
});

const chain = (viewer: Viewer, basis: "fromHandedOver" | "firstMeeting", extra: Record<string, string> = {}) =>
  listDrillDeals(viewer, { period, filter: parseDealDrill({ basis, sort: "amount", dir: "desc", ...extra }), offset: 0, limit: 1000 });

const RESTRICTED = { account: null, owner: null, team: null, amount: null, expectedCloseAt: null, lostReason: null, restricted: true };

describe("the hand-over drill shows an SDR their own leads' deals, restricted where another team owns them", () => {
  it.each(["fromHandedOver", "firstMeeting"] as const)("an SDR rep (%s): their leads' deals only, another team's AE's deal restricted", async (basis) => {
    const rows = await chain(who.viktor, basis, basis === "fromHandedOver" ? { status: "WON" } : {});
    expect(rows.rows.map((r) => r.id)).toEqual([deals.viktorsOwn, deals.fromViktor]);
    expect(rows.rows[0]).toMatchObject({ name: "Viktor's own deal", owner: "Viktor", amount: "44444.00", restricted: false });
    expect(rows.rows[1]).toMatchObject({ name: "Deal from Viktor's lead", stage: "Won", status: "WON", ...RESTRICTED });
    // The total counts both deals, and sums only the amount the viewer may see.
    expect([rows.total, rows.amount]).toEqual([2, "44444.00"]);
    const json = JSON.stringify(rows);
    for (const hidden of [HIDDEN.accountNorth, HIDDEN.accountSouth, HIDDEN.theo, HIDDEN.lina, ...HIDDEN.amounts]) expect(json).not.toContain(hidden);
    expect(json).not.toContain("Amelie");

    const amelie = await chain(who.amelie, basis);
    expect(amelie.rows.map((r) => [r.id, r.restricted])).toEqual([[deals.fromAmelie, true]]);
  });

  it("the SDR manager: their team's leads' deals, another team's restricted, sorted as if their amounts were empty", async () => {
    const rows = await chain(who.greta, "fromHandedOver");
    // Amount descending: the only amount they see first, then the restricted rows by id (descending), as if empty.
    expect(rows.rows.map((r) => [r.id, r.restricted])).toEqual([
      [deals.viktorsOwn, false],
      [deals.fromAmelie, true],
      [deals.fromViktor, true],
    ]);
    expect(rows.amount).toBe("44444.00");
    const byOwner = await chain(who.greta, "fromHandedOver", { sort: "owner", dir: "asc" });
    expect(byOwner.rows.map((r) => r.id)).toEqual([deals.viktorsOwn, deals.fromViktor, deals.fromAmelie]);
    for (const hidden of [HIDDEN.accountNorth, HIDDEN.accountSouth, HIDDEN.theo, HIDDEN.lina, ...HIDDEN.amounts]) expect(JSON.stringify([rows, byOwner])).not.toContain(hidden);
    // Filtered to an AE team, the SDR manager's chain has nothing of it.
    expect((await listDrillDeals(who.greta, { period, teamId: teamNorth, filter: parseDealDrill({ basis: "fromHandedOver" }) })).total).toBe(0);
  });

  it("an AE team's manager sees the chain of the leads handed over to their AEs (issue 18); the SDR's own deal restricted", async () => {
    // Team North has no SDR, so it reads the receiving side (lib/kpi/lead-side.ts): every lead whose AE is Theo.
    const rows = await chain(who.paul, "fromHandedOver");
    expect(rows.rows.map((r) => [r.id, r.restricted])).toEqual([
      [deals.aeSourced, false],
      [deals.fromViktor, false],
      [deals.viktorsOwn, true],
    ]);
    expect(rows.rows[0]).toMatchObject({ account: HIDDEN.accountNorth, owner: HIDDEN.theo, amount: "33333.00", restricted: false });
    expect(rows.rows[2]).toMatchObject({ name: "Viktor's own deal", ...RESTRICTED });
    expect(rows.amount).toBe("44444.00");
    // Amelie's lead went to Team South: nothing of it.
    expect(JSON.stringify(rows)).not.toContain("Amelie");
  });

  it("the admin sees every deal of the chain in full", async () => {
    const rows = await chain(who.admin, "fromHandedOver");
    expect(rows.rows.every((r) => !r.restricted && r.amount !== null && r.owner !== null)).toBe(true);
    expect(rows.rows).toHaveLength(4);
    expect(rows.amount).toBe("111110.00");
  });

  it("other bases do not change: a manager's closed deals keep their full rows", async () => {
    const rows = await listDrillDeals(who.paul, { period, filter: parseDealDrill({ basis: "closed" }) });
    expect(rows.rows.map((r) => r.id).sort()).toEqual([deals.fromViktor, deals.aeSourced].sort());
    expect(rows.rows.every((r) => !r.restricted && r.amount !== null)).toBe(true);
  });
});

describe("the deals export says the same as the drill", () => {
  it("an SDR's export of the chain: their own deals, restricted columns empty, nothing of other teams", async () => {
    const route = await import("@/app/api/export/deals/route");
    holder.viewer = who.viktor;
    const response = await route.GET(new Request("http://localhost/api/export/deals?year=2025&basis=fromHandedOver&status=WON"));
    expect(response.status).toBe(200);
    const csv = (await response.text()).replace(/^\uFEFF/, "");
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe("id,deal,account,owner,team,pipeline,stage,type,status,amount,createdAt,expectedCloseAt,closedAt,cycleDays,lostReason");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(new RegExp(`^${deals.viktorsOwn},Viktor's own deal,,Viktor,Business Development,.*,44444\\.00,`));
    expect(lines[2]).toBe(`${deals.fromViktor},Deal from Viktor's lead,,,,New business,Won,NEW,WON,,2025-05-10,,2025-06-20,41,`);
    for (const hidden of [HIDDEN.accountNorth, HIDDEN.accountSouth, HIDDEN.theo, HIDDEN.lina, ...HIDDEN.amounts, "Amelie"]) expect(csv).not.toContain(hidden);
  });
});
