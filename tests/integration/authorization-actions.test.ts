// Every server action × every kind of viewer: the expected allow / deny, nothing written on a deny, an audit
// row on every allowed write, and no data from outside the viewer's scope in what the action answers.
// The actions are enumerated from lib/actions at test time: a new action without an entry here fails.
import fs from "node:fs";
import path from "node:path";
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { databaseFingerprint, FORBIDDEN_MARKERS, seedAuthorizationFixture, WHO, type Fixture, type Who } from "./authorization-fixture";
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

const { actionPolicyOf } = await import("@/lib/actions/authed-action");

type Outcome = "allow" | "deny";
type Expectation = Record<Who, Outcome>;
interface ActionCase {
  /** The form fields a legitimate caller would post; `n` makes names unique per call. */
  input: (fx: Fixture, n: number, db: PrismaClient) => Promise<Record<string, string>> | Record<string, string>;
  expect: Expectation;
  /** Whether an allowed call must leave an audit row (every change that matters). */
  audited: boolean;
}

const ADMIN_ONLY: Expectation = { anonymous: "deny", repA: "deny", repB: "deny", managerX: "deny", managerY: "deny", admin: "allow" };
const SIGNED_IN: Expectation = { anonymous: "deny", repA: "allow", repB: "allow", managerX: "allow", managerY: "allow", admin: "allow" };
const EVERYONE: Expectation = { anonymous: "allow", repA: "allow", repB: "allow", managerX: "allow", managerY: "allow", admin: "allow" };

async function freshInvite(db: PrismaClient, fx: Fixture, n: number): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const user = await db.user.create({ data: { orgId: fx.orgId, name: `Invitee ${n}`, email: `invitee${n}@northwind.test`, role: "REP", active: false } });
  await db.userInvite.create({ data: { userId: user.id, tokenHash: createHash("sha256").update(token).digest("hex"), expiresAt: new Date(Date.now() + 3_600_000) } });
  return token;
}

/** A setup link as `npm start` issues it (the fixture has users, so it is never usable). */
async function freshSetupToken(db: PrismaClient): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.setupToken.create({ data: { tokenHash: createHash("sha256").update(token).digest("hex"), expiresAt: new Date(Date.now() + 3_600_000) } });
  return token;
}

const NOBODY: Expectation = { anonymous: "deny", repA: "deny", repB: "deny", managerX: "deny", managerY: "deny", admin: "deny" };

// The deal's owner, the manager of the owner's team and admins may edit a deal; rep B and manager Y may not.
const DEAL_A_EDITORS: Expectation = { anonymous: "deny", repA: "allow", repB: "deny", managerX: "allow", managerY: "deny", admin: "allow" };

/** An exit criterion of deal A's current stage (the fixture has none), made once. */
async function dealACriterion(db: PrismaClient, fx: Fixture): Promise<number> {
  const deal = await db.deal.findUniqueOrThrow({ where: { id: fx.deals.a } });
  const criterion = await db.stageCriterion.upsert({
    where: { stageId_position: { stageId: deal.stageId, position: 1 } },
    create: { stageId: deal.stageId, position: 1, question: "Is the pain confirmed?" },
    update: {},
  });
  return criterion.id;
}

// Team X's review: its manager and admins may write it; team Y's manager and reps may not.
const TEAM_X_REVIEWERS: Expectation = { anonymous: "deny", repA: "deny", repB: "deny", managerX: "allow", managerY: "deny", admin: "allow" };

/** The version an autosave of team X's first answer starts from: the one saved last, so an allowed save saves. */
async function answerVersion(db: PrismaClient, fx: Fixture, year: number): Promise<string> {
  const review = await db.review.findFirst({ where: { teamId: fx.teams.x, year }, include: { answers: { where: { questionKey: "buyerHelp" } } } });
  return String(review?.answers[0]?.version ?? 0);
}

/**
 * QUOTA_MISS_CONCENTRATION for team X in 2025: its three reps get a quota and win nothing, so the rule fires
 * and an insight exists to decide on. Accepts it, or takes the acceptance back when it is accepted already.
 */
