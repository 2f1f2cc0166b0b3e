// Stage rules keep their history: exit criteria are in force from when they were added until they are retired (with
// the pauses of a retired criterion asked again), qualification at a date D uses the rules in force at D, rewording an
// answered criterion retires it and asks a new one, and every change of a stage's settings writes a stage revision
// that the pipeline editor lists. The edits run at chosen instants (Date only is faked, so the database and the
// timers keep the real clock).
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { mintViewer, type Viewer } from "@/lib/auth/viewer";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";
import { maintainedAndRebuilt } from "./support/derived-tables";

const holder = vi.hoisted(() => ({ client: undefined as unknown as PrismaClient }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/db/client", () => ({
  db: new Proxy({}, { get: (_target, property) => Reflect.get(holder.client, property, holder.client) }),
}));

const { addCriterion } = await import("@/lib/data/pipelines/add-criterion");
const { updateCriterion } = await import("@/lib/data/pipelines/update-criterion");
const { removeCriterion } = await import("@/lib/data/pipelines/remove-criterion");
const { restoreCriterion } = await import("@/lib/data/pipelines/restore-criterion");
const { updateStage } = await import("@/lib/data/pipelines/update-stage");
const { mergeStage } = await import("@/lib/data/pipelines/merge-stage");
const { createPipeline } = await import("@/lib/data/pipelines/create-pipeline");
const { getPipelineEditor } = await import("@/lib/data/pipelines/get-pipeline-editor");
const { createPipelineSchema } = await import("@/lib/validation/pipelines");
const { queryDealFlags } = await import("@/lib/kpi/query-deal-flags");
const { queryQualification } = await import("@/lib/kpi/query-qualification");

let database: ScratchDatabase;
let db: PrismaClient;
let sql: pg.Client;

beforeAll(async () => {
  database = await createMigratedDatabase();
  db = createPrismaClient(database.url);
  holder.client = db;
  sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
});

afterEach(() => {
  vi.useRealTimers();
});

afterAll(async () => {
  await sql?.end();
  await db?.$disconnect();
  await database?.drop();
});

const run = <T,>(work: (tx: Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0]) => Promise<T>) => db.$transaction(work, { timeout: 60_000 });

/** Runs an edit as if it were made at `iso` (only Date is faked). */
async function at<T>(iso: string, work: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(iso));
  try {
    return await work();
  } finally {
    vi.useRealTimers();
  }
}

interface Org {
  orgId: number;
  admin: Viewer;
  pipelineId: number;
  stages: { s1: number; s2: number; s3: number; won: number; lost: number };
  repId: number;
}

let orgCount = 0;

async function createOrg(): Promise<Org> {
  const org = await db.organization.create({ data: { name: `Rules ${++orgCount}`, timeZone: "Europe/Berlin" } });
  const admin = await db.user.create({ data: { orgId: org.id, name: "Ada Admin", email: `admin${orgCount}@rules.test`, role: "ADMIN", passwordHash: "x" } });
  const team = await db.team.create({ data: { orgId: org.id, name: "Team" } });
  const rep = await db.rep.create({ data: { orgId: org.id, name: "Rep", kind: "AE", teamId: team.id } });
  const pipeline = await db.pipeline.create({ data: { orgId: org.id, name: "New business" } });
  const stage = (name: string, position: number, kind: "OPEN" | "WON" | "LOST" = "OPEN") =>
    db.stage.create({ data: { pipelineId: pipeline.id, name, position, kind, probability: position * 10 } }).then((row) => row.id);
  const stages = { s1: await stage("S1", 1), s2: await stage("S2", 2), s3: await stage("S3", 3), won: await stage("Won", 4, "WON"), lost: await stage("Lost", 5, "LOST") };
  return {
    orgId: org.id,
    admin: mintViewer({ userId: admin.id, orgId: org.id, role: "ADMIN", repId: null, teamIds: [], name: "Ada Admin", email: admin.email, locale: "en" }),
    pipelineId: pipeline.id,
    stages,
    repId: rep.id,
  };
}

/** An open deal created on `created` in S1 that entered S2 on `entered` (and stays there). */
async function openDealInS2(org: Org, created: string, entered: string): Promise<number> {
  const deal = await db.deal.create({
    data: { orgId: org.orgId, pipelineId: org.pipelineId, stageId: org.stages.s2, ownerId: org.repId, name: "Deal", amount: "1000", createdAt: new Date(created), nextStep: "Call" },
  });
  await db.dealStageChange.create({ data: { dealId: deal.id, fromStageId: null, toStageId: org.stages.s1, at: new Date(created) } });
  await db.dealStageChange.create({ data: { dealId: deal.id, fromStageId: org.stages.s1, toStageId: org.stages.s2, at: new Date(entered) } });
  return deal.id;
}

