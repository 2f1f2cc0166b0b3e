import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { mintViewer, type ViewerFields } from "@/lib/auth/viewer";
import { getTeamRoster, type RosterFigures, type TeamRoster } from "@/lib/data/get-team-roster";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";

// The data layer imports the app's client (server-only, from env); point it at this test's database.
const holder = vi.hoisted(() => ({ client: undefined as unknown as PrismaClient }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/db/client", () => ({
  db: new Proxy({}, { get: (_target, property) => Reflect.get(holder.client, property, holder.client) }),
}));

const YEAR = 2024;
// Moscow is UTC+3, so 2024-12-31T22:30Z already belongs to 2025 there.
const TIME_ZONE = "Europe/Moscow";
const yearStart = new Date("2023-12-31T21:00:00Z");
const yearEnd = new Date("2024-12-31T21:00:00Z");

let database: ScratchDatabase;
let db: PrismaClient;

interface Fixture {
  orgId: number;
  otherOrgId: number;
  teams: { alpha: number; beta: number; sdr: number };
  users: { admin: number; managerAlpha: number; managerBeta: number; repA1: number; otherAdmin: number };
  reps: Record<"a1" | "a2" | "aLeft" | "aIdle" | "b1" | "b2" | "s1" | "loner", number>;
  otherRep: number;
}
let fx: Fixture;

interface DealRow { ownerId: number; closedOwnerId: number | null; status: "OPEN" | "WON" | "LOST"; amount: string; createdAt: Date; closedAt: Date | null }
interface ActivityRow { repId: number; at: Date }
const deals: DealRow[] = [];
const activities: ActivityRow[] = [];

// A small deterministic generator, so a failure reproduces.
function rng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function viewer(fields: Partial<ViewerFields> & Pick<ViewerFields, "userId" | "role">) {
  return mintViewer({ orgId: fx.orgId, repId: null, teamIds: [], name: "Test", email: "t@example.test", locale: "en", ...fields });
}

async function seed(): Promise<Fixture> {
  const org = await db.organization.create({ data: { name: "Northwind", currency: "EUR", timeZone: TIME_ZONE } });
  const other = await db.organization.create({ data: { name: "Elsewhere", currency: "USD" } });
  const user = (orgId: number, email: string, role: "ADMIN" | "MANAGER" | "REP") =>
    db.user.create({ data: { orgId, email, name: email.split("@")[0] ?? email, role } });
  const admin = await user(org.id, "admin@northwind.test", "ADMIN");
  const managerAlpha = await user(org.id, "alpha.lead@northwind.test", "MANAGER");
  const managerBeta = await user(org.id, "beta.lead@northwind.test", "MANAGER");
  const repA1User = await user(org.id, "a1@northwind.test", "REP");
  const otherAdmin = await user(other.id, "admin@elsewhere.test", "ADMIN");

  const team = (orgId: number, name: string, kind: "AE" | "SDR", managerId: number | null) =>
    db.team.create({ data: { orgId, name, kind, managerId } });
  const alpha = await team(org.id, "Alpha", "AE", managerAlpha.id);
  const beta = await team(org.id, "Beta", "AE", managerBeta.id);
  const sdr = await team(org.id, "Development", "SDR", managerAlpha.id);
  const otherTeam = await team(other.id, "Alpha", "AE", null);

  const rep = (orgId: number, name: string, teamId: number | null, kind: "AE" | "SDR", extra: { userId?: number; active?: boolean } = {}) =>
    db.rep.create({ data: { orgId, name, teamId, kind, ...extra } }).then((r) => r.id);
  const reps = {
    a1: await rep(org.id, "Anna Alpha", alpha.id, "AE", { userId: repA1User.id }),
    a2: await rep(org.id, "Boris Alpha", alpha.id, "AE"),
    aLeft: await rep(org.id, "Carl Departed", alpha.id, "AE", { active: false }),
    aIdle: await rep(org.id, "Dora Gone", alpha.id, "AE", { active: false }),
    b1: await rep(org.id, "Eve Beta", beta.id, "AE"),
    b2: await rep(org.id, "Fedor Beta", beta.id, "AE"),
    s1: await rep(org.id, "Gleb Caller", sdr.id, "SDR"),
    loner: await rep(org.id, "Hana Teamless", null, "AE"),
  };
  const otherRep = await rep(other.id, "Outsider", otherTeam.id, "AE");

  const pipeline = await db.pipeline.create({ data: { orgId: org.id, name: "New business" } });
  const stage = await db.stage.create({ data: { pipelineId: pipeline.id, name: "Discovery", position: 1 } });
  const otherPipeline = await db.pipeline.create({ data: { orgId: other.id, name: "New business" } });
  const otherStage = await db.stage.create({ data: { pipelineId: otherPipeline.id, name: "Discovery", position: 1 } });

  // Random deals and activities around the year, including its time-zone edges.
  const random = rng(42);
  const owners = [reps.a1, reps.a2, reps.aLeft, reps.b1, reps.b2, reps.s1, reps.loner];
  const pick = <T,>(items: T[]): T => items[Math.floor(random() * items.length)] as T;
  const edges = [
    new Date("2023-12-31T20:59:59Z"), yearStart, new Date("2024-12-31T20:59:59Z"), yearEnd, new Date("2024-12-31T22:30:00Z"),
  ];
  const instant = (from: number, to: number) => new Date(from + random() * (to - from));
  const span = [Date.parse("2023-06-01T00:00:00Z"), Date.parse("2025-06-01T00:00:00Z")] as const;
  for (let i = 0; i < 400; i++) {
    const ownerId = pick(owners);
    const createdAt = random() < 0.1 ? pick(edges) : instant(...span);
    const roll = random();
    const status = roll < 0.35 ? "OPEN" : roll < 0.6 ? "WON" : "LOST";
    const closedAt =
      status === "OPEN" ? null : random() < 0.15 ? new Date(Math.max(pick(edges).getTime(), createdAt.getTime())) : instant(createdAt.getTime(), span[1]);
    // Some deals changed hands after closing: the closing owner keeps the credit.
    const closedOwnerId = status === "OPEN" ? null : random() < 0.2 ? pick(owners) : ownerId;
    deals.push({ ownerId, closedOwnerId, status, amount: (1000 + Math.floor(random() * 5_000_000) / 100).toFixed(2), createdAt, closedAt });
  }
  for (let i = 0; i < 1500; i++) {
    activities.push({ repId: pick(owners), at: random() < 0.05 ? pick(edges) : instant(...span) });
  }
  await db.deal.createMany({
    data: deals.map((deal, index) => ({
      orgId: org.id, pipelineId: pipeline.id, stageId: stage.id, name: `Deal ${index}`, ...deal,
    })),
  });
  await db.activity.createMany({ data: activities.map((activity) => ({ orgId: org.id, type: "CALL" as const, ...activity })) });

  // Another organisation's figures must never leak in.
  await db.deal.create({
    data: { orgId: other.id, pipelineId: otherPipeline.id, stageId: otherStage.id, ownerId: otherRep, closedOwnerId: otherRep, name: "Theirs", status: "WON", amount: "999999.00", createdAt: new Date("2024-03-01Z"), closedAt: new Date("2024-05-01Z") },
  });
  await db.activity.create({ data: { orgId: other.id, repId: otherRep, type: "EMAIL", at: new Date("2024-05-01Z") } });

  return {
    orgId: org.id,
    otherOrgId: other.id,
    teams: { alpha: alpha.id, beta: beta.id, sdr: sdr.id },
    users: { admin: admin.id, managerAlpha: managerAlpha.id, managerBeta: managerBeta.id, repA1: repA1User.id, otherAdmin: otherAdmin.id },
    reps,
    otherRep,
  };
}

