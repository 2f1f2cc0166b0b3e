// Coaching: the rep profile's figures are lib/kpi's on the demo year; the automatic check of a commitment at its due
// date, at the organisation's time-zone boundary; sessions refused on bad input with nothing saved; and a rep kept
// out of another rep's profile, sessions and commitments.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ZodError } from "zod";
import { mintViewer, type Viewer } from "@/lib/auth/viewer";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { AppError } from "@/lib/errors";
import { diagnoseRep, diagnoseReps } from "@/lib/kpi/diagnose-reps";
import { periodOf } from "@/lib/kpi/period";
import { queryActivityMetrics } from "@/lib/kpi/query-activity-metrics";
import { queryConversionActivities } from "@/lib/kpi/query-conversion-activities";
import { queryDealMetrics } from "@/lib/kpi/query-deal-metrics";
import { queryLeadMetrics } from "@/lib/kpi/query-lead-metrics";
import { queryTeamMedians } from "@/lib/kpi/query-team-medians";
import { COACHING_METRICS } from "@/lib/review/metric-catalogue";
import { createCoachingSessionSchema } from "@/lib/validation/coaching";
import { seedDemo } from "@/prisma/seed";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";

const holder = vi.hoisted(() => ({ client: undefined as unknown as PrismaClient }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/db/client", () => ({
  db: new Proxy({}, { get: (_target, property) => Reflect.get(holder.client, property, holder.client) }),
}));

const { checkCommitments } = await import("@/lib/coaching/check-commitments");
const { repMetricValues } = await import("@/lib/coaching/rep-metric-values");
const { createCoachingSession } = await import("@/lib/data/coaching/create-coaching-session");
const { listRepCoaching } = await import("@/lib/data/coaching/list-rep-coaching");
const { getCoachedRep } = await import("@/lib/data/coaching/get-coached-rep");
const { setCommitmentStatus } = await import("@/lib/data/coaching/set-commitment-status");
const { acknowledgeCommitment } = await import("@/lib/data/coaching/acknowledge-commitment");

const viewerOf = (fields: { userId: number; orgId: number; role: "ADMIN" | "MANAGER" | "REP"; repId?: number | null; teamIds?: number[] }) =>
  mintViewer({ repId: null, teamIds: [], name: "Someone", email: "someone@example.test", locale: "en", ...fields });