const answer = (dealId: number, criterionId: number, yes: boolean, when: string) =>
  db.dealCriterionAnswer.upsert({
    where: { dealId_criterionId: { dealId, criterionId } },
    create: { dealId, criterionId, answer: yes, answeredAt: new Date(when) },
    update: { answer: yes, answeredAt: new Date(when) },
  });

async function misqualified(org: Org, dealId: number, when: string): Promise<boolean> {
  const [row] = await queryDealFlags(db, org.admin, { at: new Date(when), dealId, onlyFlagged: false });
  if (!row) throw new Error(`deal ${dealId} is not open at ${when}`);
  return row.flags.includes("MISQUALIFIED");
}

async function compliance(org: Org, when: string): Promise<number | null> {
  return (await queryQualification(db, org.admin, { at: new Date(when) })).total.compliance;
}

const criterionOf = (stageId: number, question: string) => db.stageCriterion.findFirstOrThrow({ where: { stageId, question } });

describe("exit criteria in force at a date", () => {
  it("does not flag a deal for the dates before a criterion was added, and does after", async () => {
    const org = await createOrg();
    // A criterion the stage always had (no stated start), answered yes in February.
    const pain = await db.stageCriterion.create({ data: { stageId: org.stages.s1, position: 1, question: "Pain confirmed" } });
    const deal = await openDealInS2(org, "2026-02-01T09:00:00Z", "2026-03-01T09:00:00Z");
    await answer(deal, pain.id, true, "2026-02-15T09:00:00Z");
    expect(await misqualified(org, deal, "2026-06-01T00:00:00Z")).toBe(false);

    await at("2026-07-01T10:00:00Z", () => run((tx) => addCriterion(org.admin, { stageId: org.stages.s1, question: "Budget known" }, tx)));
    const budget = await criterionOf(org.stages.s1, "Budget known");
    expect(budget.introducedAt).toEqual(new Date("2026-07-01T10:00:00Z"));

    // Qualified under the rules of June: not flagged for June, even now that the stage asks more.
    expect(await misqualified(org, deal, "2026-06-01T00:00:00Z")).toBe(false);
    expect(await misqualified(org, deal, "2026-07-01T10:00:00Z")).toBe(false);
    expect(await misqualified(org, deal, "2026-07-02T00:00:00Z")).toBe(true);
    expect(await compliance(org, "2026-06-01T00:00:00Z")).toBe(1);
    expect(await compliance(org, "2026-08-01T00:00:00Z")).toBe(0);

    await answer(deal, budget.id, true, "2026-08-10T09:00:00Z");
    expect(await misqualified(org, deal, "2026-08-05T00:00:00Z")).toBe(true);
    expect(await misqualified(org, deal, "2026-08-15T00:00:00Z")).toBe(false);
    // Today's views (D = now) ask the rules of today.
    expect(await misqualified(org, deal, new Date().toISOString())).toBe(false);
  });

  it("counts a retired criterion for the dates it applied and not after; asked again, not for the pause", async () => {
    const org = await createOrg();
    const pain = await db.stageCriterion.create({ data: { stageId: org.stages.s1, position: 1, question: "Pain confirmed" } });
    const deal = await openDealInS2(org, "2026-02-01T09:00:00Z", "2026-03-01T09:00:00Z");
    await answer(deal, pain.id, false, "2026-02-15T09:00:00Z");
    expect(await misqualified(org, deal, "2026-08-20T00:00:00Z")).toBe(true);

    const retired = await at("2026-09-01T10:00:00Z", () => run((tx) => removeCriterion(org.admin, { criterionId: pain.id }, tx)));
    expect(retired).toEqual({ retired: true, answers: 1 });
    expect((await db.stageCriterion.findUniqueOrThrow({ where: { id: pain.id } })).retiredAt).toEqual(new Date("2026-09-01T10:00:00Z"));
    expect(await misqualified(org, deal, "2026-08-20T00:00:00Z")).toBe(true);
    expect(await misqualified(org, deal, "2026-09-10T00:00:00Z")).toBe(false);
    expect(await compliance(org, "2026-08-20T00:00:00Z")).toBe(0);
    expect(await compliance(org, "2026-09-10T00:00:00Z")).toBe(1);

    await at("2026-10-01T10:00:00Z", () => run((tx) => restoreCriterion(org.admin, { criterionId: pain.id }, tx)));
    expect(await db.stageCriterionPause.findMany({ where: { criterionId: pain.id }, select: { retiredAt: true, restoredAt: true } })).toEqual([
      { retiredAt: new Date("2026-09-01T10:00:00Z"), restoredAt: new Date("2026-10-01T10:00:00Z") },
    ]);
    expect(await misqualified(org, deal, "2026-08-20T00:00:00Z")).toBe(true);
    expect(await misqualified(org, deal, "2026-09-15T00:00:00Z")).toBe(false);
    expect(await misqualified(org, deal, "2026-10-05T00:00:00Z")).toBe(true);
  });

  it("keeps the compliance of past dates when the rules change later", async () => {
    const org = await createOrg();
    const pain = await db.stageCriterion.create({ data: { stageId: org.stages.s1, position: 1, question: "Pain confirmed" } });
    const champion = await db.stageCriterion.create({ data: { stageId: org.stages.s1, position: 2, question: "Champion named" } });
    const deals = [
      await openDealInS2(org, "2026-01-05T09:00:00Z", "2026-01-20T09:00:00Z"),
      await openDealInS2(org, "2026-02-05T09:00:00Z", "2026-02-20T09:00:00Z"),
      await openDealInS2(org, "2026-03-05T09:00:00Z", "2026-03-20T09:00:00Z"),
    ];
    await answer(deals[0]!, pain.id, true, "2026-01-10T09:00:00Z");
    await answer(deals[0]!, champion.id, true, "2026-01-11T09:00:00Z");
    await answer(deals[1]!, pain.id, true, "2026-02-10T09:00:00Z");
    await answer(deals[1]!, champion.id, false, "2026-02-11T09:00:00Z");
    await answer(deals[2]!, pain.id, true, "2026-03-10T09:00:00Z");
    const dates = ["2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z", "2026-05-01T00:00:00Z"];
    const before = await Promise.all(dates.map((d) => compliance(org, d)));
    expect(before).toEqual([1, 0.5, 1 / 3, 1 / 3]);

    // From May on: a new criterion, the champion question retired, the pain question reworded.
    await at("2026-05-10T10:00:00Z", () => run((tx) => addCriterion(org.admin, { stageId: org.stages.s1, question: "Budget known" }, tx)));
    await at("2026-05-11T10:00:00Z", () => run((tx) => removeCriterion(org.admin, { criterionId: champion.id }, tx)));
    await at("2026-05-12T10:00:00Z", () => run((tx) => updateCriterion(org.admin, { criterionId: pain.id, question: "Pain confirmed by the buyer" }, tx)));

    expect(await Promise.all(dates.map((d) => compliance(org, d)))).toEqual(before);
    // After the edits every deal owes the new questions.
    expect(await compliance(org, "2026-06-01T00:00:00Z")).toBe(0);
  });
});