async function teamXInsightDecision(db: PrismaClient, fx: Fixture): Promise<Record<string, string>> {
  const reps = await db.rep.findMany({ where: { teamId: fx.teams.x }, select: { id: true } });
  for (const rep of reps) {
    await db.quota.upsert({
      where: { repId_periodStart: { repId: rep.id, periodStart: new Date("2025-01-01") } },
      create: { repId: rep.id, periodStart: new Date("2025-01-01"), periodEnd: new Date("2025-12-31"), amount: 500_000 },
      update: {},
    });
  }
  const decided = await db.reviewInsight.findFirst({ where: { insightKey: "QUOTA_MISS_CONCENTRATION", review: { teamId: fx.teams.x, year: 2025 } } });
  return { teamId: String(fx.teams.x), year: "2025", insightKey: "QUOTA_MISS_CONCENTRATION", decision: decided?.status === "ACCEPTED" ? "REOPEN" : "ACCEPT" };
}

// Pipelines, stages and exit criteria: admins, and managers because these inputs let them (the organisation's
// managersEditStageRules); the test after the matrix proves managers are refused when it does not.
const STAGE_RULE_EDITORS: Expectation = { anonymous: "deny", repA: "deny", repB: "deny", managerX: "allow", managerY: "allow", admin: "allow" };
const pipelineFixture = { pipelineId: 0, criterionId: 0 };

/** Lets managers edit stage rules, and makes (once) a pipeline with two open stages, the ends and one criterion. */
async function stageRulesFixture(db: PrismaClient, fx: Fixture): Promise<typeof pipelineFixture> {
  await db.organization.update({ where: { id: fx.orgId }, data: { managersEditStageRules: true } });
  if (pipelineFixture.pipelineId === 0) {
    const pipeline = await db.pipeline.create({
      data: {
        orgId: fx.orgId,
        name: "Matrix pipeline",
        stages: { create: [{ name: "First", position: 1 }, { name: "Second", position: 2 }, { name: "Won", position: 3, kind: "WON" }, { name: "Lost", position: 4, kind: "LOST" }] },
      },
      include: { stages: true },
    });
    const first = pipeline.stages.find((s) => s.name === "First")!;
    const criteria = await db.stageCriterion.createManyAndReturn({ data: [{ stageId: first.id, position: 1, question: "Pain confirmed" }, { stageId: first.id, position: 2, question: "Budget known" }] });
    Object.assign(pipelineFixture, { pipelineId: pipeline.id, criterionId: criteria[0]!.id });
  }
  return pipelineFixture;
}

/** The matrix pipeline's first open stage (moves change which one it is). */
async function firstOpenStage(db: PrismaClient, pipelineId: number): Promise<number> {
  return (await db.stage.findFirstOrThrow({ where: { pipelineId, kind: "OPEN" }, orderBy: { position: "asc" } })).id;
}

/** A stage nobody used, added to the matrix pipeline for an action to remove or merge. */
async function spareStage(db: PrismaClient, pipelineId: number, n: number): Promise<number> {
  const last = await db.stage.aggregate({ where: { pipelineId }, _max: { position: true } });
  return (await db.stage.create({ data: { pipelineId, name: `Spare ${n}`, position: (last._max.position ?? 0) + 1 } })).id;
}

async function spareCriterion(db: PrismaClient, pipelineId: number, n: number, active: boolean): Promise<number> {
  const stageId = await firstOpenStage(db, pipelineId);
  const last = await db.stageCriterion.aggregate({ where: { stageId }, _max: { position: true } });
  return (await db.stageCriterion.create({ data: { stageId, position: (last._max.position ?? 0) + 1, question: `Spare question ${n}`, retiredAt: active ? null : new Date() } })).id;
}

// Rep A's coaching: the manager of team X and admins log sessions and decide commitments; only rep A acknowledges.
const TEAM_X_COACHES: Expectation = { anonymous: "deny", repA: "deny", repB: "deny", managerX: "allow", managerY: "deny", admin: "allow" };
const REP_A_ONLY: Expectation = { anonymous: "deny", repA: "allow", repB: "deny", managerX: "deny", managerY: "deny", admin: "deny" };

/** A new commitment of rep A (in a session of their manager), so every allowed call has something to change. */
async function repACommitment(db: PrismaClient, fx: Fixture, n: number): Promise<number> {
  const session = await db.coachingSession.create({ data: { repId: fx.reps.a, managerId: fx.users.managerX, at: new Date("2025-06-02T08:00:00Z"), minutes: 30, topic: `Matrix ${n}` } });
  const commitment = await db.commitment.create({ data: { repId: fx.reps.a, sessionId: session.id, text: `Ten calls (${n})`, metric: "calls", comparator: "AT_LEAST", target: "10", dueAt: new Date("2025-06-30") } });
  return commitment.id;
}

