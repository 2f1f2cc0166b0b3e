// Issue 16: a plan's goals on the demo data. The baseline is this year's lib/kpi figure of the team (a manager's goal)
// or the rep (a rep's goal); refusals are field errors that write nothing; progress is the same figure year to date.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { mintViewer, type Viewer } from "@/lib/auth/viewer";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { localDate, periodOf } from "@/lib/kpi/period";
import { queryActivityMetrics } from "@/lib/kpi/query-activity-metrics";
import { queryDealMetrics } from "@/lib/kpi/query-deal-metrics";
import { seedDemo } from "@/prisma/seed";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";

const holder = vi.hoisted(() => ({ client: undefined as unknown as PrismaClient }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/db/client", () => ({
  db: new Proxy({}, { get: (_target, property) => Reflect.get(holder.client, property, holder.client) }),
}));

const { saveGoal, deleteGoal } = await import("@/lib/data/goals/save-goal");
const { listGoalProgress } = await import("@/lib/goals/goal-progress");
const { saveGoalSchema } = await import("@/lib/validation/goals");

let database: ScratchDatabase;
let client: PrismaClient;
let manager: Viewer;
let repViewer: Viewer;
let otherRepViewer: Viewer;
let timeZone: string;
let team: { id: number; managerId: number };
let rep: { id: number; userId: number };
let outsider: number;

const form = (values: Record<string, string>) =>
  saveGoalSchema.parse({ teamId: String(team.id), year: "2025", goalId: "", title: "Goal", horizon: "SHORT_TERM", section: "", dueAt: "2026-12-31", ...values });

beforeAll(async () => {
  database = await createMigratedDatabase();
  await seedDemo(database.url, { today: new Date("2026-02-15T12:00:00Z"), reps: 8, years: 2 });
  client = createPrismaClient(database.url);
  holder.client = client;
  const found = await client.team.findFirstOrThrow({ where: { kind: "AE", managerId: { not: null }, reps: { some: { userId: { not: null } } } }, orderBy: { id: "asc" }, select: { id: true, orgId: true, managerId: true, manager: { select: { name: true, email: true } } } });
  team = { id: found.id, managerId: found.managerId! };
  timeZone = (await client.organization.findUniqueOrThrow({ where: { id: found.orgId }, select: { timeZone: true } })).timeZone;
  manager = mintViewer({ userId: found.managerId!, orgId: found.orgId, role: "MANAGER", repId: null, teamIds: [found.id], name: found.manager!.name, email: found.manager!.email, locale: "en" });
  const reps = await client.rep.findMany({ where: { teamId: found.id, userId: { not: null } }, orderBy: { id: "asc" }, select: { id: true, userId: true, name: true } });
  rep = { id: reps[0]!.id, userId: reps[0]!.userId! };
  repViewer = mintViewer({ userId: rep.userId, orgId: found.orgId, role: "REP", repId: rep.id, teamIds: [found.id], name: reps[0]!.name, email: "rep@example.test", locale: "en" });
  otherRepViewer = mintViewer({ userId: reps[1]!.userId!, orgId: found.orgId, role: "REP", repId: reps[1]!.id, teamIds: [found.id], name: reps[1]!.name, email: "rep2@example.test", locale: "en" });
  const other = await client.rep.findFirstOrThrow({ where: { teamId: { not: found.id }, userId: { not: null } }, select: { userId: true } });
  outsider = other.userId!;
}, 180_000);

afterAll(async () => {
  await client?.$disconnect();
  await database?.drop();
});

