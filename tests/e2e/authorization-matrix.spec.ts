// The authorization matrix, against the production build: every page route, route handler and server action,
// enumerated from the code at test time, × {anonymous, rep A, rep B (same team), manager of team X, manager of
// team Y, admin}. Each has an expected outcome in the tables below; a route or action without an entry fails.
// On allow, the response must not contain a marker seeded into data outside the viewer's scope; on a refused
// action, the database must be unchanged.
import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import type pg from "pg";
import { connect, fingerprint, readFixture } from "./support/database";
import { FORBIDDEN_MARKERS, WHO, type MatrixFixture, type SignedIn, type Who } from "./support/markers";
import { ROOT } from "./support/paths";
import { builtActions, callAction, signedInContext } from "./support/session";

type PageOutcome = "allow" | "login" | "notFound";
type Row<T> = Record<Who, T>;

const all = <T,>(value: T): Row<T> => ({ anonymous: value, repA: value, repB: value, managerX: value, managerY: value, admin: value });
const signedIn = (value: PageOutcome): Row<PageOutcome> => ({ ...all(value), anonymous: "login" });
const adminOnly: Row<PageOutcome> = { anonymous: "login", repA: "notFound", repB: "notFound", managerX: "notFound", managerY: "notFound", admin: "allow" };

const REVIEW_YEAR = new Date().getUTCFullYear();
const TEAM_X_MEETING: Row<PageOutcome> = { anonymous: "login", repA: "allow", repB: "allow", managerX: "allow", managerY: "notFound", admin: "allow" };
// Team X's meeting in progress (walking deals A and B, on deal A), a finished one with a decision on each deal, and
// another organisation's: made in beforeAll.
const meetings = { running: 0, done: 0, other: 0 };
const TEAM_X_REVIEW: Row<PageOutcome> = { anonymous: "login", repA: "notFound", repB: "notFound", managerX: "allow", managerY: "notFound", admin: "allow" };

interface PageCase {
  /** Concrete URLs for the route; dynamic segments get ids from the fixture (in scope and out of it). */
  samples: (fx: MatrixFixture) => Array<{ url: string; expect: Row<PageOutcome> }>;
}