// Team X's meeting: its manager and admins run it; its reps only follow (no action), team Y's manager not at all.
const TEAM_X_RUNNERS: Expectation = { anonymous: "deny", repA: "deny", repB: "deny", managerX: "allow", managerY: "deny", admin: "allow" };

/** Team X's meeting in progress (walking deals A and B), started here when there is none. */
async function teamXMeeting(db: PrismaClient, fx: Fixture): Promise<number> {
  const running = await db.pipelineMeeting.findFirst({ where: { teamId: fx.teams.x, status: "IN_PROGRESS" } });
  if (running) return running.id;
  const meeting = await db.pipelineMeeting.create({
    data: { teamId: fx.teams.x, heldAt: new Date(), startedAt: new Date(), status: "IN_PROGRESS", facilitatorId: fx.users.managerX, dealIds: [fx.deals.a, fx.deals.b], currentDealId: fx.deals.a },
  });
  return meeting.id;
}

/** file#export → what it takes and who may run it. */
const ACTIONS: Record<string, ActionCase> = {
  "coaching-create-session.ts#createCoachingSession": {
    input: (fx, n) => ({
      repId: String(fx.reps.a),
      at: "2025-06-02T10:00",
      minutes: "45",
      topic: `Calling cadence (${n})`,
      figures: "calls",
      "commitments.0.text": "Fifteen calls a week",
      "commitments.0.metric": "calls",
      "commitments.0.target": "15",
      "commitments.0.dueAt": "2025-06-30",
    }),
    expect: TEAM_X_COACHES,
    audited: true,
  },
  "coaching-set-commitment-status.ts#setCommitmentStatus": {
    input: async (fx, n, db) => ({ commitmentId: String(await repACommitment(db, fx, n)), status: "MISSED", note: "Holiday" }),
    expect: TEAM_X_COACHES,
    audited: true,
  },
  "coaching-acknowledge-commitment.ts#acknowledgeCommitment": {
    input: async (fx, n, db) => ({ commitmentId: String(await repACommitment(db, fx, n)) }),
    expect: REP_A_ONLY,
    audited: true,
  },
  "set-locale.ts#setLocale": { input: () => ({ locale: "ru" }), expect: EVERYONE, audited: false },
  "accept-invite.ts#acceptInvite": {
    input: async (fx, n, db) => {
      const password = "a long enough password";
      return { token: await freshInvite(db, fx, n), password, confirm: password };
    },
    expect: EVERYONE,
    audited: true,
  },
  // Once anyone has an account, a setup link, however valid, creates nothing, for anyone.
  "complete-setup.ts#completeSetup": {
    input: async (_fx, n, db) => {
      const password = "a long enough password";
      return { token: await freshSetupToken(db), orgName: `Rival ${n}`, currency: "EUR", timeZone: "Europe/Berlin", adminName: "Rival Admin", email: `rival${n}@rival.test`, password, confirm: password };
    },
    expect: NOBODY,
    audited: false,
  },
  "admin-update-organization-settings.ts#saveOrganizationSettings": {
    input: (_fx, n) => ({
      name: "Northwind",
      currency: "EUR",
      timeZone: "Europe/Berlin",
      savedTimeZone: "Europe/Berlin",
      staleAfterDays: String(2 + (n % 300)),
      stuckFactor: "2",
      coachingTargetMinutes: "180",
    }),
    expect: ADMIN_ONLY,
    audited: true,
  },
  "sign-out-everywhere.ts#signOutEverywhere": { input: () => ({}), expect: SIGNED_IN, audited: true },
  "admin-create-user.ts#createUser": {
    input: (fx, n) => ({ name: `New Person ${n}`, email: `new${n}@northwind.test`, role: "REP", teamId: String(fx.teams.x), method: "invite" }),
    expect: ADMIN_ONLY,
    audited: true,
  },
  "admin-update-user.ts#updateUser": {
    input: (fx) => ({ userId: String(fx.users.target), role: "REP", teamId: String(fx.teams.y) }),
    expect: ADMIN_ONLY,
    audited: true,
  },
  "admin-set-user-active.ts#setUserActive": { input: (fx) => ({ userId: String(fx.users.target), active: "false" }), expect: ADMIN_ONLY, audited: true },
  "admin-set-password.ts#setUserPassword": { input: (fx) => ({ userId: String(fx.users.target), password: "a brand new password" }), expect: ADMIN_ONLY, audited: true },
  "admin-reissue-invite.ts#reissueInvite": { input: (fx) => ({ userId: String(fx.users.invited) }), expect: ADMIN_ONLY, audited: true },
  "admin-create-team.ts#createTeam": { input: (_fx, n) => ({ name: `Team ${n}`, kind: "AE", managerId: "" }), expect: ADMIN_ONLY, audited: true },
  "admin-update-team.ts#updateTeam": {
    input: (fx, n) => ({ teamId: String(fx.teams.spare), name: `Spare ${n}`, managerId: String(fx.users.managerY) }),
    expect: ADMIN_ONLY,
    audited: true,
  },
  "admin-move-rep.ts#moveRep": { input: (fx) => ({ repId: String(fx.reps.loose), teamId: String(fx.teams.spare) }), expect: ADMIN_ONLY, audited: true },
  "deal-update-next-step.ts#updateDealNextStep": {
    input: (fx, n) => ({ dealId: String(fx.deals.a), nextStep: `Call the buyer back (${n})`, expectedCloseAt: "2026-12-15" }),
    expect: DEAL_A_EDITORS,
    audited: true,
  },
  "review-decide-insight.ts#decideReviewInsight": { input: (fx, _n, db) => teamXInsightDecision(db, fx), expect: TEAM_X_REVIEWERS, audited: true },
  "review-save-answer.ts#saveReviewAnswer": {
    input: async (fx, n, db) => ({
      teamId: String(fx.teams.x),
      year: "2025",
      section: "SALES_PROCESS",
      questionKey: "buyerHelp",
      answer: `We walk the buyer through the proposal (${n})`,
      baseVersion: await answerVersion(db, fx, 2025),
    }),
    expect: TEAM_X_REVIEWERS,
    // An autosave is not audited per keystroke: the answer keeps who saved it, when, and its version.
    audited: false,
  },
  "review-set-section-done.ts#setReviewSectionDone": {
    input: (fx, n) => ({ teamId: String(fx.teams.x), year: "2025", section: "COACHING", done: n % 2 === 0 ? "true" : "false" }),
    expect: TEAM_X_REVIEWERS,
    audited: true,
  },
  "review-set-status.ts#setReviewStatus": {
    // Its own year, so completing it does not make the other review actions' year read-only.
    input: async (fx, _n, db) => {
      const review = await db.review.findFirst({ where: { teamId: fx.teams.x, year: 2024 } });
      return { teamId: String(fx.teams.x), year: "2024", status: review?.status === "COMPLETED" ? "DRAFT" : "COMPLETED" };
    },
    expect: TEAM_X_REVIEWERS,
    audited: true,
  },
  "review-track-kpi.ts#trackReviewKpi": {
    input: async (fx, _n, db) => {
      const tracked = await db.reviewGoal.count({ where: { source: "kpi:winRate", review: { teamId: fx.teams.x, year: 2025 } } });
      return { teamId: String(fx.teams.x), year: "2025", metric: "winRate", tracked: tracked > 0 ? "false" : "true" };
    },
    expect: TEAM_X_REVIEWERS,
    audited: true,
  },
  // A goal of team X's plan for 2026 owned by its manager (the baseline is team X's 2025 calls, far below the target).
  "goal-save.ts#saveGoal": {
    input: (fx, n) => ({
      teamId: String(fx.teams.x),
      year: "2025",
      goalId: "",
      title: `Goal ${n}`,
      metric: "calls",
      target: String(500_000 + n),
      ownerId: String(fx.users.managerX),
      dueAt: "2026-06-30",
      horizon: "SHORT_TERM",
      section: "",
    }),
    expect: TEAM_X_REVIEWERS,
    audited: true,
  },
  // Each call deletes a goal of team X's 2025 review made for it.
  "goal-delete.ts#deleteGoal": {
    input: async (fx, n, db) => {
      const review = await db.review.upsert({ where: { teamId_year: { teamId: fx.teams.x, year: 2025 } }, create: { orgId: fx.orgId, teamId: fx.teams.x, year: 2025 }, update: {} });
      const goal = await db.reviewGoal.create({ data: { reviewId: review.id, horizon: "SHORT_TERM", title: `To delete ${n}`, metric: "calls", target: 10, dueAt: new Date("2026-12-31T00:00:00Z"), draft: false } });
      return { teamId: String(fx.teams.x), year: "2025", goalId: String(goal.id) };
    },
    expect: TEAM_X_REVIEWERS,
    audited: true,
  },
  // Next year's pipeline plan of team X: its manager and admins; each save replaces the plan and is audited.
  "plan-save-pipeline.ts#savePipelinePlan": {
    input: (fx, n) => ({
      teamId: String(fx.teams.x),
      year: String(new Date().getUTCFullYear() + 1),
      target: String(100_000 + n),
      avgDealSize: "10000",
      winRateFromFirstMeeting: "25",
      handOverToFirstMeeting: "40",
      cycleDays: "30",
    }),
    expect: TEAM_X_REVIEWERS,
    audited: true,
  },
  // Each allowed call starts a new meeting (the one in progress is set aside first), so each is audited.
  "meeting-start.ts#startMeeting": {
    input: async (fx, _n, db) => {
      await db.pipelineMeeting.updateMany({ where: { teamId: fx.teams.x, status: "IN_PROGRESS" }, data: { status: "DONE" } });
      return { teamId: String(fx.teams.x), walkOrder: "FLAGGED" };
    },
    expect: TEAM_X_RUNNERS,
    audited: true,
  },
  // Moving the pointer is navigation, not a change to the organisation's data.
  "meeting-go-to-deal.ts#goToMeetingDeal": {
    input: async (fx, n, db) => ({ meetingId: String(await teamXMeeting(db, fx)), dealId: String(n % 2 === 0 ? fx.deals.a : fx.deals.b) }),
    expect: TEAM_X_RUNNERS,
    audited: false,
  },
  "meeting-answer-criterion.ts#answerMeetingCriterion": {
    input: async (fx, n, db) => ({ meetingId: String(await teamXMeeting(db, fx)), dealId: String(fx.deals.a), criterionId: String(await dealACriterion(db, fx)), answer: n % 2 === 0 ? "yes" : "no" }),
    expect: TEAM_X_RUNNERS,
    audited: true,
  },
  "meeting-set-forecast.ts#setMeetingForecast": {
    input: async (fx, _n, db) => {
      const deal = await db.deal.findUniqueOrThrow({ where: { id: fx.deals.a } });
      return { meetingId: String(await teamXMeeting(db, fx)), dealId: String(fx.deals.a), forecastCategory: deal.forecastCategory === "COMMIT" ? "BEST_CASE" : "COMMIT" };
    },
    expect: TEAM_X_RUNNERS,
    audited: true,
  },
  "meeting-decide.ts#decideMeetingDeal": {
    input: async (fx, n, db) => {
      const meetingId = await teamXMeeting(db, fx);
      const decided = await db.meetingDecision.findUnique({ where: { meetingId_dealId: { meetingId, dealId: fx.deals.a } } });
      return { meetingId: String(meetingId), dealId: String(fx.deals.a), decision: n % 2 === 0 ? "HOLD" : "NEEDS_WORK", nextStep: `Call the buyer (${n})`, ownerId: String(fx.users.managerX), baseVersion: String(decided?.version ?? 0) };
    },
    expect: TEAM_X_RUNNERS,
    audited: true,
  },
  "meeting-finish.ts#finishMeeting": {
    input: async (fx, _n, db) => ({ meetingId: String(await teamXMeeting(db, fx)) }),
    expect: TEAM_X_RUNNERS,
    audited: true,
  },
  "deal-answer-criterion.ts#answerDealCriterion": {
    input: async (fx, n, db) => ({ dealId: String(fx.deals.a), criterionId: String(await dealACriterion(db, fx)), answer: n % 2 === 0 ? "yes" : "no" }),
    expect: DEAL_A_EDITORS,
    audited: true,
  },
  "pipeline-create.ts#createPipeline": {
    input: async (fx, n, db) => {
      await stageRulesFixture(db, fx);
      return { name: `Pipeline ${n}`, template: "simple" };
    },
    expect: STAGE_RULE_EDITORS,
    audited: true,
  },
  "pipeline-rename.ts#renamePipeline": {
    input: async (fx, n, db) => ({ pipelineId: String((await stageRulesFixture(db, fx)).pipelineId), name: `Matrix pipeline ${n}` }),
    expect: STAGE_RULE_EDITORS,
    audited: true,
  },
  "pipeline-move.ts#movePipeline": {
    input: async (fx, _n, db) => {
      const { pipelineId } = await stageRulesFixture(db, fx);
      const order = await db.pipeline.findMany({ where: { orgId: fx.orgId }, orderBy: [{ position: "asc" }, { id: "asc" }], select: { id: true } });
      return { pipelineId: String(pipelineId), direction: order[0]?.id === pipelineId ? "down" : "up" };
    },
    expect: STAGE_RULE_EDITORS,
    audited: true,
  },
  "pipeline-delete.ts#deletePipeline": {
    input: async (fx, n, db) => {
      await stageRulesFixture(db, fx);
      const pipeline = await db.pipeline.create({ data: { orgId: fx.orgId, name: `Empty ${n}`, stages: { create: [{ name: "Only", position: 1 }] } } });
      return { pipelineId: String(pipeline.id) };
    },
    expect: STAGE_RULE_EDITORS,
    audited: true,
  },
  "pipeline-add-stage.ts#addStage": {
    input: async (fx, n, db) => ({ pipelineId: String((await stageRulesFixture(db, fx)).pipelineId), name: `Added ${n}`, kind: "OPEN" }),
    expect: STAGE_RULE_EDITORS,
    audited: true,
  },
  "pipeline-update-stage.ts#updateStage": {
    input: async (fx, n, db) => {
      const { pipelineId } = await stageRulesFixture(db, fx);
      return { part: "open", stageId: String(await firstOpenStage(db, pipelineId)), name: `Rules ${n}`, buyerStage: "EVALUATION", buyerQuestion: `Why now (${n})?`, probability: String(n % 100) };
    },
    expect: STAGE_RULE_EDITORS,
    audited: true,
  },
  "pipeline-move-stage.ts#moveStage": {
    input: async (fx, _n, db) => ({ stageId: String(await firstOpenStage(db, (await stageRulesFixture(db, fx)).pipelineId)), direction: "down" }),
    expect: STAGE_RULE_EDITORS,
    audited: true,
  },
  "pipeline-remove-stage.ts#removeStage": {
    input: async (fx, n, db) => ({ stageId: String(await spareStage(db, (await stageRulesFixture(db, fx)).pipelineId, n)) }),
    expect: STAGE_RULE_EDITORS,
    audited: true,
  },
  "pipeline-merge-stage.ts#mergeStage": {
    input: async (fx, n, db) => {
      const { pipelineId } = await stageRulesFixture(db, fx);
      return { stageId: String(await spareStage(db, pipelineId, n)), intoStageId: String(await firstOpenStage(db, pipelineId)) };
    },
    expect: STAGE_RULE_EDITORS,
    audited: true,
  },
  "pipeline-add-criterion.ts#addCriterion": {
    input: async (fx, n, db) => ({ stageId: String(await firstOpenStage(db, (await stageRulesFixture(db, fx)).pipelineId)), question: `Question ${n}` }),
    expect: STAGE_RULE_EDITORS,
    audited: true,
  },
  "pipeline-update-criterion.ts#updateCriterion": {
    input: async (fx, n, db) => ({ criterionId: String((await stageRulesFixture(db, fx)).criterionId), question: `Pain confirmed (${n})` }),
    expect: STAGE_RULE_EDITORS,
    audited: true,
  },
  "pipeline-move-criterion.ts#moveCriterion": {
    input: async (fx, _n, db) => {
      const { criterionId } = await stageRulesFixture(db, fx);
      const criterion = await db.stageCriterion.findUniqueOrThrow({ where: { id: criterionId } });
      const first = await db.stageCriterion.findFirstOrThrow({ where: { stageId: criterion.stageId, retiredAt: null }, orderBy: { position: "asc" } });
      return { criterionId: String(criterionId), direction: first.id === criterionId ? "down" : "up" };
    },
    expect: STAGE_RULE_EDITORS,
    audited: true,
  },
  "pipeline-remove-criterion.ts#removeCriterion": {
    input: async (fx, n, db) => ({ criterionId: String(await spareCriterion(db, (await stageRulesFixture(db, fx)).pipelineId, n, true)) }),
    expect: STAGE_RULE_EDITORS,
    audited: true,
  },
  "pipeline-restore-criterion.ts#restoreCriterion": {
    input: async (fx, n, db) => ({ criterionId: String(await spareCriterion(db, (await stageRulesFixture(db, fx)).pipelineId, n, false)) }),
    expect: STAGE_RULE_EDITORS,
    audited: true,
  },
};

