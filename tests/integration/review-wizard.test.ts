// The review wizard's saved state against a real database: answers that autosave without overwriting
// someone else's, sections marked done, completion (read-only, audited) and who may open which team's review.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { readDataVersion } from "@/lib/db/data-version";
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

const { saveReviewAnswer } = await import("@/lib/actions/review-save-answer");
const { setReviewStatus } = await import("@/lib/actions/review-set-status");
const { setReviewSectionDone } = await import("@/lib/actions/review-set-section-done");
const { trackReviewKpi } = await import("@/lib/actions/review-track-kpi");
const { getReview } = await import("@/lib/data/review/get-review");
const { listTeamReviews } = await import("@/lib/data/review/list-team-reviews");

type Result = { status: string; message?: string; fieldErrors?: Record<string, string[]>; data?: unknown };
type Action = (prev: { status: "idle" }, data: FormData) => Promise<Result>;

let database: ScratchDatabase;
let db: PrismaClient;
let fx: Fixture;
const YEAR = 2025;

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

function call(action: unknown, viewer: Viewer | null, fields: Record<string, string | number>): Promise<Result> {
  holder.viewer = viewer;
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, String(value));
  return (action as Action)({ status: "idle" }, form);
}

const answer = (viewer: Viewer, questionKey: string, text: string, baseVersion: number, teamId = fx.teams.x) =>
  call(saveReviewAnswer, viewer, { teamId, year: YEAR, section: "SALES_PROCESS", questionKey, answer: text, baseVersion });

describe("answers", () => {
  it("saves a new answer and each later save from the version it started from", async () => {
    const first = await answer(fx.viewers.managerX, "buyerHelp", "We send a one-page summary after discovery.", 0);
    expect(first).toMatchObject({ status: "success", data: { outcome: "saved", version: 1 } });
    const second = await answer(fx.viewers.managerX, "buyerHelp", "We send a one-page summary after every meeting.", 1);
    expect(second).toMatchObject({ status: "success", data: { outcome: "saved", version: 2 } });
    const review = await getReview(fx.viewers.managerX, { teamId: fx.teams.x, year: YEAR });
    expect(review.answers.buyerHelp).toMatchObject({ answer: "We send a one-page summary after every meeting.", version: 2 });
    expect(review.touchedSections).toEqual(["SALES_PROCESS"]);
  });

  it("moves the data version when it creates the review, and not on later saves, so autosave keeps the KPI cache", async () => {
    const save = (text: string, baseVersion: number) =>
      call(saveReviewAnswer, fx.viewers.managerX, { teamId: fx.teams.x, year: YEAR - 1, section: "SALES_PROCESS", questionKey: "stallAndLoss", answer: text, baseVersion });
    const before = await readDataVersion(db);
    expect(await save("Deals stall after the proposal.", 0)).toMatchObject({ data: { outcome: "saved", version: 1 } });
    const created = await readDataVersion(db);
    expect(created).toBeGreaterThan(before);
    expect(await save("Deals stall after the proposal; we lose on price.", 1)).toMatchObject({ data: { outcome: "saved", version: 2 } });
    expect(await readDataVersion(db)).toBe(created);
  });

  it("refuses a save made from an older version and returns the other one, overwriting nothing", async () => {
    // Two tabs opened at version 2; the admin's tab saves first.
    const theirs = await answer(fx.viewers.admin, "buyerHelp", "Admin's text", 2);
    expect(theirs).toMatchObject({ data: { outcome: "saved", version: 3 } });
    const mine = await answer(fx.viewers.managerX, "buyerHelp", "Manager's text", 2);
    expect(mine).toMatchObject({ status: "success", data: { outcome: "conflict", theirs: { answer: "Admin's text", version: 3 } } });
    expect((await db.reviewAnswer.findFirstOrThrow({ where: { questionKey: "buyerHelp" } })).answer).toBe("Admin's text");
    // Keeping mine is a save from their version.
    expect(await answer(fx.viewers.managerX, "buyerHelp", "Manager's text", 3)).toMatchObject({ data: { outcome: "saved", version: 4 } });
  });

  it("refuses a second new answer to a question someone answered meanwhile", async () => {
    await answer(fx.viewers.admin, "buyerNextStage", "First", 0);
    expect(await answer(fx.viewers.managerX, "buyerNextStage", "Second", 0)).toMatchObject({ data: { outcome: "conflict", theirs: { answer: "First", version: 1 } } });
  });

  it("rejects a question of another section, a NUL byte, an int4-overflowing team and a year out of range, naming the field", async () => {
    const before = await databaseFingerprint(db);
    expect((await call(saveReviewAnswer, fx.viewers.managerX, { teamId: fx.teams.x, year: YEAR, section: "COACHING", questionKey: "buyerHelp", answer: "x", baseVersion: 0 })).status).toBe("error");
    const nul = await answer(fx.viewers.managerX, "buyerHelp", "a\u0000b", 4);
    expect(nul.fieldErrors?.answer).toBeDefined();
    const big = await call(saveReviewAnswer, fx.viewers.managerX, { teamId: "2147483648", year: YEAR, section: "SALES_PROCESS", questionKey: "buyerHelp", answer: "x", baseVersion: 0 });
    expect(big.fieldErrors?.teamId).toBeDefined();
    const year = await call(saveReviewAnswer, fx.viewers.managerX, { teamId: fx.teams.x, year: 9999, section: "SALES_PROCESS", questionKey: "buyerHelp", answer: "x", baseVersion: 0 });
    expect(year.fieldErrors?.year).toBeDefined();
    expect(await databaseFingerprint(db)).toEqual(before);
  });
});