/** Route pattern (as in app/, groups removed) → samples and expected outcomes. */
const PAGES: Record<string, PageCase> = {
  "/": { samples: () => [{ url: "/", expect: signedIn("allow") }] },
  "/login": { samples: () => [{ url: "/login", expect: all("allow") }] },
  "/roster": { samples: () => [{ url: "/roster", expect: signedIn("allow") }] },
  // Reps are sent on to /my-kpis and managers/admins to /dashboard; both answer 200 with only their own rows.
  "/dashboard": { samples: () => [{ url: "/dashboard", expect: signedIn("allow") }, { url: "/dashboard?team=999999&period=custom&from=x", expect: signedIn("allow") }] },
  "/my-kpis": { samples: () => [{ url: "/my-kpis", expect: signedIn("allow") }] },
  "/drill/deals": {
    samples: (fx) => [
      { url: "/drill/deals?basis=created", expect: signedIn("allow") },
      // Another team or another rep: an empty table, never their rows (the markers check the body).
      { url: `/drill/deals?basis=created&team=${fx.teams.y}`, expect: signedIn("allow") },
    ],
  },
  "/drill/leads": { samples: (fx) => [{ url: `/drill/leads?basis=created&team=${fx.teams.y}`, expect: signedIn("allow") }] },
  "/drill/activities": {
    samples: (fx) => [
      { url: "/drill/activities", expect: signedIn("allow") },
      // Another team or another rep: an empty table and no other rep in the rep filter (the markers check the body).
      { url: `/drill/activities?team=${fx.teams.y}&rep=${fx.reps.b}&type=CALL&response=yes&on=deal`, expect: signedIn("allow") },
    ],
  },
  "/pipeline": {
    samples: (fx) => [
      { url: "/pipeline", expect: signedIn("allow") },
      // Another team, another rep or a bad flag: the viewer's own scope, never their deals (the markers check the body).
      { url: `/pipeline?team=${fx.teams.y}&rep=${fx.reps.b}&flag=NOPE&view=table&page=99999999999`, expect: signedIn("allow") },
    ],
  },
  "/admin": { samples: () => [{ url: "/admin", expect: adminOnly }] },
  "/admin/users": { samples: () => [{ url: "/admin/users", expect: adminOnly }] },
  "/admin/users/[userId]": {
    samples: (fx) => [
      { url: `/admin/users/${fx.users.repB}`, expect: adminOnly },
      // Another organisation's user: not found even for an admin.
      { url: `/admin/users/${fx.users.otherAdmin}`, expect: { ...adminOnly, admin: "notFound" } },
      { url: "/admin/users/not-a-number", expect: { ...adminOnly, admin: "notFound" } },
    ],
  },
  "/admin/teams": { samples: () => [{ url: "/admin/teams", expect: adminOnly }] },
  "/admin/audit": { samples: () => [{ url: "/admin/audit", expect: adminOnly }] },
  "/admin/settings": { samples: () => [{ url: "/admin/settings", expect: adminOnly }] },
  // Public, but only with a usable one-time link while nobody has an account: here users exist, so it is not found.
  "/setup": {
    samples: () => [
      { url: "/setup", expect: all("notFound") },
      { url: `/setup?token=${"x".repeat(43)}`, expect: all("notFound") },
    ],
  },
  // Admins; managers only where the organisation lets them edit stage rules (not the fixture's: pipelines-admin.spec
  // turns it on); reps never.
  "/admin/pipelines": { samples: () => [{ url: "/admin/pipelines", expect: adminOnly }] },
  "/admin/pipelines/[pipelineId]": {
    samples: (fx) => [
      { url: `/admin/pipelines/${fx.pipelines.mine}`, expect: adminOnly },
      // Another organisation's pipeline: not found even for an admin.
      { url: `/admin/pipelines/${fx.pipelines.other}`, expect: { ...adminOnly, admin: "notFound" } },
      { url: "/admin/pipelines/not-a-number", expect: { ...adminOnly, admin: "notFound" } },
    ],
  },
  // The owner, the manager of the owner's team and admins; anyone else is told it does not exist.
  "/deals/[dealId]": {
    samples: (fx) => [
      { url: `/deals/${fx.deals.a}`, expect: { anonymous: "login", repA: "allow", repB: "notFound", managerX: "allow", managerY: "notFound", admin: "allow" } },
      { url: `/deals/${fx.deals.y}`, expect: { anonymous: "login", repA: "notFound", repB: "notFound", managerX: "notFound", managerY: "allow", admin: "allow" } },
      { url: `/deals/${fx.deals.other}`, expect: signedIn("notFound") },
      { url: "/deals/not-a-number", expect: signedIn("notFound") },
    ],
  },
  // Admins and managers (their own teams' reps); reps are told it does not exist.
  "/import": { samples: () => [{ url: "/import", expect: { anonymous: "login", repA: "notFound", repB: "notFound", managerX: "allow", managerY: "allow", admin: "allow" } }] },
  // The year-end review: a team's manager and admins; reps and other teams' managers are told it does not exist.
  "/review": { samples: () => [{ url: "/review", expect: signedIn("allow") }] },
  "/review/[year]": { samples: () => [{ url: `/review/${REVIEW_YEAR}`, expect: { ...signedIn("allow"), repA: "notFound", repB: "notFound" } }] },
  "/review/[year]/[step]": {
    samples: (fx) => [
      { url: `/review/${REVIEW_YEAR}/sales-process?team=${fx.teams.x}`, expect: TEAM_X_REVIEW },
      { url: `/review/${REVIEW_YEAR}/coaching?team=${fx.teams.x}`, expect: TEAM_X_REVIEW },
      { url: `/review/${REVIEW_YEAR}/summary?team=${fx.teams.other}`, expect: signedIn("notFound") },
      { url: `/review/${REVIEW_YEAR}/no-such-step?team=${fx.teams.x}`, expect: signedIn("notFound") },
    ],
  },
  "/review/[year]/print": { samples: (fx) => [{ url: `/review/${REVIEW_YEAR}/print?team=${fx.teams.x}`, expect: TEAM_X_REVIEW }] },
  // Next year's pipeline plan: a team's manager and admins; reps and other teams' managers are told it does not exist.
  // Goals of a team's plan: its manager and admins; a rep is not found (their own goals are on My KPIs).
  "/plan/[year]": {
    samples: (fx) => [
      { url: `/plan/${REVIEW_YEAR + 1}?team=${fx.teams.x}`, expect: TEAM_X_REVIEW },
      { url: `/plan/${REVIEW_YEAR + 1}?team=${fx.teams.other}`, expect: signedIn("notFound") },
      { url: `/plan/${REVIEW_YEAR + 1}`, expect: { ...signedIn("allow"), repA: "notFound", repB: "notFound" } },
      { url: `/plan/${REVIEW_YEAR + 2}?team=${fx.teams.x}`, expect: signedIn("notFound") },
    ],
  },
  "/plan/[year]/pipeline": {
    samples: (fx) => [
      { url: `/plan/${REVIEW_YEAR + 1}/pipeline?team=${fx.teams.x}`, expect: TEAM_X_REVIEW },
      { url: `/plan/${REVIEW_YEAR + 1}/pipeline?team=${fx.teams.other}`, expect: signedIn("notFound") },
      { url: `/plan/${REVIEW_YEAR + 1}/pipeline`, expect: { ...signedIn("allow"), repA: "notFound", repB: "notFound" } },
      { url: `/plan/${REVIEW_YEAR + 2}/pipeline?team=${fx.teams.x}`, expect: signedIn("notFound") },
    ],
  },
  "/review/[year]/teams": { samples: () => [{ url: `/review/${REVIEW_YEAR}/teams`, expect: adminOnly }] },
  // A rep's profile: the rep themselves, their team's manager and admins; to anyone else it does not exist.
  "/reps/[repId]": {
    samples: (fx) => [
      { url: `/reps/${fx.reps.a}`, expect: { anonymous: "login", repA: "allow", repB: "notFound", managerX: "allow", managerY: "notFound", admin: "allow" } },
      { url: `/reps/${fx.reps.y}?year=2025`, expect: { anonymous: "login", repA: "notFound", repB: "notFound", managerX: "notFound", managerY: "allow", admin: "allow" } },
      { url: `/reps/${fx.reps.other}`, expect: signedIn("notFound") },
      { url: "/reps/not-a-number", expect: signedIn("notFound") },
    ],
  },
  // Coaching hours: managers (their teams) and admins; reps are told it does not exist.
  "/coaching": {
    samples: (fx) => [
      { url: "/coaching", expect: { anonymous: "login", repA: "notFound", repB: "notFound", managerX: "allow", managerY: "allow", admin: "allow" } },
      { url: `/coaching?team=${fx.teams.y}`, expect: { anonymous: "login", repA: "notFound", repB: "notFound", managerX: "allow", managerY: "allow", admin: "allow" } },
    ],
  },
  // Meetings: every signed-in user sees the teams they may open (a rep: their own team's, to follow).
  "/meeting": { samples: () => [{ url: "/meeting", expect: signedIn("allow") }] },
  // Team X's meeting: its manager and admins run it, its reps follow it (rep B sees none of rep A's deal); team Y's
  // manager is told it does not exist, as everyone is for another organisation's meeting.
  "/meeting/[id]": {
    samples: () => [
      { url: `/meeting/${meetings.running}`, expect: TEAM_X_MEETING },
      { url: `/meeting/${meetings.other}`, expect: signedIn("notFound") },
      { url: "/meeting/not-a-number", expect: signedIn("notFound") },
    ],
  },
  "/meeting/[id]/summary": {
    samples: () => [
      { url: `/meeting/${meetings.done}/summary`, expect: TEAM_X_MEETING },
      { url: `/meeting/${meetings.other}/summary`, expect: signedIn("notFound") },
    ],
  },
  // Public: the invitee has no session. An unknown token shows "this link does not work".
  "/invite/[token]": { samples: () => [{ url: `/invite/${"x".repeat(43)}`, expect: all("allow") }] },
};