describe("the rep profile on the demo year", () => {
  // docs/demo-data.md's day: 2025 is the last full year.
  const TODAY = new Date("2026-11-27T12:00:00Z");
  let database: ScratchDatabase;
  let db: PrismaClient;
  let paul: Viewer;
  let north: number;
  let timeZone: string;
  const reps = new Map<string, { id: number; userId: number | null }>();

  beforeAll(async () => {
    database = await createMigratedDatabase();
    await seedDemo(database.url, { today: TODAY });
    db = createPrismaClient(database.url);
    holder.client = db;
    await db.$executeRawUnsafe("ANALYZE");
    const team = await db.team.findFirstOrThrow({ where: { name: "Team North" }, include: { reps: true } });
    north = team.id;
    timeZone = (await db.organization.findUniqueOrThrow({ where: { id: team.orgId } })).timeZone;
    paul = viewerOf({ userId: team.managerId!, orgId: team.orgId, role: "MANAGER", teamIds: [team.id] });
    for (const rep of team.reps) reps.set(rep.name, { id: rep.id, userId: rep.userId });
  }, 600_000);

  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  /** The profile's figures as load-rep-profile composes them: lib/kpi narrowed to the rep, and the team's median rep. */
  async function profileOf(viewer: Viewer, repId: number) {
    const period = periodOf({ kind: "year", year: 2025 }, timeZone);
    const filter = { repId };
    const [activities, leads, team] = await Promise.all([
      queryActivityMetrics(db, viewer, { period, filter }),
      queryLeadMetrics(db, viewer, { period, filter }),
      queryTeamMedians(db, viewer, { period, teamId: north }),
    ]);
    const own = { perWorkingDay: activities.total.current.perWorkingDay, responseRate: activities.total.current.responseRate, leadToOpportunity: leads.total.current.leadToOpportunity };
    const median = { perWorkingDay: team.activitiesPerWorkingDay, responseRate: team.responseRate, leadToOpportunity: team.leadToOpportunity };
    return { activities, leads, team, own, median, codes: diagnoseRep(own, median) };
  }

  it("diagnoses the planted reps: Theo Keller LOW_ACTIVITY, Tobias Thalberg LOW_EFFECTIVENESS", async () => {
    expect((await profileOf(paul, reps.get("Theo Keller")!.id)).codes).toEqual(["LOW_ACTIVITY"]);
    expect((await profileOf(paul, reps.get("Tobias Thalberg")!.id)).codes).toEqual(["LOW_EFFECTIVENESS"]);
  });

  it("gives every rep of the team the review's diagnosis, against the same team medians", async () => {
    const period = periodOf({ kind: "year", year: 2025 }, timeZone);
    const filter = { teamIds: [north] };
    const [activities, leads] = await Promise.all([queryActivityMetrics(db, paul, { period, filter }), queryLeadMetrics(db, paul, { period, filter })]);
    const review = new Map(diagnoseReps(activities, leads).map((d) => [d.repId, d]));
    for (const [name, rep] of reps) {
      const profile = await profileOf(paul, rep.id);
      const expected = review.get(rep.id)!;
      expect(profile.codes, name).toEqual(expected.codes);
      expect(profile.own.perWorkingDay, name).toBeCloseTo(expected.perWorkingDay!, 9);
      expect(profile.median.perWorkingDay, name).toBeCloseTo(expected.team.perWorkingDay!, 9);
      expect(profile.median.responseRate, name).toBeCloseTo(expected.team.responseRate!, 9);
      if (expected.team.leadToOpportunity === null) expect(profile.median.leadToOpportunity, name).toBeNull();
      else expect(profile.median.leadToOpportunity, name).toBeCloseTo(expected.team.leadToOpportunity, 9);
    }
  });

  it("shows a rep their own figures and the same team medians as their manager sees, and nobody else's row", async () => {
    const theo = reps.get("Theo Keller")!;
    const self = viewerOf({ userId: theo.userId!, orgId: paul.orgId, role: "REP", repId: theo.id, teamIds: [north] });
    const mine = await profileOf(self, theo.id);
    const managers = await profileOf(paul, theo.id);
    expect(mine.own).toEqual(managers.own);
    expect(mine.median).toEqual(managers.median);
    expect(mine.codes).toEqual(["LOW_ACTIVITY"]);
    // Another rep's figures are refused to a rep, however asked.
    await expect(repMetricValues(self, { repId: reps.get("Tobias Thalberg")!.id, period: periodOf({ kind: "year", year: 2025 }, timeZone), metrics: ["calls"] }, db)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getCoachedRep(self, reps.get("Tobias Thalberg")!.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listRepCoaching(self, { repId: reps.get("Tobias Thalberg")!.id, period: periodOf({ kind: "year", year: 2025 }, timeZone) })).rejects.toBeInstanceOf(AppError);
  });

  it("reads each catalogue metric of a rep from the rep's row of the team's lib/kpi results", async () => {
    const period = periodOf({ kind: "year", year: 2025 }, timeZone);
    const tobias = reps.get("Tobias Thalberg")!.id;
    const values = await repMetricValues(paul, { repId: tobias, period, metrics: COACHING_METRICS }, db);
    const filter = { teamIds: [north] };
    const [activities, deals, conversions] = await Promise.all([
      queryActivityMetrics(db, paul, { period, filter }),
      queryDealMetrics(db, paul, { period, filter }),
      queryConversionActivities(db, paul, { period, filter }),
    ]);
    const act = activities.reps.find((r) => r.repId === tobias)!.current;
    const deal = deals.reps.find((r) => r.repId === tobias)!.current;
    const conv = conversions.reps.find((r) => r.repId === tobias)!.current;
    expect(values.get("activitiesPerDay")).toBeCloseTo(act.perWorkingDay!, 9);
    expect(values.get("emailResponseRate")).toBeCloseTo(act.byType.EMAIL.responseRate!, 9);
    expect(values.get("calls")).toBe(act.byType.CALL.count);
    expect(values.get("winRate")).toBeCloseTo(deal.winRate!, 9);
    expect(values.get("revenue")).toBe(Number(deal.revenue));
    expect(values.get("followUpRate")).toBeCloseTo(conv.followUpRate!, 9);
  });

  it("lists a rep's commitments with the automatic check, and overdue ones flagged", async () => {
    const theo = reps.get("Theo Keller")!.id;
    const coaching = await listRepCoaching(paul, { repId: theo, period: periodOf({ kind: "year", year: 2025 }, timeZone) }, TODAY);
    expect(coaching.sessions.length).toBeGreaterThan(10);
    const checked = coaching.commitments.filter((c) => c.check !== null);
    expect(checked.length).toBeGreaterThan(0);
    for (const c of checked) {
      expect(c.check!.final).toBe(true);
      expect(c.check!.to).toBe(c.dueAt);
    }
    expect(coaching.commitments.filter((c) => c.overdue).every((c) => c.status === "OPEN" && c.dueAt < "2026-11-27")).toBe(true);
  });
});

describe("sessions and commitments", () => {
  let database: ScratchDatabase;
  let db: PrismaClient;
  let orgId: number;
  const ids = { teamX: 0, teamY: 0, repA: 0, repB: 0, userA: 0, userB: 0, managerX: 0, managerY: 0 };
  let managerX: Viewer;
  let managerY: Viewer;
  let repA: Viewer;
  let repB: Viewer;
  const BERLIN = "Europe/Berlin";

  beforeAll(async () => {
    database = await createMigratedDatabase();
    db = createPrismaClient(database.url);
    holder.client = db;
    orgId = (await db.organization.create({ data: { name: "Northwind", currency: "EUR", timeZone: BERLIN } })).id;
    const user = (name: string, role: "MANAGER" | "REP") => db.user.create({ data: { orgId, name, email: `${name.toLowerCase()}@northwind.test`, role, passwordHash: "x" } }).then((u) => u.id);
    ids.managerX = await user("Max", "MANAGER");
    ids.managerY = await user("Yana", "MANAGER");
    ids.userA = await user("Anna", "REP");
    ids.userB = await user("Boris", "REP");
    ids.teamX = (await db.team.create({ data: { orgId, name: "X", managerId: ids.managerX } })).id;
    ids.teamY = (await db.team.create({ data: { orgId, name: "Y", managerId: ids.managerY } })).id;
    ids.repA = (await db.rep.create({ data: { orgId, name: "Anna", kind: "SDR", teamId: ids.teamX, userId: ids.userA } })).id;
    ids.repB = (await db.rep.create({ data: { orgId, name: "Boris", kind: "SDR", teamId: ids.teamX, userId: ids.userB } })).id;
    managerX = viewerOf({ userId: ids.managerX, orgId, role: "MANAGER", teamIds: [ids.teamX] });
    managerY = viewerOf({ userId: ids.managerY, orgId, role: "MANAGER", teamIds: [ids.teamY] });
    repA = viewerOf({ userId: ids.userA, orgId, role: "REP", repId: ids.repA, teamIds: [ids.teamX] });
    repB = viewerOf({ userId: ids.userB, orgId, role: "REP", repId: ids.repB, teamIds: [ids.teamX] });
    // Anna's calls around the due date 2025-03-14 (Berlin is UTC+1 in March): the first two fall inside the window,
    // the third is 00:30 on the 15th in Berlin although still the 14th in UTC.
    for (const at of ["2025-03-03T08:00:00Z", "2025-03-14T22:30:00Z", "2025-03-14T23:30:00Z"]) {
      await db.activity.create({ data: { orgId, repId: ids.repA, type: "CALL", at: new Date(at) } });
    }
  });

  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  const parse = (fields: Record<string, unknown>) => createCoachingSessionSchema.parse(fields);
  const inTx = <T,>(work: (tx: Parameters<typeof createCoachingSession>[2]) => Promise<T>) => db.$transaction((tx) => work(tx));

  async function logAnnasSession(viewer: Viewer, now = new Date("2025-03-03T12:00:00Z")) {
    const input = parse({
      repId: String(ids.repA),
      at: "2025-03-03T10:00",
      minutes: "45",
      topic: "Calling cadence",
      figures: ["calls", "responseRate"],
      "commitments.0.text": "At least three calls by the 14th",
      "commitments.0.metric": "calls",
      "commitments.0.target": "3",
      "commitments.0.dueAt": "2025-03-14",
      "commitments.1.text": "At least two calls by the 14th",
      "commitments.1.metric": "calls",
      "commitments.1.target": "2",
      "commitments.1.dueAt": "2025-03-14",
    });
    return inTx((tx) => createCoachingSession(viewer, input, tx, now));
  }

  it("logs a session with the figures discussed as they stood, and its commitments, each audited", async () => {
    const audits = await db.auditLog.count();
    const { sessionId } = await logAnnasSession(managerX);
    const session = await db.coachingSession.findUniqueOrThrow({ where: { id: sessionId }, include: { commitments: true } });
    expect(session.at.toISOString()).toBe("2025-03-03T09:00:00.000Z");
    expect(session.managerId).toBe(ids.managerX);
    // The 90 days up to the session's day hold the first call only.
    expect(session.figures).toEqual([
      { metric: "calls", value: 1, from: "2024-12-04", to: "2025-03-03" },
      { metric: "responseRate", value: 0, from: "2024-12-04", to: "2025-03-03" },
    ]);
    expect(session.commitments.map((c) => [c.metric, c.comparator, c.target?.toString(), c.status])).toEqual([
      ["calls", "AT_LEAST", "3", "OPEN"],
      ["calls", "AT_LEAST", "2", "OPEN"],
    ]);
    expect(await db.auditLog.count()).toBe(audits + 3);
  });

  it("checks a commitment only once its due date is over in the organisation's time zone, counting that zone's days", async () => {
    const commitments = await db.commitment.findMany({ where: { repId: ids.repA }, include: { session: true }, orderBy: { id: "asc" } });
    const checkable = commitments.map((c) => ({ id: c.id, repId: c.repId, metric: "calls" as const, comparator: c.comparator!, target: Number(c.target), dueAt: "2025-03-14", sessionAt: c.session!.at }));
    // 23:59 on the due date in Berlin: still running, measured so far, nothing proposed.
    const before = await checkCommitments(managerX, checkable, { timeZone: BERLIN, now: new Date("2025-03-14T22:59:00Z") }, db);
    expect([...before.values()].map((c) => [c.final, c.proposed, c.actual])).toEqual([
      [false, null, 2],
      [false, null, 2],
    ]);
    // Midnight in Berlin: final. The call at 00:30 on the 15th (Berlin) is outside the window although UTC still says the 14th.
    const after = await checkCommitments(managerX, checkable, { timeZone: BERLIN, now: new Date("2025-03-14T23:00:00Z") }, db);
    expect([...after.values()].map((c) => [c.final, c.actual, c.proposed, c.from, c.to])).toEqual([
      [true, 2, "MISSED", "2025-03-03", "2025-03-14"],
      [true, 2, "KEPT", "2025-03-03", "2025-03-14"],
    ]);
    // That call counts for the next local day: a window of the 15th alone holds it.
    const next = await checkCommitments(managerX, [{ ...checkable[0]!, dueAt: "2025-03-15", sessionAt: new Date("2025-03-15T08:00:00Z") }], { timeZone: BERLIN, now: new Date("2025-03-16T12:00:00Z") }, db);
    expect(next.get(checkable[0]!.id)?.actual).toBe(1);
  });

  it("lets the manager confirm the proposed status, audited with the checked value", async () => {
    const [first] = await db.commitment.findMany({ where: { repId: ids.repA }, orderBy: { id: "asc" } });
    await inTx((tx) => setCommitmentStatus(managerX, { commitmentId: first!.id, status: "MISSED", note: "Holiday week" }, tx, new Date("2025-03-20T12:00:00Z")));
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "commitment.set_status", entityId: String(first!.id) } });
    expect(audit.after).toMatchObject({ status: "MISSED", statusNote: "Holiday week", actual: 2, proposed: "MISSED", final: true });
  });

  it("lets only the rep acknowledge their own commitment", async () => {
    const [first] = await db.commitment.findMany({ where: { repId: ids.repA }, orderBy: { id: "asc" } });
    for (const viewer of [repB, managerX, managerY]) {
      await expect(inTx((tx) => acknowledgeCommitment(viewer, { commitmentId: first!.id }, tx))).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect((await db.commitment.findUniqueOrThrow({ where: { id: first!.id } })).acknowledgedAt).toBeNull();
    await inTx((tx) => acknowledgeCommitment(repA, { commitmentId: first!.id }, tx));
    expect((await db.commitment.findUniqueOrThrow({ where: { id: first!.id } })).acknowledgedAt).not.toBeNull();
  });

  it("keeps another team's manager and any rep out of a rep's sessions and commitments", async () => {
    const period = periodOf({ kind: "year", year: 2025 }, BERLIN);
    await expect(listRepCoaching(managerY, { repId: ids.repA, period })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listRepCoaching(repB, { repId: ids.repA, period })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await listRepCoaching(repA, { repId: ids.repA, period })).commitments).toHaveLength(2);
    const sessions = await db.coachingSession.count();
    await expect(logAnnasSession(managerY)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(logAnnasSession(repA)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const [first] = await db.commitment.findMany({ where: { repId: ids.repA }, orderBy: { id: "asc" } });
    await expect(inTx((tx) => setCommitmentStatus(managerY, { commitmentId: first!.id, status: "KEPT", note: null }, tx))).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.coachingSession.count()).toBe(sessions);
  });

  it("refuses a session more than a day ahead in the organisation's time zone, writing nothing", async () => {
    const sessions = await db.coachingSession.count();
    const commitments = await db.commitment.count();
    // The session (2025-03-03 10:00 Berlin, 09:00Z) is 25 hours after this "now": refused.
    const error = await logAnnasSession(managerX, new Date("2025-03-02T08:00:00Z")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues[0]?.path).toEqual(["at"]);
    expect(await db.coachingSession.count()).toBe(sessions);
    expect(await db.commitment.count()).toBe(commitments);
    // Within the day is fine.
    await logAnnasSession(managerX, new Date("2025-03-02T09:30:00Z"));
    expect(await db.coachingSession.count()).toBe(sessions + 1);
  });
});
