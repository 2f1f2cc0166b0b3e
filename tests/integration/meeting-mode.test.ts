// The weekly pipeline meeting against a real database: starting and resuming, every decision kind and what it writes
// (the stage-change write path, the next step, the audit log), the derived KPI tables equal to a rebuild after the
// stage moves, two managers deciding one deal at once, the forecast snapshot and forecast accuracy reading it, the
// live-follow stream, and who may do what.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { periodOf } from "@/lib/kpi/period";
import { databaseFingerprint, seedAuthorizationFixture, type Fixture } from "./authorization-fixture";
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

const { startMeeting } = await import("@/lib/actions/meeting-start");
const { goToMeetingDeal } = await import("@/lib/actions/meeting-go-to-deal");
const { answerMeetingCriterion } = await import("@/lib/actions/meeting-answer-criterion");
const { setMeetingForecast } = await import("@/lib/actions/meeting-set-forecast");
const { decideMeetingDeal } = await import("@/lib/actions/meeting-decide");
const { finishMeeting } = await import("@/lib/actions/meeting-finish");
const { queryForecastAccuracy } = await import("@/lib/kpi/query-forecast-accuracy");
const { queryMeetingSummary } = await import("@/lib/kpi/query-meeting-summary");
const { queryForecastSnapshot } = await import("@/lib/kpi/query-forecast-snapshot");
const { GET: meetingEvents } = await import("@/app/api/meeting/[id]/events/route");
const { MEETING_STREAMS_PER_USER } = await import("@/lib/http/meeting-stream-slots");

type Result = { status: string; message?: string; fieldErrors?: Record<string, string[]>; data?: Record<string, number> };
type Action = (prev: { status: "idle" }, data: FormData) => Promise<Result>;
type As = keyof Fixture["viewers"];

const TZ = "Europe/Berlin";

let database: ScratchDatabase;
let db: PrismaClient;
let fx: Fixture;
let stages: { s1: number; s2: number; s3: number; won: number; lost: number };
let criteria: { s1a: number; s1b: number; s2: number };
/** Team X's open deals beyond the fixture's: c (rep A, the largest, S2), d (rep B, S1, no amount). */
let deals: { a: number; b: number; c: number; d: number; y: number };

function form(fields: Record<string, string | number | null>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) if (value !== null) data.set(key, String(value));
  return data;
}

async function post(as: As, action: unknown, fields: Record<string, string | number | null>): Promise<Result> {
  holder.viewer = fx.viewers[as];
  return (action as Action)({ status: "idle" }, form(fields));
}

/** The first day of the month `offset` months from now, in the organisation's time zone, as YYYY-MM-DD. */
function monthStart(offset: number): string {
  const [year, month] = new Intl.DateTimeFormat("en-CA", { timeZone: TZ, year: "numeric", month: "2-digit" }).format(new Date()).split("-").map(Number) as [number, number];
  const date = new Date(Date.UTC(year, month - 1 + offset, 1));
  return date.toISOString().slice(0, 10);
}