// "invalid": the caller got past authentication and the role policy, and the (empty) sample input was refused with 422.
type RouteOutcome = "allow" | "deny" | "invalid";
interface RouteCase {
  sample: { method: "GET" | "POST" | "PUT"; url: string };
  expect: Row<RouteOutcome>;
}

const IMPORTERS_INVALID: Row<RouteOutcome> = { anonymous: "deny", repA: "deny", repB: "deny", managerX: "invalid", managerY: "invalid", admin: "invalid" };
const NO_JOB = "00000000-0000-4000-8000-000000000000";

/** "METHOD /route/pattern" → a sample request and who may make it. */
const ROUTES: Record<string, RouteCase> = {
  "GET /api/health": { sample: { method: "GET", url: "/api/health" }, expect: all("allow") },
  "GET /api/export/deals": { sample: { method: "GET", url: "/api/export/deals?basis=created" }, expect: { ...all<RouteOutcome>("allow"), anonymous: "deny" } },
  "GET /api/export/leads": { sample: { method: "GET", url: "/api/export/leads?basis=created" }, expect: { ...all<RouteOutcome>("allow"), anonymous: "deny" } },
  "GET /api/export/activities": { sample: { method: "GET", url: "/api/export/activities?sort=rep" }, expect: { ...all<RouteOutcome>("allow"), anonymous: "deny" } },
  "GET /api/export/report": {
    sample: { method: "GET", url: "/api/export/report?format=json" },
    expect: { anonymous: "deny", repA: "deny", repB: "deny", managerX: "allow", managerY: "allow", admin: "allow" },
  },
  // Import: admins and managers only. A bodyless POST proves the policy lets them in (422) and keeps the others out.
  "POST /api/import/upload": { sample: { method: "POST", url: "/api/import/upload" }, expect: IMPORTERS_INVALID },
  "POST /api/import/preview": { sample: { method: "POST", url: "/api/import/preview" }, expect: IMPORTERS_INVALID },
  "POST /api/import/run": { sample: { method: "POST", url: "/api/import/run" }, expect: IMPORTERS_INVALID },
  "POST /api/import/presets": { sample: { method: "POST", url: "/api/import/presets" }, expect: IMPORTERS_INVALID },
  // Finishing without a kind is refused as invalid (past the policy); a chunk of an upload nobody started is not found.
  "POST /api/import/upload/[id]": { sample: { method: "POST", url: `/api/import/upload/${NO_JOB}` }, expect: IMPORTERS_INVALID },
  "PUT /api/import/upload/[id]/chunks/[seq]": { sample: { method: "PUT", url: `/api/import/upload/${NO_JOB}/chunks/0` }, expect: all<RouteOutcome>("deny") },
  // Another organisation's team: nobody gets its review as a PDF (and nothing is rendered).
  "GET /api/review/[year]/pdf": { sample: { method: "GET", url: `/api/review/${REVIEW_YEAR}/pdf?team=999999` }, expect: all<RouteOutcome>("deny") },
  // Someone else's (here: nobody's) import job is not found, for everyone.
  "GET /api/import/jobs/[id]": { sample: { method: "GET", url: `/api/import/jobs/${NO_JOB}` }, expect: all<RouteOutcome>("deny") },
  "GET /api/import/jobs/[id]/rejections": { sample: { method: "GET", url: `/api/import/jobs/${NO_JOB}/rejections` }, expect: all<RouteOutcome>("deny") },
  // The live-follow stream of team X's finished meeting: its last state, then the stream closes. Its team, its manager and
  // admins; team Y's manager gets 404.
  "GET /api/meeting/[id]/events": {
    sample: { method: "GET", url: "/api/meeting/MEETING_DONE/events" },
    expect: { anonymous: "deny", repA: "allow", repB: "allow", managerX: "allow", managerY: "deny", admin: "allow" },
  },
  "GET /api/auth/[...nextauth]": { sample: { method: "GET", url: "/api/auth/session" }, expect: all("allow") },
  // next-auth's own CSRF check refuses a sign-out without its token; reachable by anyone, it changes nothing.
  "POST /api/auth/[...nextauth]": { sample: { method: "POST", url: "/api/auth/signout" }, expect: all("allow") },
};

type ActionOutcome = "allow" | "deny";
interface ActionCase {
  input: (fx: MatrixFixture, n: number) => Record<string, string>;
  expect: Row<ActionOutcome>;
  /** A plain form action (formData only), not a useActionState one. */
  formOnly?: boolean;
  /** The page to post to, when the first page the build lists is not the one its callers use. */
  page?: string | ((fx: MatrixFixture) => string);
  /** A query over rows the action writes that the shared fingerprint does not cover; it must not change on a deny. */
  alsoWrites?: string;
}

// The deal's owner (rep A), the manager of their team and admins may edit deal A; rep B and manager Y may not.
const DEAL_A_EDITORS: Row<ActionOutcome> = { anonymous: "deny", repA: "allow", repB: "deny", managerX: "allow", managerY: "deny", admin: "allow" };
// The matrix fixture's stages have no exit criteria: beforeAll gives deal A's stage one.
let dealCriterionId = 0;
const DEAL_ANSWERS = "SELECT a::text FROM deal_criterion_answer a JOIN deal d ON d.id = a.deal_id WHERE d.org_id = ANY($1)";

const ADMIN_ONLY: Row<ActionOutcome> = { anonymous: "deny", repA: "deny", repB: "deny", managerX: "deny", managerY: "deny", admin: "allow" };
const SIGNED_IN: Row<ActionOutcome> = { ...all<ActionOutcome>("allow"), anonymous: "deny" };