describe("who may open and write a team's review", () => {
  it("answers not found to another team's manager and to reps, and writes nothing", async () => {
    const before = await databaseFingerprint(db);
    await expect(getReview(fx.viewers.managerY, { teamId: fx.teams.x, year: YEAR })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getReview(fx.viewers.repA, { teamId: fx.teams.x, year: YEAR })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const refused = await answer(fx.viewers.managerY, "buyerHelp", "Not mine to write", 0);
    expect(refused.status).toBe("error");
    expect(JSON.stringify(refused)).not.toContain("Manager's text");
    expect((await answer(fx.viewers.repA, "buyerHelp", "Rep", 0)).status).toBe("error");
    expect(await databaseFingerprint(db)).toEqual(before);
  });

  it("lists a manager's own teams only, and every team for an admin", async () => {
    expect((await listTeamReviews(fx.viewers.managerY, YEAR)).map((row) => row.team.id)).toEqual([fx.teams.y]);
    const all = await listTeamReviews(fx.viewers.admin, YEAR);
    expect(all.map((row) => row.team.id)).toContain(fx.teams.x);
    expect(all.map((row) => row.team.id)).not.toContain(fx.teams.other);
    expect(all.find((row) => row.team.id === fx.teams.x)).toMatchObject({ status: "DRAFT", answers: 2 });
  });
});

describe("sections and completion", () => {
  it("marks a section done and back, audited", async () => {
    expect((await call(setReviewSectionDone, fx.viewers.managerX, { teamId: fx.teams.x, year: YEAR, section: "COACHING", done: "true" })).status).toBe("success");
    expect((await getReview(fx.viewers.managerX, { teamId: fx.teams.x, year: YEAR })).doneSections).toEqual(["COACHING"]);
    await call(setReviewSectionDone, fx.viewers.managerX, { teamId: fx.teams.x, year: YEAR, section: "COACHING", done: "false" });
    expect((await getReview(fx.viewers.managerX, { teamId: fx.teams.x, year: YEAR })).doneSections).toEqual([]);
    expect(await db.auditLog.count({ where: { action: { in: ["review.section_done", "review.section_reopened"] } } })).toBe(2);
  });

  it("completes the review: who and when recorded and audited, then every write refused until it is reopened", async () => {
    expect((await call(setReviewStatus, fx.viewers.managerX, { teamId: fx.teams.x, year: YEAR, status: "COMPLETED" })).status).toBe("success");
    const review = await getReview(fx.viewers.admin, { teamId: fx.teams.x, year: YEAR });
    expect(review).toMatchObject({ status: "COMPLETED", completedBy: expect.any(String) });
    expect(review.completedAt).not.toBeNull();
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "review.complete" } });
    expect(audit).toMatchObject({ actorId: fx.viewers.managerX.userId, before: { status: "DRAFT" }, after: { status: "COMPLETED" } });

    const before = await databaseFingerprint(db);
    const refused = await answer(fx.viewers.managerX, "buyerHelp", "Too late", 4);
    expect(refused).toMatchObject({ status: "error", message: expect.stringContaining("completed") });
    expect((await call(setReviewSectionDone, fx.viewers.managerX, { teamId: fx.teams.x, year: YEAR, section: "COACHING", done: "true" })).status).toBe("error");
    expect(await databaseFingerprint(db)).toEqual(before);

    expect((await call(setReviewStatus, fx.viewers.admin, { teamId: fx.teams.x, year: YEAR, status: "DRAFT" })).status).toBe("success");
    expect(await db.auditLog.count({ where: { action: "review.reopen", actorId: fx.viewers.admin.userId } })).toBe(1);
    expect(await answer(fx.viewers.managerX, "buyerHelp", "After reopening", 4)).toMatchObject({ data: { outcome: "saved", version: 5 } });
  });
});

describe("KPIs to track", () => {
  it("puts a ticked KPI into the plan as a draft with this year's baseline and takes it out when unticked", async () => {
    expect((await call(trackReviewKpi, fx.viewers.managerY, { teamId: fx.teams.y, year: YEAR, metric: "winRate", tracked: "true" })).status).toBe("success");
    const goal = await db.reviewGoal.findFirstOrThrow({ where: { source: "kpi:winRate" } });
    expect(goal).toMatchObject({ draft: true, metric: "winRate", section: "SALES_KPIS", title: "Win rate", target: null });
    expect((await call(trackReviewKpi, fx.viewers.managerY, { teamId: fx.teams.y, year: YEAR, metric: "winRate", tracked: "true" })).status).toBe("success");
    expect(await db.reviewGoal.count({ where: { source: "kpi:winRate" } })).toBe(1);
    await call(trackReviewKpi, fx.viewers.managerY, { teamId: fx.teams.y, year: YEAR, metric: "winRate", tracked: "false" });
    expect(await db.reviewGoal.count({ where: { source: "kpi:winRate" } })).toBe(0);
    expect((await call(trackReviewKpi, fx.viewers.managerY, { teamId: fx.teams.y, year: YEAR, metric: "constructor", tracked: "true" })).status).toBe("error");
  });
});