/** The plain-TypeScript recount the SQL must agree with (KPI.md attribution). */
function recount(repIds: number[]): RosterFigures {
  const inYear = (at: Date | null) => at !== null && at >= yearStart && at < yearEnd;
  const mine = (id: number | null) => id !== null && repIds.includes(id);
  const closed = deals.filter((d) => mine(d.closedOwnerId) && inYear(d.closedAt));
  const wonCents = closed.filter((d) => d.status === "WON").reduce((sum, d) => sum + Math.round(Number(d.amount) * 100), 0);
  return {
    open: deals.filter((d) => mine(d.ownerId) && d.createdAt < yearEnd && (d.closedAt === null || d.closedAt >= yearEnd)).length,
    won: closed.filter((d) => d.status === "WON").length,
    lost: closed.filter((d) => d.status === "LOST").length,
    wonRevenue: (wonCents / 100).toFixed(2),
    activities: activities.filter((a) => mine(a.repId) && inYear(a.at)).length,
    reps: repIds.length,
  };
}

function listedReps(roster: TeamRoster) {
  return roster.teams.flatMap((team) => team.reps.map((rep) => rep.repId));
}

function serialized(roster: TeamRoster) {
  return JSON.stringify(roster);
}

beforeAll(async () => {
  database = await createMigratedDatabase();
  db = createPrismaClient(database.url, { max: 2 });
  holder.client = db;
  fx = await seed();
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

describe("getTeamRoster", () => {
  it("gives an admin every team of their organisation, and per-rep figures that match a recount", async () => {
    const roster = await getTeamRoster(viewer({ userId: fx.users.admin, role: "ADMIN" }), { year: YEAR });
    expect(roster.teams.map((team) => team.name)).toEqual(["Alpha", "Beta", "Development", null]);
    // The departed rep with figures stays; the one with none in the year is left out.
    expect(listedReps(roster).sort()).toEqual(
      [fx.reps.a1, fx.reps.a2, fx.reps.aLeft, fx.reps.b1, fx.reps.b2, fx.reps.s1, fx.reps.loner].sort(),
    );
    for (const team of roster.teams) {
      for (const rep of team.reps) {
        const { open, won, lost, wonRevenue, activities, reps } = rep;
        expect({ open, won, lost, wonRevenue, activities, reps }, `rep ${rep.repId}`).toEqual(recount([rep.repId]));
      }
      expect(team.totals).toEqual(recount(team.reps.map((rep) => rep.repId)));
    }
    expect(roster.totals).toEqual(recount(listedReps(roster)));
    expect(roster.yearStart).toEqual(yearStart);
    expect(roster.yearEnd).toEqual(yearEnd);
    expect(serialized(roster)).not.toContain("Outsider");
  });

  it("gives a manager only the teams they manage", async () => {
    const manager = viewer({ userId: fx.users.managerAlpha, role: "MANAGER", teamIds: [fx.teams.alpha, fx.teams.sdr] });
    const roster = await getTeamRoster(manager, { year: YEAR });
    expect(roster.teams.map((team) => team.teamId)).toEqual([fx.teams.alpha, fx.teams.sdr]);
    expect(listedReps(roster).sort()).toEqual([fx.reps.a1, fx.reps.a2, fx.reps.aLeft, fx.reps.s1].sort());
    expect(roster.totals).toEqual(recount([fx.reps.a1, fx.reps.a2, fx.reps.aLeft, fx.reps.s1]));
    expect(serialized(roster)).not.toMatch(/Eve Beta|Fedor Beta|Hana Teamless/);
  });

  it("gives a manager with no team an empty roster, not the organisation's", async () => {
    const roster = await getTeamRoster(viewer({ userId: fx.users.managerBeta, role: "MANAGER", teamIds: [] }), { year: YEAR });
    expect(roster.teams).toEqual([]);
    expect(roster.totals).toEqual({ open: 0, won: 0, lost: 0, wonRevenue: "0", activities: 0, reps: 0 });
  });

  it("gives a rep their own row and their team's totals, and no colleague's name or figures", async () => {
    const rep = viewer({ userId: fx.users.repA1, role: "REP", repId: fx.reps.a1, teamIds: [fx.teams.alpha] });
    const roster = await getTeamRoster(rep, { year: YEAR });
    expect(roster.teams).toHaveLength(1);
    const [team] = roster.teams;
    expect(team?.name).toBe("Alpha");
    expect(team?.reps.map((r) => [r.repId, r.isViewer])).toEqual([[fx.reps.a1, true]]);
    const teamReps = [fx.reps.a1, fx.reps.a2, fx.reps.aLeft];
    expect(team?.totals).toEqual(recount(teamReps));
    expect(roster.totals).toEqual(recount(teamReps));
    expect(serialized(roster)).not.toMatch(/Boris Alpha|Carl Departed|Eve Beta/);
    expect(serialized(roster)).not.toContain(`"repId":${fx.reps.a2}`);
  });

  it("gives a rep with no team just their own figures", async () => {
    const rep = viewer({ userId: fx.users.repA1, role: "REP", repId: fx.reps.loner, teamIds: [] });
    const roster = await getTeamRoster(rep, { year: YEAR });
    expect(listedReps(roster)).toEqual([fx.reps.loner]);
    expect(roster.totals).toEqual(recount([fx.reps.loner]));
  });

  it("gives a rep user with no rep record nothing", async () => {
    const roster = await getTeamRoster(viewer({ userId: fx.users.repA1, role: "REP", repId: null, teamIds: [] }), { year: YEAR });
    expect(roster.teams).toEqual([]);
    expect(roster.totals.reps).toBe(0);
  });

  it("keeps organisations apart even when team ids are forged into the viewer", async () => {
    const intruder = mintViewer({
      userId: fx.users.admin, orgId: fx.orgId, role: "MANAGER", repId: null, teamIds: [fx.teams.alpha + 1000, fx.otherRep],
      name: "x", email: "x@x.test", locale: "en",
    });
    const roster = await getTeamRoster(intruder, { year: YEAR });
    expect(serialized(roster)).not.toContain("Outsider");
    const otherAdmin = mintViewer({ userId: fx.users.otherAdmin, orgId: fx.otherOrgId, role: "ADMIN", repId: null, teamIds: [], name: "o", email: "o@x.test", locale: "en" });
    const theirs = await getTeamRoster(otherAdmin, { year: YEAR });
    expect(listedReps(theirs)).toEqual([fx.otherRep]);
    expect(theirs.totals).toMatchObject({ won: 1, wonRevenue: "999999.00", activities: 1 });
  });

  it("refuses a viewer that was not minted by requireViewer", async () => {
    const forged = { userId: 1, orgId: fx.orgId, role: "ADMIN", repId: null, teamIds: [] } as never;
    await expect(getTeamRoster(forged, { year: YEAR })).rejects.toThrow(/requireViewer/);
  });
});
