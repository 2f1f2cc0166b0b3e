// Attempts to act outside one's scope through the real server actions: each is refused and nothing is written.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { databaseFingerprint, seedAuthorizationFixture, type Fixture } from "./authorization-fixture";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";

const holder = vi.hoisted(() => ({ client: undefined as unknown as PrismaClient, viewer: null as Viewer | null }));
vi.mock("server-only", () => ({}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/lib/i18n/get-locale", () => ({ getLocale: async () => "en" }));
vi.mock("@/lib/auth/get-viewer", () => ({ getViewer: async () => holder.viewer }));
vi.mock("@/lib/db/client", () => ({
  db: new Proxy({}, { get: (_target, property) => Reflect.get(holder.client, property, holder.client) }),
}));

const { createUser } = await import("@/lib/actions/admin-create-user");
const { updateUser } = await import("@/lib/actions/admin-update-user");
const { setUserActive } = await import("@/lib/actions/admin-set-user-active");
const { setUserPassword } = await import("@/lib/actions/admin-set-password");
const { createTeam } = await import("@/lib/actions/admin-create-team");
const { updateTeam } = await import("@/lib/actions/admin-update-team");
const { moveRep } = await import("@/lib/actions/admin-move-rep");
const { updateDealNextStep } = await import("@/lib/actions/deal-update-next-step");
const { answerDealCriterion } = await import("@/lib/actions/deal-answer-criterion");

const NOT_FOUND = "This item does not exist or you do not have access to it.";
const FORBIDDEN = "You do not have permission to do this.";
const MISSING_ID = 2_000_000_000;

let database: ScratchDatabase;
let db: PrismaClient;
let fx: Fixture;

beforeAll(async () => {
  database = await createMigratedDatabase();
  db = createPrismaClient(database.url);
  holder.client = db;
  fx = await seedAuthorizationFixture(db);
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

type Action = (prev: { status: "idle" }, data: FormData) => Promise<{ status: string; message?: string }>;

async function post(as: keyof Fixture["viewers"], action: Action, fields: Record<string, string | number>) {
  holder.viewer = fx.viewers[as];
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, String(value));
  return action({ status: "idle" }, data);
}

/** Runs the attempt and proves it changed nothing at all. */
async function refusedWithoutWriting(attempt: () => Promise<{ status: string; message?: string }>) {
  const before = await databaseFingerprint(db);
  const result = await attempt();
  expect(result.status).toBe("error");
  expect(await databaseFingerprint(db)).toEqual(before);
  return result.message;
}

describe("an id from another organisation answers exactly like an id that does not exist", () => {
  it("editing another organisation's user by id", async () => {
    const tampered = await refusedWithoutWriting(() => post("admin", updateUser as Action, { userId: fx.users.otherRep, role: "ADMIN", teamId: "" }));
    const missing = await refusedWithoutWriting(() => post("admin", updateUser as Action, { userId: MISSING_ID, role: "ADMIN", teamId: "" }));
    expect(tampered).toBe(NOT_FOUND);
    expect(missing).toBe(tampered);
  });

  it("deactivating or re-passwording another organisation's user", async () => {
    expect(await refusedWithoutWriting(() => post("admin", setUserActive as Action, { userId: fx.users.otherAdmin, active: "false" }))).toBe(NOT_FOUND);
    expect(await refusedWithoutWriting(() => post("admin", setUserPassword as Action, { userId: fx.users.otherAdmin, password: "taken over now!" }))).toBe(NOT_FOUND);
  });

  it("a tampered teamId: a new user placed in another organisation's team", async () => {
    const message = await refusedWithoutWriting(() =>
      post("admin", createUser as Action, { name: "Mallory", email: "mallory@northwind.test", role: "REP", teamId: fx.teams.other, method: "invite" }),
    );
    expect(message).toBe(NOT_FOUND);
  });

  it("a tampered teamId or repId when moving a rep", async () => {
    expect(await refusedWithoutWriting(() => post("admin", moveRep as Action, { repId: fx.reps.a, teamId: fx.teams.other }))).toBe(NOT_FOUND);
    expect(await refusedWithoutWriting(() => post("admin", moveRep as Action, { repId: fx.reps.other, teamId: fx.teams.x }))).toBe(NOT_FOUND);
  });

  it("a tampered managerId: another organisation's user, or someone who is not a manager", async () => {
    expect(await refusedWithoutWriting(() => post("admin", updateTeam as Action, { teamId: fx.teams.x, name: "Team X", managerId: fx.users.otherAdmin }))).toBe(NOT_FOUND);
    expect(await refusedWithoutWriting(() => post("admin", updateTeam as Action, { teamId: fx.teams.x, name: "Team X", managerId: fx.users.repA }))).toMatch(/manager/i);
    expect(await refusedWithoutWriting(() => post("admin", updateTeam as Action, { teamId: fx.teams.other, name: "Mine now", managerId: "" }))).toBe(NOT_FOUND);
  });
});

describe("editing another team's deal by id", () => {
  it("another team's manager, a colleague in the same team, an admin with another organisation's deal: not found, nothing written", async () => {
    const deal = await db.deal.findUniqueOrThrow({ where: { id: fx.deals.a } });
    const criterion = await db.stageCriterion.create({ data: { stageId: deal.stageId, position: 9, question: "Is the budget confirmed?" } });
    const nextStep = { dealId: fx.deals.a, nextStep: "Taken over", expectedCloseAt: "2026-12-31" };
    expect(await refusedWithoutWriting(() => post("managerY", updateDealNextStep as Action, nextStep))).toBe(NOT_FOUND);
    expect(await refusedWithoutWriting(() => post("managerY", answerDealCriterion as Action, { dealId: fx.deals.a, criterionId: criterion.id, answer: "yes" }))).toBe(NOT_FOUND);
    expect(await refusedWithoutWriting(() => post("repB", updateDealNextStep as Action, nextStep))).toBe(NOT_FOUND);
    expect(await refusedWithoutWriting(() => post("admin", updateDealNextStep as Action, { ...nextStep, dealId: fx.deals.other }))).toBe(NOT_FOUND);
    // The same answer as for an id that does not exist.
    expect(await refusedWithoutWriting(() => post("managerY", updateDealNextStep as Action, { ...nextStep, dealId: MISSING_ID }))).toBe(NOT_FOUND);
  });

  it("a tampered criterionId from another organisation's pipeline, on one's own deal", async () => {
    const other = await db.deal.findUniqueOrThrow({ where: { id: fx.deals.other } });
    const foreign = await db.stageCriterion.create({ data: { stageId: other.stageId, position: 9, question: "Foreign question" } });
    expect(await refusedWithoutWriting(() => post("repA", answerDealCriterion as Action, { dealId: fx.deals.a, criterionId: foreign.id, answer: "yes" }))).toBe(NOT_FOUND);
  });
});

describe("a rep or a manager posting an admin-only action", () => {
  it("a rep making themselves an administrator", async () => {
    expect(await refusedWithoutWriting(() => post("repA", updateUser as Action, { userId: fx.users.repA, role: "ADMIN", teamId: "" }))).toBe(FORBIDDEN);
  });

  it("a rep moving a colleague's rep record into their own team, or changing a colleague's password", async () => {
    expect(await refusedWithoutWriting(() => post("repA", moveRep as Action, { repId: fx.reps.b, teamId: fx.teams.y }))).toBe(FORBIDDEN);
    expect(await refusedWithoutWriting(() => post("repB", setUserPassword as Action, { userId: fx.users.repA, password: "i know it now" }))).toBe(FORBIDDEN);
  });

  it("a manager taking over another team, creating a team or inviting an administrator", async () => {
    expect(await refusedWithoutWriting(() => post("managerX", updateTeam as Action, { teamId: fx.teams.y, name: "Team Y", managerId: fx.users.managerX }))).toBe(FORBIDDEN);
    expect(await refusedWithoutWriting(() => post("managerY", createTeam as Action, { name: "Shadow", kind: "AE", managerId: fx.users.managerY }))).toBe(FORBIDDEN);
    expect(
      await refusedWithoutWriting(() => post("managerX", createUser as Action, { name: "Eve", email: "eve@northwind.test", role: "ADMIN", teamId: "", method: "password", password: "long enough pw" })),
    ).toBe(FORBIDDEN);
  });
});

describe("an administrator cannot lock the organisation out", () => {
  it("refuses to demote or deactivate themselves", async () => {
    expect(await refusedWithoutWriting(() => post("admin", updateUser as Action, { userId: fx.users.admin, role: "REP", teamId: "" }))).toMatch(/your own role/);
    expect(await refusedWithoutWriting(() => post("admin", setUserActive as Action, { userId: fx.users.admin, active: "false" }))).toMatch(/your own role/);
  });
});