describe("rewording an exit criterion", () => {
  it("retires an answered criterion and asks a new one in its place; rewords an unanswered one in place", async () => {
    const org = await createOrg();
    const pain = await db.stageCriterion.create({ data: { stageId: org.stages.s1, position: 1, question: "Pain confirmed" } });
    const budget = await db.stageCriterion.create({ data: { stageId: org.stages.s1, position: 2, question: "Budget known" } });
    const deal = await openDealInS2(org, "2026-02-01T09:00:00Z", "2026-03-01T09:00:00Z");
    await answer(deal, pain.id, true, "2026-02-15T09:00:00Z");

    const replaced = await at("2026-06-01T10:00:00Z", () => run((tx) => updateCriterion(org.admin, { criterionId: pain.id, question: "Pain confirmed in writing" }, tx)));
    const old = await db.stageCriterion.findUniqueOrThrow({ where: { id: pain.id } });
    expect(old).toMatchObject({ question: "Pain confirmed", retiredAt: new Date("2026-06-01T10:00:00Z") });
    expect(replaced.replacedBy).not.toBeNull();
    const created = await db.stageCriterion.findUniqueOrThrow({ where: { id: replaced.replacedBy! } });
    expect(created).toMatchObject({ question: "Pain confirmed in writing", position: 1, introducedAt: new Date("2026-06-01T10:00:00Z"), retiredAt: null });
    // The answer stays with the question it was given to.
    expect(await db.dealCriterionAnswer.findMany({ where: { dealId: deal }, select: { criterionId: true } })).toEqual([{ criterionId: pain.id }]);
    const asked = await db.stageCriterion.findMany({ where: { stageId: org.stages.s1, retiredAt: null }, orderBy: { position: "asc" }, select: { question: true } });
    expect(asked.map((c) => c.question)).toEqual(["Pain confirmed in writing", "Budget known"]);
    const audited = await db.auditLog.findMany({ where: { orgId: org.orgId, entity: "stage_criterion" }, orderBy: { id: "asc" }, select: { action: true, entityId: true } });
    expect(audited).toEqual([
      { action: "criterion.retire", entityId: String(pain.id) },
      { action: "criterion.create", entityId: String(created.id) },
    ]);

    await at("2026-06-02T10:00:00Z", () => run((tx) => updateCriterion(org.admin, { criterionId: budget.id, question: "Budget range known" }, tx)));
    expect(await db.stageCriterion.findUniqueOrThrow({ where: { id: budget.id } })).toMatchObject({ question: "Budget range known", retiredAt: null, introducedAt: new Date(0) });
    await expect(run((tx) => updateCriterion(org.admin, { criterionId: pain.id, question: "Something else" }, tx))).rejects.toMatchObject({
      messageKey: "pipelinesAdmin.errors.criterionRetired",
    });
    // The old wording is still taken: restore it rather than ask it twice.
    await expect(run((tx) => addCriterion(org.admin, { stageId: org.stages.s1, question: "pain confirmed" }, tx))).rejects.toMatchObject({ field: "question" });
  });
});