const TEAM_X_REVIEWERS: Row<ActionOutcome> = { anonymous: "deny", repA: "deny", repB: "deny", managerX: "allow", managerY: "deny", admin: "allow" };
const REVIEWS = "SELECT r::text FROM review r WHERE org_id = ANY($1)";
const PIPELINE_PLANS = "SELECT p::text FROM pipeline_plan p WHERE org_id = ANY($1)";
const reviewPage = (fx: MatrixFixture) => `/review/${REVIEW_YEAR}/sales-process?team=${fx.teams.x}`;

// Pipelines, stages and criteria: admins only here (the fixture organisation keeps stage rules to admins). beforeAll
// makes the rows each action works on; a refused call must leave them as they were.
const matrixPipeline = { pipelineId: 0, first: 0, second: 0, spareStages: [0, 0], criterion: 0, spareCriterion: 0, retiredCriterion: 0, emptyPipeline: 0 };
const STAGE_RULES =
  "SELECT p::text FROM pipeline p WHERE p.org_id = ANY($1) " +
  "UNION ALL SELECT s::text FROM stage s JOIN pipeline p ON p.id = s.pipeline_id WHERE p.org_id = ANY($1) " +
  "UNION ALL SELECT c::text FROM stage_criterion c JOIN stage s ON s.id = c.stage_id JOIN pipeline p ON p.id = s.pipeline_id WHERE p.org_id = ANY($1) " +
  "UNION ALL SELECT x::text FROM stage_criterion_pause x JOIN stage_criterion c ON c.id = x.criterion_id JOIN stage s ON s.id = c.stage_id JOIN pipeline p ON p.id = s.pipeline_id WHERE p.org_id = ANY($1) " +
  "UNION ALL SELECT r::text FROM stage_revision r JOIN stage s ON s.id = r.stage_id JOIN pipeline p ON p.id = s.pipeline_id WHERE p.org_id = ANY($1)";
const editorPage = () => `/admin/pipelines/${matrixPipeline.pipelineId}`;
const stageRules = (input: (fx: MatrixFixture, n: number) => Record<string, string>, page: () => string = editorPage): ActionCase => ({
  input,
  expect: ADMIN_ONLY,
  page,
  alsoWrites: STAGE_RULES,
});

// Rep A's coaching: team X's manager and admins log sessions and decide commitments; only rep A acknowledges.
const TEAM_X_COACHES: Row<ActionOutcome> = { anonymous: "deny", repA: "deny", repB: "deny", managerX: "allow", managerY: "deny", admin: "allow" };
const COACHING = "SELECT c::text FROM commitment c JOIN rep r ON r.id = c.rep_id WHERE r.org_id = ANY($1) UNION ALL SELECT s::text FROM coaching_session s JOIN rep r ON r.id = s.rep_id WHERE r.org_id = ANY($1)";
const repAProfile = (fx: MatrixFixture) => `/reps/${fx.reps.a}`;
// beforeAll gives rep A a session with a commitment to decide and one to acknowledge.
const repACommitments = { decide: 0, acknowledge: 0 };

const TEAM_X_RUNNERS: Row<ActionOutcome> = { anonymous: "deny", repA: "deny", repB: "deny", managerX: "allow", managerY: "deny", admin: "allow" };
const MEETINGS =
  "SELECT m::text FROM pipeline_meeting m JOIN team t ON t.id = m.team_id WHERE t.org_id = ANY($1) UNION ALL SELECT md::text FROM meeting_decision md JOIN deal d ON d.id = md.deal_id WHERE d.org_id = ANY($1)";
const runningMeeting = () => `/meeting/${meetings.running}`;