const ACTIONS_DIR = path.resolve(import.meta.dirname, "../../lib/actions");
const actionFiles = fs.readdirSync(ACTIONS_DIR).filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts") && file !== "authed-action.ts");

let database: ScratchDatabase;
let db: PrismaClient;
let fx: Fixture;
let counter = 0;

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

function formData(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

type AnyAction = (prev: unknown, formData: FormData) => Promise<unknown>;

async function run(action: AnyAction, arity: number, who: Who, fields: Record<string, string>) {
  holder.viewer = who === "anonymous" ? null : fx.viewers[who];
  // (prevState, formData) for useActionState actions; a plain form action takes the FormData alone.
  const result = arity >= 2 ? await action({ status: "idle" }, formData(fields)) : await (action as unknown as (f: FormData) => Promise<unknown>)(formData(fields));
  return result as { status?: string; message?: string } | undefined;
}

describe("the server action matrix", async () => {
  const cases: Array<{ key: string; file: string; name: string }> = [];
  for (const file of actionFiles) {
    const exports = (await import(path.join(ACTIONS_DIR, file))) as Record<string, unknown>;
    for (const name of Object.keys(exports)) cases.push({ key: `${file}#${name}`, file, name });
  }

  it("has an entry for every exported action, and no entry for an action that is gone", () => {
    const found = cases.map((c) => c.key).sort();
    expect(found).toEqual(Object.keys(ACTIONS).sort());
  });

  it("agrees with each action's declared role policy", async () => {
    for (const { key, file, name } of cases) {
      const entry = ACTIONS[key];
      if (!entry) continue;
      const policy = actionPolicyOf(((await import(path.join(ACTIONS_DIR, file))) as Record<string, unknown>)[name]);
      if (!policy?.roles) continue;
      const allowedRoles = new Set(policy.roles);
      expect(entry.expect.admin === "allow", `${key}: admin`).toBe(allowedRoles.has("ADMIN"));
      expect(entry.expect.managerX === "allow", `${key}: manager`).toBe(allowedRoles.has("MANAGER"));
      expect(entry.expect.repA === "allow", `${key}: rep`).toBe(allowedRoles.has("REP"));
    }
  });

  it("refuses every pipeline action to managers while the organisation keeps stage rules to admins, writing nothing", async () => {
    const pipelineActions = cases.filter((c) => c.file.startsWith("pipeline-"));
    expect(pipelineActions).toHaveLength(14);
    for (const { key, file, name } of pipelineActions) {
      const action = ((await import(path.join(ACTIONS_DIR, file))) as Record<string, AnyAction>)[name]!;
      const fields = await ACTIONS[key]!.input(fx, ++counter, db);
      await db.organization.update({ where: { id: fx.orgId }, data: { managersEditStageRules: false } });
      const before = await databaseFingerprint(db);
      for (const who of ["managerX", "managerY"] as const) {
        const result = await run(action, action.length, who, fields);
        expect(result, `${key} as ${who}`).toMatchObject({ status: "error", message: "You do not have permission to do this." });
      }
      expect(await databaseFingerprint(db), `${key} wrote for a manager`).toEqual(before);
    }
  });

  for (const { key, file, name } of cases) {
    for (const who of WHO) {
      it(`${key} as ${who}`, async () => {
        const entry = ACTIONS[key];
        if (!entry) throw new Error(`${key} has no entry in the authorization matrix: add one`);
        const action = ((await import(path.join(ACTIONS_DIR, file))) as Record<string, AnyAction>)[name]!;
        const fields = await entry.input(fx, ++counter, db);
        const before = await databaseFingerprint(db);
        const auditsBefore = await db.auditLog.count();
        const result = await run(action, action.length, who, fields);
        const answer = JSON.stringify(result ?? null);
        for (const marker of FORBIDDEN_MARKERS[who]) expect(answer, `${key} as ${who} leaks ${marker}`).not.toContain(marker);

        if (entry.expect[who] === "deny") {
          expect(result?.status, `${key} as ${who}: ${answer}`).toBe("error");
          expect(await databaseFingerprint(db), `${key} as ${who} wrote to the database`).toEqual(before);
        } else {
          expect(result === undefined || result.status === "success", `${key} as ${who}: ${answer}`).toBe(true);
          if (entry.audited) expect(await db.auditLog.count(), `${key} as ${who} left no audit row`).toBeGreaterThan(auditsBefore);
        }
      });
    }
  }
});