beforeAll(async () => {
  database = await createMigratedDatabase();
  db = createPrismaClient(database.url);
  holder.client = db;
  fx = await seedAuthorizationFixture(db);
  const dealA = await db.deal.findUniqueOrThrow({ where: { id: fx.deals.a } });
  const stage = (name: string, position: number, kind: "OPEN" | "WON" | "LOST" = "OPEN") =>
    db.stage.create({ data: { pipelineId: dealA.pipelineId, name, position, kind } }).then((row) => row.id);
  stages = { s1: dealA.stageId, s2: await stage("Proposal", 2), s3: await stage("Negotiation", 3), won: await stage("Won", 4, "WON"), lost: await stage("Lost", 5, "LOST") };
  const criterion = (stageId: number, position: number, question: string) => db.stageCriterion.create({ data: { stageId, position, question } }).then((row) => row.id);
  criteria = { s1a: await criterion(stages.s1, 1, "Is the pain confirmed?"), s1b: await criterion(stages.s1, 2, "Is the budget holder known?"), s2: await criterion(stages.s2, 1, "Has the buyer seen the proposal?") };
  const created = new Date("2025-02-01T10:00:00Z");
  const extra = (ownerId: number, name: string, stageId: number, amount: string | null, expectedCloseAt: string, forecastCategory: "COMMIT" | "BEST_CASE" | "PIPELINE") =>
    db.deal.create({ data: { orgId: fx.orgId, pipelineId: dealA.pipelineId, stageId, ownerId, name, amount, createdAt: created, expectedCloseAt: new Date(expectedCloseAt), forecastCategory } }).then((row) => row.id);
  deals = {
    a: fx.deals.a,
    b: fx.deals.b,
    c: await extra(fx.reps.a, "Northwind renewal", stages.s2, "50000", monthStart(0), "COMMIT"),
    d: await extra(fx.reps.b, "Contoso pilot", stages.s1, null, monthStart(1), "BEST_CASE"),
    y: fx.deals.y,
  };
  await db.deal.update({ where: { id: deals.a }, data: { expectedCloseAt: new Date(monthStart(1)), forecastCategory: "COMMIT", amount: "12000" } });
  await db.deal.update({ where: { id: deals.b }, data: { expectedCloseAt: new Date(monthStart(2)), forecastCategory: "PIPELINE", amount: "3000" } });
  await db.deal.update({ where: { id: deals.y }, data: { expectedCloseAt: new Date(monthStart(1)), forecastCategory: "COMMIT", amount: "7000" } });
  // Every deal entered its stage at creation (deal C through S1).
  for (const id of Object.values(deals)) {
    const deal = await db.deal.findUniqueOrThrow({ where: { id } });
    if (deal.stageId === stages.s2) {
      await db.dealStageChange.create({ data: { dealId: id, toStageId: stages.s1, at: created } });
      await db.dealStageChange.create({ data: { dealId: id, fromStageId: stages.s1, toStageId: stages.s2, at: new Date("2025-03-01T10:00:00Z") } });
    } else {
      await db.dealStageChange.create({ data: { dealId: id, toStageId: deal.stageId, at: created } });
    }
  }
  // Deal C's S1 criteria are met, so it is qualified in S2; deal A, B, D sit in S1.
  for (const criterionId of [criteria.s1a, criteria.s1b]) {
    await db.dealCriterionAnswer.create({ data: { dealId: deals.c, criterionId, answer: true, answeredAt: new Date("2025-02-20T10:00:00Z") } });
  }
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

/** The derived KPI tables of the fixture organisation as the triggers left them, and as a rebuild from scratch makes them. */
async function derivedAndRebuilt(): Promise<{ maintained: unknown[]; rebuilt: unknown[] }> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const org = fx.orgId;
  const read = async () => {
    const rows: unknown[] = [];
    for (const sql of [
      "SELECT f.* FROM deal_stage_fact f JOIN deal d ON d.id = f.deal_id WHERE d.org_id = $1 ORDER BY f.change_id",
      "SELECT * FROM stage_entry_day WHERE org_id = $1 ORDER BY 1, 2, 3, 4",
      "SELECT * FROM stage_stay_day WHERE org_id = $1 ORDER BY 1, 2, 3, 4",
      "SELECT * FROM stage_jump WHERE org_id = $1 ORDER BY change_id",
      "SELECT rep_id, pipeline_id, month, event, type, cycle_days, n, amount FROM deal_month WHERE org_id = $1 ORDER BY rep_id, pipeline_id, month, event, type, cycle_days NULLS FIRST",
      "SELECT * FROM conversion_touch WHERE org_id = $1 ORDER BY deal_id",
      "SELECT * FROM lead_chain WHERE org_id = $1 ORDER BY lead_id",
    ]) {
      rows.push(...(await client.query(sql, [org])).rows.map((row) => JSON.stringify(row)));
    }
    return rows;
  };
  try {
    await client.query("BEGIN");
    const maintained = await read();
    const dealIds = (await client.query<{ id: number }>("SELECT id FROM deal WHERE org_id = $1", [org])).rows.map((row) => row.id);
    await client.query("SELECT rebuild_stage_days($1)", [org]);
    await client.query("DELETE FROM deal_stage_fact WHERE deal_id = ANY ($1)", [dealIds]);
    await client.query("SELECT refresh_deal_stage_facts($1)", [dealIds]);
    await client.query("SELECT rebuild_stage_days($1)", [org]);
    await client.query("SELECT rebuild_conversion_touches($1)", [org]);
    await client.query("SELECT rebuild_lead_chains($1)", [org]);
    await client.query("SELECT rebuild_deal_months($1)", [org]);
    const rebuilt = await read();
    return { maintained, rebuilt };
  } finally {
    await client.query("ROLLBACK");
    await client.end();
  }
}

async function decisionVersion(meetingId: number, dealId: number): Promise<number> {
  return (await db.meetingDecision.findUnique({ where: { meetingId_dealId: { meetingId, dealId } } }))?.version ?? 0;
}

describe("the weekly pipeline meeting", () => {
  let meetingId = 0;

  it("is started by the team's manager with the open deals, most flagged first, and resumed rather than started twice", async () => {
    expect((await post("repA", startMeeting, { teamId: fx.teams.x, walkOrder: "FLAGGED" })).status).toBe("error");
    expect((await post("managerY", startMeeting, { teamId: fx.teams.x, walkOrder: "FLAGGED" })).status).toBe("error");
    expect(await db.pipelineMeeting.count()).toBe(0);

    const started = await post("managerX", startMeeting, { teamId: fx.teams.x, walkOrder: "FLAGGED" });
    expect(started.status, started.message).toBe("success");
    meetingId = started.data!.meetingId!;
    const meeting = await db.pipelineMeeting.findUniqueOrThrow({ where: { id: meetingId } });
    // Team X's four open deals, team Y's not. C (stale, no next step, past its close date at the start of this month) and
    // D (stale, no next step, no amount) carry three flags, A and B two; the larger amount first among equals.
    expect(meeting.dealIds).toEqual([deals.c, deals.d, deals.a, deals.b]);
    expect(meeting).toMatchObject({ status: "IN_PROGRESS", facilitatorId: fx.users.managerX, currentDealId: deals.c, openDealsBefore: 4, qualifiedBefore: 4 });
    expect(await db.auditLog.count({ where: { action: "meeting.start", entityId: String(meetingId) } })).toBe(1);

    const again = await post("admin", startMeeting, { teamId: fx.teams.x, walkOrder: "BY_REP" });
    expect(again.data).toEqual({ meetingId, resumed: true });
    expect(await db.pipelineMeeting.count()).toBe(1);
  });

  it("moves the pointer only to a deal on its list, only for those who run it, and bumps the version followers poll", async () => {
    const before = (await db.pipelineMeeting.findUniqueOrThrow({ where: { id: meetingId } })).version;
    expect((await post("repA", goToMeetingDeal, { meetingId, dealId: deals.a })).status).toBe("error");
    expect((await post("managerY", goToMeetingDeal, { meetingId, dealId: deals.a })).status).toBe("error");
    expect((await post("managerX", goToMeetingDeal, { meetingId, dealId: deals.y })).status).toBe("error");
    const moved = await post("managerX", goToMeetingDeal, { meetingId, dealId: deals.a });
    expect(moved.status).toBe("success");
    const meeting = await db.pipelineMeeting.findUniqueOrThrow({ where: { id: meetingId } });
    expect(meeting).toMatchObject({ currentDealId: deals.a, version: before + 1 });
  });

  it("records HOLD and NEEDS_WORK with a next step and its owner, writes the next step onto the deal, and audits it", async () => {
    const missing = await post("managerX", decideMeetingDeal, { meetingId, dealId: deals.b, decision: "HOLD", baseVersion: 0 });
    expect(missing.status).toBe("error");
    expect(Object.keys(missing.fieldErrors ?? {}).sort()).toEqual(["nextStep", "ownerId"]);
    // The owner must be one of the deal owner's login, the manager, the facilitator or the viewer: not another rep.
    const foreignOwner = await post("managerX", decideMeetingDeal, { meetingId, dealId: deals.b, decision: "HOLD", nextStep: "Call", ownerId: fx.users.repA, baseVersion: 0 });
    expect(foreignOwner).toMatchObject({ status: "error", message: expect.stringMatching(/owner of the next step/) });

    const audits = await db.auditLog.count();
    const hold = await post("managerX", decideMeetingDeal, { meetingId, dealId: deals.b, decision: "HOLD", nextStep: "Send the pricing sheet", ownerId: fx.users.repB, note: "Waiting on legal", baseVersion: 0 });
    expect(hold.status, hold.message).toBe("success");
    const decision = await db.meetingDecision.findUniqueOrThrow({ where: { meetingId_dealId: { meetingId, dealId: deals.b } } });
    expect(decision).toMatchObject({ kind: "HOLD", nextStep: "Send the pricing sheet", ownerId: fx.users.repB, note: "Waiting on legal", decidedById: fx.users.managerX, version: 1, stageChangeId: null });
    expect(decision.flags).toEqual(["STALE", "NO_NEXT_STEP"]);
    expect(await db.deal.findUniqueOrThrow({ where: { id: deals.b } })).toMatchObject({ nextStep: "Send the pricing sheet", stageId: stages.s1, status: "OPEN" });
    expect(await db.auditLog.count()).toBeGreaterThan(audits);
    expect(await db.auditLog.count({ where: { action: "meeting.decide", entityId: String(decision.id) } })).toBe(1);

    const work = await post("managerX", decideMeetingDeal, { meetingId, dealId: deals.d, decision: "NEEDS_WORK", nextStep: "Find the budget holder", ownerId: fx.users.managerX, baseVersion: 0 });
    expect(work.status, work.message).toBe("success");
    expect(await db.meetingDecision.findUniqueOrThrow({ where: { meetingId_dealId: { meetingId, dealId: deals.d } } })).toMatchObject({ kind: "NEEDS_WORK", ownerId: fx.users.managerX });
  });

  it("advances a deal only once its stage's exit criteria are met, through the stage-change write path", async () => {
    const refused = await post("managerX", decideMeetingDeal, { meetingId, dealId: deals.a, decision: "ADVANCE", nextStep: "Book the demo", ownerId: fx.users.repA, baseVersion: 0 });
    expect(refused).toMatchObject({ status: "error", message: expect.stringMatching(/exit criterion of “Discovery”.*2 are not yet/) });
    expect(await db.meetingDecision.count({ where: { meetingId, dealId: deals.a } })).toBe(0);

    expect((await post("repA", answerMeetingCriterion, { meetingId, dealId: deals.a, criterionId: criteria.s1a, answer: "yes" })).status).toBe("error");
    for (const criterionId of [criteria.s1a, criteria.s1b]) {
      expect((await post("managerX", answerMeetingCriterion, { meetingId, dealId: deals.a, criterionId, answer: "yes" })).status).toBe("success");
    }
    const startedAt = Date.now();
    const advanced = await post("managerX", decideMeetingDeal, { meetingId, dealId: deals.a, decision: "ADVANCE", nextStep: "Book the demo", ownerId: fx.users.repA, baseVersion: 0 });
    expect(advanced.status, advanced.message).toBe("success");
    const deal = await db.deal.findUniqueOrThrow({ where: { id: deals.a } });
    expect(deal).toMatchObject({ stageId: stages.s2, status: "OPEN", closedAt: null, nextStep: "Book the demo" });
    const [change] = await db.dealStageChange.findMany({ where: { dealId: deals.a }, orderBy: [{ at: "desc" }, { id: "desc" }], take: 1 });
    expect(change).toMatchObject({ fromStageId: stages.s1, toStageId: stages.s2, byUserId: fx.users.managerX, synthesized: false });
    expect(Math.abs(change!.at.getTime() - startedAt)).toBeLessThan(60_000);
    expect((await db.meetingDecision.findUniqueOrThrow({ where: { meetingId_dealId: { meetingId, dealId: deals.a } } })).stageChangeId).toBe(change!.id);
    expect(await db.auditLog.count({ where: { action: "deal.change_stage", entityId: String(deals.a) } })).toBe(1);
  });

  it("moves a deal back to the previous open stage, and refuses to move one back from the first", async () => {
    const first = await post("managerX", decideMeetingDeal, { meetingId, dealId: deals.d, decision: "MOVE_BACK", nextStep: "Qualify again", ownerId: fx.users.repB, baseVersion: 1 });
    expect(first).toMatchObject({ status: "error", message: expect.stringMatching(/first open stage/) });
    const back = await post("managerX", decideMeetingDeal, { meetingId, dealId: deals.c, decision: "MOVE_BACK", nextStep: "Rework the proposal", ownerId: fx.users.repA, baseVersion: 0 });
    expect(back.status, back.message).toBe("success");
    expect(await db.deal.findUniqueOrThrow({ where: { id: deals.c } })).toMatchObject({ stageId: stages.s1, status: "OPEN" });
  });

  it("closes a deal as lost only with a reason: status, closed date, closing owner and reason as KPI.md reads them", async () => {
    const noReason = await post("managerX", decideMeetingDeal, { meetingId, dealId: deals.c, decision: "CLOSE_LOST", baseVersion: await decisionVersion(meetingId, deals.c) });
    expect(noReason.status).toBe("error");
    expect(Object.keys(noReason.fieldErrors ?? {})).toEqual(["lostReason"]);
    const lost = await post("managerX", decideMeetingDeal, { meetingId, dealId: deals.c, decision: "CLOSE_LOST", lostReason: "Chose a competitor", baseVersion: await decisionVersion(meetingId, deals.c) });
    expect(lost.status, lost.message).toBe("success");
    const deal = await db.deal.findUniqueOrThrow({ where: { id: deals.c } });
    // The MOVE_BACK it replaces was taken back first: the deal left S2 for LOST, as if it had never gone back.
    expect(deal).toMatchObject({ stageId: stages.lost, status: "LOST", closedOwnerId: fx.reps.a, lostReason: "Chose a competitor" });
    expect(deal.closedAt).not.toBeNull();
    const history = await db.dealStageChange.findMany({ where: { dealId: deals.c }, orderBy: [{ at: "asc" }, { id: "asc" }] });
    expect(history.map((step) => step.toStageId)).toEqual([stages.s1, stages.s2, stages.lost]);
    expect(history.at(-1)!.at.getTime()).toBe(deal.closedAt!.getTime());
  });

  it("keeps the derived KPI tables equal to a rebuild after every stage the meeting moved", async () => {
    const { maintained, rebuilt } = await derivedAndRebuilt();
    expect(maintained.length).toBeGreaterThan(0);
    expect(maintained).toEqual(rebuilt);
  });

  it("lets the second of two managers deciding one deal at once see the first's decision: one row, a clear conflict", async () => {
    const version = await decisionVersion(meetingId, deals.b);
    const decide = (as: As, nextStep: string) =>
      post(as, decideMeetingDeal, { meetingId, dealId: deals.b, decision: "NEEDS_WORK", nextStep, ownerId: fx.users.repB, baseVersion: version });
    // Two concurrent saves from the same version: the meeting row lock makes them take turns.
    holder.viewer = fx.viewers.managerX;
    const first = (decideMeetingDeal as unknown as Action)({ status: "idle" }, form({ meetingId, dealId: deals.b, decision: "NEEDS_WORK", nextStep: "From the projector", ownerId: fx.users.repB, baseVersion: version }));
    const second = (decideMeetingDeal as unknown as Action)({ status: "idle" }, form({ meetingId, dealId: deals.b, decision: "HOLD", nextStep: "From the second tab", ownerId: fx.users.repB, baseVersion: version }));
    const results = await Promise.all([first, second]);
    expect(results.map((r) => r.status).sort()).toEqual(["error", "success"]);
    const loser = results.find((r) => r.status === "error")!;
    expect(loser.message).toMatch(/^Max Manager recorded “(Needs work|Hold)” for this deal while you were deciding/);
    expect(await db.meetingDecision.count({ where: { meetingId, dealId: deals.b } })).toBe(1);
    const row = await db.meetingDecision.findUniqueOrThrow({ where: { meetingId_dealId: { meetingId, dealId: deals.b } } });
    expect(row.version).toBe(version + 1);

    // Saving again from the version the conflict showed replaces it, explicitly.
    const replaced = await decide("admin", "Admin's call");
    expect(replaced.status).toBe("error");
    const explicit = await post("admin", decideMeetingDeal, { meetingId, dealId: deals.b, decision: "HOLD", nextStep: "Admin's call", ownerId: fx.users.repB, baseVersion: row.version });
    expect(explicit.status, explicit.message).toBe("success");
    expect(await db.meetingDecision.findUniqueOrThrow({ where: { meetingId_dealId: { meetingId, dealId: deals.b } } })).toMatchObject({ kind: "HOLD", nextStep: "Admin's call", version: version + 2, decidedById: fx.users.admin });
  });

  it("never lets a rep or another team's manager decide, and writes nothing when refusing", async () => {
    const version = await decisionVersion(meetingId, deals.d);
    for (const as of ["repA", "repB", "managerY"] as const) {
      const before = await databaseFingerprint(db);
      const result = await post(as, decideMeetingDeal, { meetingId, dealId: deals.d, decision: "HOLD", nextStep: "Nope", ownerId: fx.users.managerX, baseVersion: version });
      expect(result.status).toBe("error");
      expect(await databaseFingerprint(db)).toEqual(before);
    }
    expect((await post("repB", setMeetingForecast, { meetingId, dealId: deals.d, forecastCategory: "COMMIT" })).status).toBe("error");
    const set = await post("managerX", setMeetingForecast, { meetingId, dealId: deals.d, forecastCategory: "COMMIT" });
    expect(set.status, set.message).toBe("success");
    expect((await db.deal.findUniqueOrThrow({ where: { id: deals.d } })).forecastCategory).toBe("COMMIT");
    expect(await db.auditLog.count({ where: { action: "deal.update_forecast_category", entityId: String(deals.d) } })).toBe(1);
  });

  it("streams the meeting's version to its team's screens and to no one else", async () => {
    const open = async (as: As) => {
      holder.viewer = fx.viewers[as];
      const controller = new AbortController();
      const response = await meetingEvents(new Request(`http://localhost/api/meeting/${meetingId}/events`, { signal: controller.signal }), { params: Promise.resolve({ id: String(meetingId) }) });
      return { response, controller };
    };
    expect((await open("managerY")).response.status).toBe(404);
    const { response, controller } = await open("repB");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    const first = decoder.decode((await reader.read()).value);
    const pulse = JSON.parse(/data: (.*)\n/.exec(first)![1]!) as { version: number; position: number; total: number; status: string };
    expect(pulse).toMatchObject({ status: "IN_PROGRESS", total: 4 });
    expect(first).not.toContain("Northwind");
    // A move elsewhere arrives within a poll or two.
    const target = (await db.pipelineMeeting.findUniqueOrThrow({ where: { id: meetingId } })).dealIds.find((id) => id !== deals.a)!;
    expect((await post("managerX", goToMeetingDeal, { meetingId, dealId: target })).status).toBe("success");
    let text = "";
    while (!text.includes(`"version":${pulse.version + 1}`)) text += decoder.decode((await reader.read()).value);
    controller.abort();
    await reader.cancel();

    // Bounded: a user gets a few streams at a time, then 429 until one closes.
    const streams = [];
    for (let i = 0; i < MEETING_STREAMS_PER_USER; i++) streams.push(await open("admin"));
    const refused = await open("admin");
    expect(refused.response.status).toBe(429);
    for (const stream of streams) {
      stream.controller.abort();
      await stream.response.body!.cancel();
    }
    const again = await open("admin");
    expect(again.response.status).toBe(200);
    again.controller.abort();
    await again.response.body!.cancel();
  });

  it("finishes with the compliance after and a snapshot whose lines equal the sums of the team's open deals", async () => {
    expect((await post("repA", finishMeeting, { meetingId })).status).toBe("error");
    const finished = await post("managerX", finishMeeting, { meetingId });
    expect(finished.status, finished.message).toBe("success");
    const meeting = await db.pipelineMeeting.findUniqueOrThrow({ where: { id: meetingId } });
    // A advanced (qualified: S1's criteria met), C was lost, B and D are in S1: three open deals, all qualified.
    expect(meeting).toMatchObject({ status: "DONE", openDealsAfter: 3, qualifiedAfter: 3, snapshotId: finished.data!.snapshotId });

    const lines = await db.forecastLine.findMany({ where: { snapshotId: meeting.snapshotId! }, orderBy: [{ repId: "asc" }, { month: "asc" }, { category: "asc" }] });
    const teamReps = (await db.rep.findMany({ where: { teamId: fx.teams.x }, select: { id: true } })).map((rep) => rep.id);
    const months = [monthStart(0), monthStart(1), monthStart(2)];
    const open = await db.deal.findMany({ where: { orgId: fx.orgId, status: "OPEN", ownerId: { in: teamReps } } });
    const expected = teamReps.flatMap((repId) =>
      months.flatMap((month) =>
        (["COMMIT", "BEST_CASE", "PIPELINE"] as const).map((category) => {
          const counted = open.filter((d) => d.ownerId === repId && d.forecastCategory === category && d.expectedCloseAt?.toISOString().slice(0, 7) === month.slice(0, 7));
          return { repId, month, category, amount: counted.reduce((sum, d) => sum + Number(d.amount ?? 0), 0).toFixed(2), dealCount: counted.length };
        }),
      ),
    );
    const key = (line: { repId: number; month: string; category: string }) => `${line.repId}/${line.month}/${line.category}`;
    expect(lines.map((line) => ({ repId: line.repId, month: line.month.toISOString().slice(0, 10), category: line.category, amount: line.amount.toFixed(2), dealCount: line.dealCount })).sort((x, y) => key(x).localeCompare(key(y)))).toEqual(
      expected.sort((x, y) => key(x).localeCompare(key(y))),
    );
    // Deal A (12,000, COMMIT next month) and D (no amount, set to COMMIT next month) for their reps.
    expect(expected.find((line) => line.repId === fx.reps.a && line.month === months[1] && line.category === "COMMIT")).toMatchObject({ amount: "12000.00", dealCount: 1 });
    expect(expected.find((line) => line.repId === fx.reps.b && line.month === months[1] && line.category === "COMMIT")).toMatchObject({ amount: "0.00", dealCount: 1 });

    const afterwards = await post("managerX", decideMeetingDeal, { meetingId, dealId: deals.d, decision: "HOLD", nextStep: "Later", ownerId: fx.users.managerX, baseVersion: await decisionVersion(meetingId, deals.d) });
    expect(afterwards).toMatchObject({ status: "error", message: expect.stringMatching(/meeting has ended/) });
  });

  it("sums the summary's figures and snapshot as lib/kpi computes them, a rep's own rows only", async () => {
    const summary = await queryMeetingSummary(db, fx.viewers.managerX, { meetingId, teamId: fx.teams.x });
    expect(summary).toMatchObject({ walked: 4, reviewed: 4, decisions: { HOLD: 1, NEEDS_WORK: 1, ADVANCE: 1, CLOSE_LOST: 1, MOVE_BACK: 0 } });
    const repView = await queryMeetingSummary(db, fx.viewers.repA, { meetingId, teamId: fx.teams.x });
    expect(repView).toMatchObject({ walked: 2, reviewed: 2, decisions: { ADVANCE: 1, CLOSE_LOST: 1 } });
    const meeting = await db.pipelineMeeting.findUniqueOrThrow({ where: { id: meetingId } });
    const snapshot = await queryForecastSnapshot(db, fx.viewers.repA, { snapshotId: meeting.snapshotId!, filter: { teamIds: [fx.teams.x] } });
    expect(snapshot!.reps.map((rep) => rep.repId)).toEqual([fx.reps.a]);
    // The team's totals from the snapshot's own lines: this month, and the months of this quarter it holds.
    const lines = await db.forecastLine.findMany({ where: { snapshotId: meeting.snapshotId! } });
    const inQuarter = lines.filter((line) => line.month.toISOString().slice(0, 10) < snapshot!.quarterEnd);
    for (const category of ["COMMIT", "BEST_CASE", "PIPELINE"] as const) {
      const sum = (list: typeof lines) => list.filter((line) => line.category === category).reduce((total, line) => total + Number(line.amount), 0).toFixed(2);
      expect(snapshot!.total.quarter[category].amount, category).toBe(sum(inQuarter));
      expect(snapshot!.total.month[category].amount, category).toBe(sum(lines.filter((line) => line.month.toISOString().slice(0, 10) === snapshot!.month)));
    }
    expect(snapshot!.month).toBe(monthStart(0));
  });

  it("feeds forecast accuracy: a team's snapshot counts for its reps, other teams keep their own last forecast", async () => {
    const next = monthStart(1);
    // An earlier organisation-wide snapshot forecast rep A and rep Y for next month.
    const earlier = await db.forecastSnapshot.create({ data: { orgId: fx.orgId, takenAt: new Date(Date.now() - 7 * 86_400_000) } });
    await db.forecastLine.createMany({
      data: [
        { snapshotId: earlier.id, repId: fx.reps.a, month: new Date(next), category: "COMMIT", amount: "99999", dealCount: 9 },
        { snapshotId: earlier.id, repId: fx.reps.y, month: new Date(next), category: "COMMIT", amount: "7000", dealCount: 1 },
      ],
    });
    const [year, month] = next.split("-").map(Number) as [number, number];
    const accuracy = await queryForecastAccuracy(db, fx.viewers.admin, { period: periodOf({ kind: "month", year, month }, TZ) });
    const forecastOf = (repId: number) => accuracy.reps.find((rep) => rep.repId === repId)!.months[0]!.forecast;
    // Rep A: the meeting's snapshot (deal A, 12,000 committed), not the earlier 99,999. Rep Y: the earlier 7,000.
    expect(forecastOf(fx.reps.a)).toBe("12000.00");
    expect(forecastOf(fx.reps.y)).toBe("7000.00");
    expect(forecastOf(fx.reps.b)).toBe("0.00");
    expect(accuracy.total.months[0]).toMatchObject({ hasSnapshot: true, forecast: "19000.00" });
  });

  it("closes a deal as won through the same write path, for a manager and not for a rep", async () => {
    const { changeDealStage } = await import("@/lib/data/change-deal-stage");
    const { inTransaction } = await import("@/lib/data/in-transaction");
    await expect(inTransaction((tx) => changeDealStage(fx.viewers.repA, { dealId: deals.a, toStageId: stages.won }, tx))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(inTransaction((tx) => changeDealStage(fx.viewers.managerY, { dealId: deals.a, toStageId: stages.won }, tx))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(inTransaction((tx) => changeDealStage(fx.viewers.managerX, { dealId: deals.a, toStageId: stages.s2 }, tx))).rejects.toMatchObject({ code: "CONFLICT" });
    const won = await inTransaction((tx) => changeDealStage(fx.viewers.managerX, { dealId: deals.a, toStageId: stages.won }, tx));
    expect(won).toMatchObject({ fromStageId: stages.s2, toStageId: stages.won, status: "WON" });
    expect(await db.deal.findUniqueOrThrow({ where: { id: deals.a } })).toMatchObject({ status: "WON", closedOwnerId: fx.reps.a, closedAt: won.at, lostReason: null });
    // A closed deal does not move again here.
    await expect(inTransaction((tx) => changeDealStage(fx.viewers.admin, { dealId: deals.a, toStageId: stages.s3 }, tx))).rejects.toMatchObject({ code: "CONFLICT" });
    const { maintained, rebuilt } = await derivedAndRebuilt();
    expect(maintained).toEqual(rebuilt);
  });
});