/** "file.ts#export" in lib/actions → sample input and who may run it. */
const ACTIONS: Record<string, ActionCase> = {
  "coaching-create-session.ts#createCoachingSession": {
    input: (fx, n) => ({
      repId: String(fx.reps.a),
      at: "2025-06-02T10:00",
      minutes: "45",
      topic: `Matrix cadence (${n})`,
      "commitments.0.text": "Fifteen calls",
      "commitments.0.metric": "calls",
      "commitments.0.target": "15",
      "commitments.0.dueAt": "2025-06-30",
    }),
    expect: TEAM_X_COACHES,
    page: repAProfile,
    alsoWrites: COACHING,
  },
  "coaching-set-commitment-status.ts#setCommitmentStatus": {
    input: (_fx, n) => ({ commitmentId: String(repACommitments.decide), status: n % 2 === 0 ? "KEPT" : "MISSED", note: `Matrix ${n}` }),
    expect: TEAM_X_COACHES,
    page: repAProfile,
    alsoWrites: COACHING,
  },
  "coaching-acknowledge-commitment.ts#acknowledgeCommitment": {
    input: () => ({ commitmentId: String(repACommitments.acknowledge) }),
    expect: { anonymous: "deny", repA: "allow", repB: "deny", managerX: "deny", managerY: "deny", admin: "deny" },
    page: repAProfile,
    alsoWrites: COACHING,
  },
  "set-locale.ts#setLocale": { input: () => ({ locale: "en" }), expect: all("allow"), formOnly: true, page: "/login" },
  // A made-up token: every caller reaches the action and is told the link does not work.
  "accept-invite.ts#acceptInvite": { input: () => ({ token: "x".repeat(43), password: "long enough password", confirm: "long enough password" }), expect: all("deny") },
  // A made-up token, and users exist: every caller reaches the action and is refused; nothing is created.
  "complete-setup.ts#completeSetup": {
    input: (_fx, n) => ({ token: "x".repeat(43), orgName: `Matrix Org ${n}`, currency: "EUR", timeZone: "Europe/Berlin", adminName: "Matrix Admin", email: `matrix.setup.${n}@matrix.test`, password: "long enough password", confirm: "long enough password" }),
    expect: all("deny"),
  },
  // The matrix organisation as global-setup makes it (its name is how the next run finds it); only a threshold changes.
  "admin-update-organization-settings.ts#saveOrganizationSettings": {
    input: (_fx, n) => ({ name: "Matrix Org", currency: "EUR", timeZone: "Europe/Berlin", savedTimeZone: "Europe/Berlin", staleAfterDays: String(14 + (n % 2)), stuckFactor: "2", coachingTargetMinutes: "180" }),
    expect: ADMIN_ONLY,
    page: "/admin/settings",
  },
  "sign-out-everywhere.ts#signOutEverywhere": { input: () => ({}), expect: SIGNED_IN },
  "admin-create-user.ts#createUser": {
    input: (fx, n) => ({ name: `Matrix New ${n}`, email: `matrix.new.${n}.${Date.now()}@matrix.test`, role: "REP", teamId: String(fx.teams.x), method: "invite" }),
    expect: ADMIN_ONLY,
  },
  "admin-update-user.ts#updateUser": { input: (fx) => ({ userId: String(fx.users.target), role: "REP", teamId: String(fx.teams.y) }), expect: ADMIN_ONLY },
  "admin-set-user-active.ts#setUserActive": { input: (fx) => ({ userId: String(fx.users.target), active: "false" }), expect: ADMIN_ONLY },
  "admin-set-password.ts#setUserPassword": { input: (fx) => ({ userId: String(fx.users.target), password: "a brand new password" }), expect: ADMIN_ONLY },
  "admin-reissue-invite.ts#reissueInvite": { input: (fx) => ({ userId: String(fx.users.invited) }), expect: ADMIN_ONLY },
  "admin-create-team.ts#createTeam": { input: (_fx, n) => ({ name: `Matrix Team ${n}`, kind: "AE", managerId: "" }), expect: ADMIN_ONLY },
  "admin-update-team.ts#updateTeam": { input: (fx, n) => ({ teamId: String(fx.teams.spare), name: `Matrix Spare ${n}`, managerId: String(fx.users.managerY) }), expect: ADMIN_ONLY },
  "admin-move-rep.ts#moveRep": { input: (fx) => ({ repId: String(fx.reps.loose), teamId: String(fx.teams.spare) }), expect: ADMIN_ONLY },
  "deal-update-next-step.ts#updateDealNextStep": {
    input: (fx, n) => ({ dealId: String(fx.deals.a), nextStep: `Call the buyer back (${n})`, expectedCloseAt: "2026-12-15" }),
    expect: DEAL_A_EDITORS,
    page: (fx) => `/deals/${fx.deals.a}`,
  },
  // An answer from version 0: the first allowed caller saves it, the second is told of the conflict (nothing written).
  "review-save-answer.ts#saveReviewAnswer": {
    input: (fx, n) => ({ teamId: String(fx.teams.x), year: String(REVIEW_YEAR), section: "SALES_PROCESS", questionKey: "buyerHelp", answer: `Matrix answer ${n}`, baseVersion: "0" }),
    expect: TEAM_X_REVIEWERS,
    page: reviewPage,
    alsoWrites: REVIEWS,
  },
  "review-set-section-done.ts#setReviewSectionDone": {
    input: (fx, n) => ({ teamId: String(fx.teams.x), year: String(REVIEW_YEAR), section: "COACHING", done: n % 2 === 0 ? "true" : "false" }),
    expect: TEAM_X_REVIEWERS,
    page: reviewPage,
    alsoWrites: REVIEWS,
  },
  // Its own year, so completing it leaves the other review actions' year writable.
  "review-set-status.ts#setReviewStatus": {
    input: (fx) => ({ teamId: String(fx.teams.x), year: String(REVIEW_YEAR - 1), status: "COMPLETED" }),
    expect: TEAM_X_REVIEWERS,
    page: reviewPage,
    alsoWrites: REVIEWS,
  },
  "review-track-kpi.ts#trackReviewKpi": {
    input: (fx) => ({ teamId: String(fx.teams.x), year: String(REVIEW_YEAR), metric: "winRate", tracked: "true" }),
    expect: TEAM_X_REVIEWERS,
    page: reviewPage,
    alsoWrites: REVIEWS,
  },
  "plan-save-pipeline.ts#savePipelinePlan": {
    input: (fx, n) => ({
      teamId: String(fx.teams.x),
      year: String(REVIEW_YEAR + 1),
      target: String(100_000 + n),
      avgDealSize: "10000",
      winRateFromFirstMeeting: "25",
      handOverToFirstMeeting: "40",
      cycleDays: "30",
    }),
    expect: TEAM_X_REVIEWERS,
    page: (fx) => `/plan/${REVIEW_YEAR + 1}/pipeline?team=${fx.teams.x}`,
    alsoWrites: PIPELINE_PLANS,
  },
  // A goal of team X's plan owned by its manager; the target is far from any baseline of the fixture.
  "goal-save.ts#saveGoal": {
    input: (fx, n) => ({
      teamId: String(fx.teams.x),
      year: String(REVIEW_YEAR),
      goalId: "",
      title: `Matrix goal ${n}`,
      metric: "calls",
      target: String(500_000 + n),
      ownerId: String(fx.users.managerX),
      dueAt: `${REVIEW_YEAR + 1}-06-30`,
      horizon: "SHORT_TERM",
      section: "",
    }),
    expect: TEAM_X_REVIEWERS,
    page: (fx) => `/plan/${REVIEW_YEAR + 1}?team=${fx.teams.x}`,
    alsoWrites: "SELECT g::text FROM review_goal g JOIN review r ON r.id = g.review_id WHERE r.org_id = ANY($1)",
  },
  // A goal id no review holds: refused for everyone, nothing deleted.
  "goal-delete.ts#deleteGoal": {
    input: (fx) => ({ teamId: String(fx.teams.x), year: String(REVIEW_YEAR), goalId: "2147483000" }),
    expect: all("deny"),
    page: (fx) => `/plan/${REVIEW_YEAR + 1}?team=${fx.teams.x}`,
    alsoWrites: "SELECT g::text FROM review_goal g JOIN review r ON r.id = g.review_id WHERE r.org_id = ANY($1)",
  },
  // An insight the year never produces: refused for everyone, and nothing (not even the review row) is written.
  "review-decide-insight.ts#decideReviewInsight": {
    input: (fx) => ({ teamId: String(fx.teams.x), year: String(REVIEW_YEAR), insightKey: "STALLED_STAGE:stage:999999", decision: "ACCEPT" }),
    expect: all("deny"),
    page: reviewPage,
    alsoWrites: REVIEWS,
  },
  // Team X's meeting is in progress: starting it again resumes it.
  "meeting-start.ts#startMeeting": { input: (fx) => ({ teamId: String(fx.teams.x), walkOrder: "FLAGGED" }), expect: TEAM_X_RUNNERS, page: "/meeting", alsoWrites: MEETINGS },
  "meeting-go-to-deal.ts#goToMeetingDeal": {
    input: (fx, n) => ({ meetingId: String(meetings.running), dealId: String(n % 2 === 0 ? fx.deals.a : fx.deals.b) }),
    expect: TEAM_X_RUNNERS,
    page: runningMeeting,
    alsoWrites: MEETINGS,
  },
  "meeting-answer-criterion.ts#answerMeetingCriterion": {
    input: (fx, n) => ({ meetingId: String(meetings.running), dealId: String(fx.deals.a), criterionId: String(dealCriterionId), answer: n % 2 === 0 ? "yes" : "no" }),
    expect: TEAM_X_RUNNERS,
    page: runningMeeting,
    alsoWrites: DEAL_ANSWERS,
  },
  "meeting-set-forecast.ts#setMeetingForecast": {
    input: (fx, n) => ({ meetingId: String(meetings.running), dealId: String(fx.deals.a), forecastCategory: n % 2 === 0 ? "COMMIT" : "BEST_CASE" }),
    expect: TEAM_X_RUNNERS,
    page: runningMeeting,
  },
  // A first decision (version 0) on a deal: manager X's call and the admin's, two calls later, land on different deals
  // (n mod 4 below 2 or not), so neither is a conflict with the other.
  "meeting-decide.ts#decideMeetingDeal": {
    input: (fx, n) => ({
      meetingId: String(meetings.running),
      dealId: String(n % 4 < 2 ? fx.deals.a : fx.deals.b),
      decision: "HOLD",
      nextStep: `Matrix next step ${n}`,
      ownerId: String(fx.users.managerX),
      baseVersion: "0",
    }),
    expect: TEAM_X_RUNNERS,
    page: runningMeeting,
    alsoWrites: MEETINGS,
  },
  // The finished meeting: everyone reaches the action and is told it has ended, and nothing is written (finishing the
  // running one here would end it for the other actions; tests/integration covers a finish).
  "meeting-finish.ts#finishMeeting": { input: () => ({ meetingId: String(meetings.done) }), expect: all("deny"), page: runningMeeting, alsoWrites: MEETINGS },
  "deal-answer-criterion.ts#answerDealCriterion": {
    input: (fx, n) => ({ dealId: String(fx.deals.a), criterionId: String(dealCriterionId), answer: n % 2 === 0 ? "yes" : "no" }),
    expect: DEAL_A_EDITORS,
    page: (fx) => `/deals/${fx.deals.a}`,
    alsoWrites: DEAL_ANSWERS,
  },
  "pipeline-create.ts#createPipeline": stageRules((_fx, n) => ({ name: `Matrix pipeline ${n}`, template: "simple" }), () => "/admin/pipelines"),
  "pipeline-rename.ts#renamePipeline": stageRules((_fx, n) => ({ pipelineId: String(matrixPipeline.pipelineId), name: `Matrix rules ${n}` })),
  "pipeline-move.ts#movePipeline": stageRules(() => ({ pipelineId: String(matrixPipeline.pipelineId), direction: "up" }), () => "/admin/pipelines"),
  "pipeline-delete.ts#deletePipeline": stageRules(() => ({ pipelineId: String(matrixPipeline.emptyPipeline) })),
  "pipeline-add-stage.ts#addStage": stageRules((_fx, n) => ({ pipelineId: String(matrixPipeline.pipelineId), name: `Added ${n}`, kind: "OPEN" })),
  "pipeline-update-stage.ts#updateStage": stageRules((_fx, n) => ({
    part: "open",
    stageId: String(matrixPipeline.first),
    name: `First ${n}`,
    buyerStage: "EVALUATION",
    buyerQuestion: "Why now?",
    probability: String(n % 100),
  })),
  "pipeline-move-stage.ts#moveStage": stageRules(() => ({ stageId: String(matrixPipeline.second), direction: "up" })),
  "pipeline-remove-stage.ts#removeStage": stageRules(() => ({ stageId: String(matrixPipeline.spareStages[0]) })),
  "pipeline-merge-stage.ts#mergeStage": stageRules(() => ({ stageId: String(matrixPipeline.spareStages[1]), intoStageId: String(matrixPipeline.first) })),
  "pipeline-add-criterion.ts#addCriterion": stageRules((_fx, n) => ({ stageId: String(matrixPipeline.first), question: `Matrix question ${n}` })),
  "pipeline-update-criterion.ts#updateCriterion": stageRules((_fx, n) => ({ criterionId: String(matrixPipeline.criterion), question: `Pain confirmed (${n})` })),
  "pipeline-move-criterion.ts#moveCriterion": stageRules(() => ({ criterionId: String(matrixPipeline.criterion), direction: "down" })),
  "pipeline-remove-criterion.ts#removeCriterion": stageRules(() => ({ criterionId: String(matrixPipeline.spareCriterion) })),
  "pipeline-restore-criterion.ts#restoreCriterion": stageRules(() => ({ criterionId: String(matrixPipeline.retiredCriterion) })),
};