describe("stage settings history", () => {
  it("writes a revision with every settings change, and the editor lists the changes with who and when", async () => {
    const org = await createOrg();
    // A pipeline in use: a criterion added now is a change of its rules.
    await openDealInS2(org, "2026-02-01T09:00:00Z", "2026-03-01T09:00:00Z");
    const open = (stageId: number, name: string, over: { probability?: number; isFirstMeeting?: boolean; buyerQuestion?: string | null }) =>
      db.stage.findUniqueOrThrow({ where: { id: stageId } }).then((stage) =>
        run((tx) =>
          updateStage(
            org.admin,
            {
              part: "open",
              stageId,
              name,
              buyerStage: stage.buyerStage,
              buyerQuestion: over.buyerQuestion === undefined ? stage.buyerQuestion : over.buyerQuestion,
              probability: over.probability ?? stage.probability,
              isFirstMeeting: over.isFirstMeeting ?? stage.isFirstMeeting,
            },
            tx,
          ),
        ),
      );
    const revisions = (stageId: number) =>
      db.stageRevision.findMany({ where: { stageId }, orderBy: [{ validFrom: "asc" }, { id: "asc" }], select: { validFrom: true, probability: true, isFirstMeeting: true, buyerQuestion: true, changedById: true } });

    await at("2026-04-01T10:00:00Z", () => open(org.stages.s2, "S2", { probability: 35 }));
    // The stage had no revision (made outside the editor): its settings before the change start its history.
    expect(await revisions(org.stages.s2)).toEqual([
      { validFrom: new Date(0), probability: 20, isFirstMeeting: false, buyerQuestion: null, changedById: null },
      { validFrom: new Date("2026-04-01T10:00:00Z"), probability: 35, isFirstMeeting: false, buyerQuestion: null, changedById: org.admin.userId },
    ]);
    // A rename alone is not a settings change.
    await at("2026-04-02T10:00:00Z", () => open(org.stages.s2, "Discovery", {}));
    expect(await revisions(org.stages.s2)).toHaveLength(2);

    await at("2026-05-01T10:00:00Z", () => open(org.stages.s3, "S3", { isFirstMeeting: true }));
    await at("2026-06-01T10:00:00Z", () => open(org.stages.s2, "Discovery", { isFirstMeeting: true, buyerQuestion: "Why change now?" }));
    // Marking S2 unmarked S3: both got a revision.
    expect((await revisions(org.stages.s3)).map((r) => [r.validFrom.toISOString(), r.isFirstMeeting])).toEqual([
      ["1970-01-01T00:00:00.000Z", false],
      ["2026-05-01T10:00:00.000Z", true],
      ["2026-06-01T10:00:00.000Z", false],
    ]);
    const stages = await db.stage.findMany({ where: { pipelineId: org.pipelineId, kind: "OPEN" }, orderBy: { position: "asc" } });
    for (const stage of stages) {
      const last = (await revisions(stage.id)).at(-1);
      if (last) expect(last).toMatchObject({ probability: stage.probability, isFirstMeeting: stage.isFirstMeeting, buyerQuestion: stage.buyerQuestion });
    }

    await at("2026-07-01T10:00:00Z", () => run((tx) => addCriterion(org.admin, { stageId: org.stages.s1, question: "Pain confirmed" }, tx)));
    const editor = await getPipelineEditor(org.admin, org.pipelineId);
    expect(editor?.changes).toEqual([
      { kind: "criterionAdded", at: new Date("2026-07-01T10:00:00Z"), by: "Ada Admin", stageId: org.stages.s1, stage: "S1", question: "Pain confirmed" },
      {
        kind: "settings",
        at: new Date("2026-06-01T10:00:00Z"),
        by: "Ada Admin",
        stageId: org.stages.s2,
        stage: "Discovery",
        fields: [
          { field: "buyerQuestion", from: null, to: "Why change now?" },
          { field: "isFirstMeeting", from: false, to: true },
        ],
      },
      { kind: "settings", at: new Date("2026-06-01T10:00:00Z"), by: "Ada Admin", stageId: org.stages.s3, stage: "S3", fields: [{ field: "isFirstMeeting", from: true, to: false }] },
      { kind: "settings", at: new Date("2026-05-01T10:00:00Z"), by: "Ada Admin", stageId: org.stages.s3, stage: "S3", fields: [{ field: "isFirstMeeting", from: false, to: true }] },
      { kind: "settings", at: new Date("2026-04-01T10:00:00Z"), by: "Ada Admin", stageId: org.stages.s2, stage: "Discovery", fields: [{ field: "probability", from: 20, to: 35 }] },
    ]);

    // The first-meeting mark moves with a merge, and the derived tables that follow it equal a rebuild.
    await at("2026-08-01T10:00:00Z", () => run((tx) => mergeStage(org.admin, { stageId: org.stages.s2, intoStageId: org.stages.s3 }, tx)));
    expect((await revisions(org.stages.s3)).at(-1)).toMatchObject({ validFrom: new Date("2026-08-01T10:00:00Z"), isFirstMeeting: true, changedById: org.admin.userId });
    const dealIds = (await db.deal.findMany({ where: { orgId: org.orgId }, select: { id: true } })).map((d) => d.id);
    await sql.query("BEGIN");
    try {
      const { maintained, rebuilt } = await maintainedAndRebuilt(sql, { orgId: org.orgId, dealIds });
      expect(maintained).toEqual(rebuilt);
    } finally {
      await sql.query("ROLLBACK");
    }
  });

  it("starts a new pipeline's stages with revisions in force since always, and its criteria too", async () => {
    const org = await createOrg();
    const input = createPipelineSchema.parse({ name: "Field sales", template: "b2b" });
    const { pipelineId } = await at("2026-03-01T10:00:00Z", () => run((tx) => createPipeline(org.admin, input, tx)));
    const pipeline = await db.pipeline.findUniqueOrThrow({ where: { id: pipelineId }, include: { stages: { include: { revisions: true, criteria: true } } } });
    expect(pipeline.stages.length).toBeGreaterThan(2);
    expect(pipeline.stages.flatMap((stage) => stage.criteria).length).toBeGreaterThan(0);
    for (const stage of pipeline.stages) {
      expect(stage.revisions).toEqual([expect.objectContaining({ validFrom: new Date(0), probability: stage.probability, isFirstMeeting: stage.isFirstMeeting, changedById: org.admin.userId })]);
      for (const criterion of stage.criteria) expect(criterion.introducedAt).toEqual(new Date(0));
    }
    expect((await getPipelineEditor(org.admin, pipeline.id))?.changes).toEqual([]);
    // Still without deals, the pipeline is being set up: a criterion added now is one of its first rules.
    const first = pipeline.stages.find((stage) => stage.position === 1)!;
    await at("2026-03-02T10:00:00Z", () => run((tx) => addCriterion(org.admin, { stageId: first.id, question: "Site visit booked" }, tx)));
    expect((await criterionOf(first.id, "Site visit booked")).introducedAt).toEqual(new Date(0));
  });
});