describe("goals on the demo data", () => {
  it("fill a manager's goal's baseline with the team's lib/kpi figure of the year", async () => {
    const { goalId } = await client.$transaction((tx) => saveGoal(manager, form({ title: "Win more", metric: "winRate", target: "45", ownerId: String(team.managerId) }), tx));
    const goal = await client.reviewGoal.findUniqueOrThrow({ where: { id: goalId } });
    const deals = await queryDealMetrics(client, manager, { period: periodOf({ kind: "year", year: 2025 }, timeZone), filter: { teamIds: [team.id] } });
    expect(deals.total.current.winRate).not.toBeNull();
    expect(Number(goal.baseline)).toBeCloseTo(deals.total.current.winRate!, 4);
    expect(Number(goal.target)).toBe(0.45);
    expect(goal).toMatchObject({ draft: false, ownerId: team.managerId, metric: "winRate" });
    const audit = await client.auditLog.findFirstOrThrow({ where: { entity: "review_goal", entityId: String(goalId) } });
    expect(audit.action).toBe("goal.create");
  });

  it("fill a rep's goal's baseline with the rep's own figure", async () => {
    const { goalId } = await client.$transaction((tx) => saveGoal(manager, form({ title: "More calls", metric: "calls", target: "999999", ownerId: String(rep.userId) }), tx));
    const goal = await client.reviewGoal.findUniqueOrThrow({ where: { id: goalId } });
    const activities = await queryActivityMetrics(client, manager, { period: periodOf({ kind: "year", year: 2025 }, timeZone), filter: { repId: rep.id } });
    expect(activities.total.current.byType.CALL.count).toBeGreaterThan(0);
    expect(Number(goal.baseline)).toBe(activities.total.current.byType.CALL.count);
  });

  it("refuses an owner outside the team and a target equal to the baseline, as field errors, writing nothing", async () => {
    const before = await client.reviewGoal.count();
    const audits = await client.auditLog.count();
    const refused = (values: Record<string, string>) => client.$transaction((tx) => saveGoal(manager, form(values), tx)).then(() => null, (error: unknown) => error);
    const outside = await refused({ title: "x", metric: "calls", target: "10", ownerId: String(outsider) });
    expect(outside).toBeInstanceOf(z.ZodError);
    expect((outside as z.ZodError).issues[0]).toMatchObject({ path: ["ownerId"], params: { messageKey: "goals.errors.ownerOutsideTeam" } });
    const activities = await queryActivityMetrics(client, manager, { period: periodOf({ kind: "year", year: 2025 }, timeZone), filter: { repId: rep.id } });
    const same = await refused({ title: "x", metric: "calls", target: String(activities.total.current.byType.CALL.count), ownerId: String(rep.userId) });
    expect(same).toBeInstanceOf(z.ZodError);
    expect((same as z.ZodError).issues[0]).toMatchObject({ path: ["target"], params: { messageKey: "goals.errors.targetEqualsBaseline" } });
    expect(await client.reviewGoal.count()).toBe(before);
    expect(await client.auditLog.count()).toBe(audits);
  });

  it("complete a draft from a ticked KPI, and refuse another review's goal", async () => {
    const review = await client.review.findUniqueOrThrow({ where: { teamId_year: { teamId: team.id, year: 2025 } } });
    const draft = await client.reviewGoal.create({ data: { reviewId: review.id, horizon: "SHORT_TERM", section: "SALES_KPIS", title: "Revenue", metric: "revenue", dueAt: new Date("2026-12-31T00:00:00Z"), draft: true, source: "kpi:revenue" } });
    await client.$transaction((tx) => saveGoal(manager, form({ goalId: String(draft.id), title: "Revenue up", metric: "revenue", target: "123456789", ownerId: String(team.managerId), horizon: "LONG_TERM" }), tx));
    const done = await client.reviewGoal.findUniqueOrThrow({ where: { id: draft.id } });
    expect(done).toMatchObject({ draft: false, title: "Revenue up", horizon: "LONG_TERM", section: "SALES_KPIS", source: "kpi:revenue" });
    const otherTeam = await client.team.findFirstOrThrow({ where: { id: { not: team.id }, orgId: manager.orgId } });
    const otherManager = mintViewer({ ...manager, teamIds: [otherTeam.id] });
    await expect(client.$transaction((tx) => deleteGoal(otherManager, { teamId: team.id, year: 2025, goalId: draft.id }, tx))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("show progress with the same lib/kpi figure for the plan year to date, to the manager and to the owning rep only", async () => {
    const list = await listGoalProgress(manager, { planYear: 2026 });
    const today = localDate(new Date(), timeZone);
    const through = today > "2026-12-31" ? "2026-12-31" : today;
    expect(list.throughDate).toBe(through);
    const ytd = periodOf({ kind: "custom", from: "2026-01-01", to: through }, timeZone);
    const win = list.goals.find((goal) => goal.metric === "winRate")!;
    const deals = await queryDealMetrics(client, manager, { period: ytd, filter: { teamIds: [team.id] } });
    expect(win.value).toBe(deals.total.current.winRate);
    expect(win.onTrack).toBe(win.value === null ? null : win.value >= 0.45);
    const calls = list.goals.find((goal) => goal.metric === "calls")!;
    const activities = await queryActivityMetrics(client, manager, { period: ytd, filter: { repId: rep.id } });
    expect(calls.value).toBe(activities.total.current.byType.CALL.count);
    expect(calls.expected).toBeCloseTo(999999 * list.elapsedShare, 6);
    // The rep sees their own goal with their own figure, not the team's goals; a teammate sees none of it.
    const mine = await listGoalProgress(repViewer, { planYear: 2026 });
    expect(mine.goals.map((goal) => goal.id)).toEqual([calls.id]);
    expect(mine.goals[0]!.value).toBe(calls.value);
    expect((await listGoalProgress(otherRepViewer, { planYear: 2026 })).goals).toEqual([]);
  });
});