// ---------------------------------------------------------------------------------------------
// Enumeration from the code
// ---------------------------------------------------------------------------------------------

function filesNamed(dir: string, name: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesNamed(full, name);
    return entry.name === name ? [full] : [];
  });
}

function routePattern(file: string): string {
  const relative = path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep).filter(Boolean);
  return `/${relative.filter((segment) => !/^\(.*\)$/.test(segment)).join("/")}`;
}

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** The HTTP methods a route.ts exports, read from its source. */
function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const match of source.matchAll(/export\s+(?:async\s+)?(?:function|const|let)\s+([A-Z]+)\b/g)) found.add(match[1]!);
  for (const match of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of match[1]!.split(",")) found.add(part.trim().split(/\s+as\s+/).pop()!.trim());
  }
  return [...found].filter((name) => METHODS.includes(name));
}

function exportedActions(): string[] {
  const dir = path.join(ROOT, "lib/actions");
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts") && file !== "authed-action.ts")
    .flatMap((file) => {
      const source = fs.readFileSync(path.join(dir, file), "utf8");
      return [...source.matchAll(/export\s+(?:async\s+function|const|function)\s+(\w+)/g)].map((match) => `${file}#${match[1]}`);
    });
}

const pages = filesNamed(path.join(ROOT, "app"), "page.tsx").map(routePattern).sort();
const routes = filesNamed(path.join(ROOT, "app"), "route.ts")
  .flatMap((file) => exportedMethods(fs.readFileSync(file, "utf8")).map((method) => `${method} ${routePattern(file)}`))
  .sort();
const actions = exportedActions().sort();

test("every page, route handler and server action in the code has an entry in the matrix", () => {
  expect(pages, "pages (app/**/page.tsx) without an entry in PAGES, or entries for pages that are gone").toEqual(Object.keys(PAGES).sort());
  expect(routes, "route handlers (app/**/route.ts) without an entry in ROUTES, or stale entries").toEqual(Object.keys(ROUTES).sort());
  expect(actions, "server actions (lib/actions) without an entry in ACTIONS, or stale entries").toEqual(Object.keys(ACTIONS).sort());
  const samples = Object.values(PAGES).reduce((sum, page) => sum + page.samples(readFixture()).length, 0);
  console.log(
    `authorization matrix: (${pages.length} pages [${samples} URLs] + ${routes.length} route handlers + ${actions.length} actions) × ${WHO.length} viewers = ` +
      `${(pages.length + routes.length + actions.length) * WHO.length} cells, ${(samples + routes.length + actions.length) * WHO.length} requests`,
  );
});

// ---------------------------------------------------------------------------------------------
// The cases
// ---------------------------------------------------------------------------------------------

let fx: MatrixFixture;
let db: pg.Client;
const contexts = new Map<Who, APIRequestContext>();
let baseURL: string;
const counted = { pages: 0, routes: 0, actions: 0 };

test.beforeAll(async ({ baseURL: url }) => {
  baseURL = url!;
  fx = readFixture();
  db = await connect();
  const emails: Record<SignedIn, string> = fx.emails;
  for (const who of WHO) contexts.set(who, await signedInContext(baseURL, who === "anonymous" ? null : emails[who]));
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO stage_criterion (stage_id, position, question) SELECT stage_id, 1, 'Is the pain confirmed?' FROM deal WHERE id = $1
     ON CONFLICT (stage_id, position) DO UPDATE SET question = excluded.question RETURNING id`,
    [fx.deals.a],
  );
  dealCriterionId = rows[0]!.id;
  const id = async (text: string, values: unknown[]) => (await db.query<{ id: number }>(text, values)).rows[0]!.id;
  const pipelineId = await id("INSERT INTO pipeline (org_id, name, position) VALUES ($1, 'Matrix rules', 1) RETURNING id", [fx.orgId]);
  const stage = (name: string, position: number, kind = "OPEN") =>
    id(`INSERT INTO stage (pipeline_id, name, position, kind) VALUES ($1, $2, $3, $4::"StageKind") RETURNING id`, [pipelineId, name, position, kind]);
  const criterion = (stageId: number, position: number, question: string, active = true) =>
    id("INSERT INTO stage_criterion (stage_id, position, question, retired_at) VALUES ($1, $2, $3, CASE WHEN $4 THEN NULL ELSE now() END) RETURNING id", [stageId, position, question, active]);
  const first = await stage("First", 1);
  Object.assign(matrixPipeline, {
    pipelineId,
    first,
    second: await stage("Second", 2),
    spareStages: [await stage("Spare one", 3), await stage("Spare two", 4)],
    criterion: await criterion(first, 1, "Pain confirmed"),
    spareCriterion: (await criterion(first, 2, "Budget known"), await criterion(first, 3, "Spare question")),
    retiredCriterion: await criterion(first, 4, "Retired question", false),
    emptyPipeline: await id("INSERT INTO pipeline (org_id, name, position) VALUES ($1, 'Matrix empty', 2) RETURNING id", [fx.orgId]),
  });
  await stage("Won", 5, "WON");
  await stage("Lost", 6, "LOST");

  const session = await db.query<{ id: number }>(
    "INSERT INTO coaching_session (rep_id, manager_id, at, minutes, topic) VALUES ($1, $2, '2025-06-02T08:00:00Z', 30, 'Matrix session') RETURNING id",
    [fx.reps.a, fx.users.managerX],
  );
  const commitment = () =>
    db.query<{ id: number }>(
      "INSERT INTO commitment (rep_id, session_id, text, metric, comparator, target, due_at) VALUES ($1, $2, 'Ten calls', 'calls', 'AT_LEAST', 10, '2025-06-30') RETURNING id",
      [fx.reps.a, session.rows[0]!.id],
    );
  repACommitments.decide = (await commitment()).rows[0]!.id;
  repACommitments.acknowledge = (await commitment()).rows[0]!.id;

  // A worker restarted after a failure runs this again on the same fixture: one meeting in progress per team.
  await db.query("DELETE FROM pipeline_meeting WHERE team_id IN (SELECT id FROM team WHERE org_id = ANY($1))", [[fx.orgId, fx.otherOrgId]]);
  const meeting = async (teamId: number, status: string, dealIds: number[]) =>
    (
      await db.query<{ id: number }>(
        `INSERT INTO pipeline_meeting (team_id, held_at, started_at, status, facilitator_id, deal_ids, current_deal_id) VALUES ($1, now(), now(), $2, $3, $4, $5) RETURNING id`,
        [teamId, status, fx.users.managerX, dealIds, dealIds[0] ?? null],
      )
    ).rows[0]!.id;
  meetings.running = await meeting(fx.teams.x, "IN_PROGRESS", [fx.deals.a, fx.deals.b]);
  meetings.done = await meeting(fx.teams.x, "DONE", [fx.deals.a, fx.deals.b]);
  meetings.other = await meeting(fx.teams.other, "DONE", [fx.deals.other]);
  // Each of rep A's and rep B's deals got a decision whose next step its rep owns: a rep must see only their own.
  for (const [dealId, ownerId] of [[fx.deals.a, fx.users.repA], [fx.deals.b, fx.users.repB]] as const) {
    await db.query(`INSERT INTO meeting_decision (meeting_id, deal_id, decided_by_id, kind, next_step, owner_id, flags) VALUES ($1, $2, $3, 'HOLD', $4, $5, '{}')`, [
      meetings.done,
      dealId,
      fx.users.managerX,
      `Next step of deal ${dealId}`,
      ownerId,
    ]);
  }
});

test.afterAll(async () => {
  for (const context of contexts.values()) await context.dispose();
  await db?.end();
  if (counted.pages + counted.routes + counted.actions > 0) {
    console.log(`authorization matrix cases run in this worker: ${counted.pages} page, ${counted.routes} route handler, ${counted.actions} action`);
  }
});

test("the markers are really in what the server serves (so their absence elsewhere means something)", async () => {
  const managerRoster = await (await contexts.get("managerX")!.get("/roster")).text();
  expect(managerRoster).toContain("MARKER-REP-A");
  expect(managerRoster).toContain("MARKER-REP-B");
  const adminTeams = await (await contexts.get("admin")!.get("/admin/teams")).text();
  expect(adminTeams).toContain("MARKER-TEAM-Y");
});

function expectNoForeignMarkers(who: Who, what: string, body: string) {
  for (const marker of FORBIDDEN_MARKERS[who]) expect(body.includes(marker), `${what} as ${who} contains ${marker}`).toBe(false);
}

for (const pattern of Object.keys(PAGES).sort()) {
  test(`page ${pattern}`, async () => {
    for (const sample of PAGES[pattern]!.samples(fx)) {
      for (const who of WHO) {
        const response = await contexts.get(who)!.get(sample.url);
        const finalPath = new URL(response.url()).pathname;
        const body = await response.text();
        const outcome: PageOutcome | string =
          finalPath === "/login" && sample.url !== "/login" ? "login" : response.status() === 404 ? "notFound" : response.status() === 200 ? "allow" : `HTTP ${response.status()}`;
        expect(outcome, `${sample.url} as ${who}`).toBe(sample.expect[who]);
        expectNoForeignMarkers(who, sample.url, body);
        counted.pages++;
      }
    }
  });
}

for (const key of Object.keys(ROUTES).sort()) {
  test(`route ${key}`, async () => {
    const { sample, expect: expected } = ROUTES[key]!;
    for (const who of WHO) {
      const response = await contexts.get(who)!.fetch(sample.url.replace("MEETING_DONE", String(meetings.done)), { method: sample.method, headers: { Origin: baseURL } });
      const status = response.status();
      const outcome: RouteOutcome | string =
        status < 400 ? "allow" : [401, 403, 404].includes(status) ? "deny" : status === 422 ? "invalid" : `HTTP ${status}`;
      expect(outcome, `${key} as ${who}`).toBe(expected[who]);
      expectNoForeignMarkers(who, key, await response.text());
      counted.routes++;
    }
  });
}

let sequence = 0;
for (const key of Object.keys(ACTIONS).sort()) {
  test(`action ${key}`, async () => {
    const built = builtActions().get(key);
    expect(built, `${key} is not reachable in the production build (no page uses it)`).toBeDefined();
    const entry = ACTIONS[key]!;
    const snapshot = async () => {
      const extra = entry.alsoWrites
        ? (await db.query<{ hash: string }>(`SELECT md5(coalesce(string_agg(x.t, '|' ORDER BY x.t), '')) AS hash FROM (${entry.alsoWrites.replace(/^SELECT (\w)::text/, "SELECT $1::text AS t")}) x`, [[fx.orgId, fx.otherOrgId]])).rows[0]!.hash
        : "";
      return [...(await fingerprint(db, fx)), extra];
    };
    for (const who of WHO) {
      const before = await snapshot();
      const page = typeof entry.page === "function" ? entry.page(fx) : entry.page;
      const target = { id: built!.id, page: page ?? built!.page };
      const { status, body } = await callAction(contexts.get(who)!, baseURL, target, entry.input(fx, ++sequence), { formOnly: entry.formOnly });
      // Anonymous callers are turned away by the proxy (a redirect to sign-in) before any action runs.
      const answered = /"status":"(success|error)"/.exec(body)?.[1];
      // A form-only action answers nothing; a useActionState action must say success or error.
      const allowed = entry.formOnly ? answered !== "error" : answered === "success";
      const outcome = status >= 300 && status < 400 ? "deny" : status !== 200 ? `HTTP ${status}` : answered === "error" ? "deny" : allowed ? "allow" : "no answer";
      expect(outcome, `${key} as ${who}: HTTP ${status} ${body.slice(0, 300)}`).toBe(entry.expect[who]);
      if (outcome === "deny") expect(await snapshot(), `${key} as ${who} was refused but wrote to the database`).toEqual(before);
      expectNoForeignMarkers(who, key, body);
      counted.actions++;
    }
  });
}
