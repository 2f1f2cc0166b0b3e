// The pipelines admin's data layer and actions on a real database: templates, stage and criterion edits, the
// pipeline rules (open stages, one won and one lost end, one first-meeting stage), what would break history refused
// with its counts, the merge that rewrites it in one transaction, every change audited, and the derived KPI tables
// equal to a rebuild from scratch after any sequence of edits.
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { mintViewer, type Viewer } from "@/lib/auth/viewer";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { AppError } from "@/lib/errors";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";
import { maintainedAndRebuilt } from "./support/derived-tables";

const holder = vi.hoisted(() => ({ client: undefined as unknown as PrismaClient, viewer: null as Viewer | null }));
vi.mock("server-only", () => ({}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined, set: () => {} }), headers: async () => new Headers() }));
vi.mock("@/lib/i18n/get-locale", () => ({ getLocale: async () => "en" }));
vi.mock("@/lib/auth/get-viewer", () => ({ getViewer: async () => holder.viewer }));
vi.mock("@/lib/db/client", () => ({
  db: new Proxy({}, { get: (_target, property) => Reflect.get(holder.client, property, holder.client) }),
}));

const { createPipeline } = await import("@/lib/data/pipelines/create-pipeline");
const { renamePipeline } = await import("@/lib/data/pipelines/rename-pipeline");
const { movePipeline } = await import("@/lib/data/pipelines/move-pipeline");
const { deletePipeline } = await import("@/lib/data/pipelines/delete-pipeline");
const { addStage } = await import("@/lib/data/pipelines/add-stage");
const { updateStage } = await import("@/lib/data/pipelines/update-stage");
const { moveStage } = await import("@/lib/data/pipelines/move-stage");
const { removeStage } = await import("@/lib/data/pipelines/remove-stage");
const { mergeStage } = await import("@/lib/data/pipelines/merge-stage");
const { addCriterion } = await import("@/lib/data/pipelines/add-criterion");
const { updateCriterion } = await import("@/lib/data/pipelines/update-criterion");
const { moveCriterion } = await import("@/lib/data/pipelines/move-criterion");
const { removeCriterion } = await import("@/lib/data/pipelines/remove-criterion");
const { restoreCriterion } = await import("@/lib/data/pipelines/restore-criterion");
const { listPipelines } = await import("@/lib/data/pipelines/list-pipelines");
const { getPipelineEditor } = await import("@/lib/data/pipelines/get-pipeline-editor");
const actions = {
  createPipeline: (await import("@/lib/actions/pipeline-create")).createPipeline,
  updateStage: (await import("@/lib/actions/pipeline-update-stage")).updateStage,
  addCriterion: (await import("@/lib/actions/pipeline-add-criterion")).addCriterion,
  removeStage: (await import("@/lib/actions/pipeline-remove-stage")).removeStage,
  addStage: (await import("@/lib/actions/pipeline-add-stage")).addStage,
};

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

afterAll(async () => {
  await sql?.end();
  await db?.$disconnect();
  await database?.drop();
});

interface Org {
  orgId: number;
  admin: Viewer;
  manager: Viewer;
  rep: Viewer;
  repIds: number[];
  pipelineId: number;
  /** S1…S4, Won, Lost. */
  stages: { s1: number; s2: number; s3: number; s4: number; won: number; lost: number };
}

let orgCount = 0;

async function createOrg(options: { managersEditStageRules?: boolean; locale?: "en" | "ru" } = {}): Promise<Org> {
  const org = await db.organization.create({ data: { name: `Org ${++orgCount}`, timeZone: "Europe/Berlin", managersEditStageRules: options.managersEditStageRules ?? false } });
  const user = (role: "ADMIN" | "MANAGER" | "REP") => db.user.create({ data: { orgId: org.id, name: role, email: `${role.toLowerCase()}${orgCount}@test.test`, role, passwordHash: "x" } });
  const [admin, manager, repUser] = [await user("ADMIN"), await user("MANAGER"), await user("REP")];
  const team = await db.team.create({ data: { orgId: org.id, name: "Team", managerId: manager.id } });
  const reps = [
    await db.rep.create({ data: { orgId: org.id, name: "Rep A", kind: "AE", teamId: team.id, userId: repUser.id } }),
    await db.rep.create({ data: { orgId: org.id, name: "Rep B", kind: "SDR", teamId: team.id } }),
  ];
  const pipeline = await db.pipeline.create({ data: { orgId: org.id, name: "New business" } });
  const stage = (name: string, position: number, kind: "OPEN" | "WON" | "LOST" = "OPEN") =>
    db.stage.create({ data: { pipelineId: pipeline.id, name, position, kind, probability: position * 10 } }).then((row) => row.id);
  const stages = { s1: await stage("S1", 1), s2: await stage("S2", 2), s3: await stage("S3", 3), s4: await stage("S4", 4), won: await stage("Won", 5, "WON"), lost: await stage("Lost", 6, "LOST") };
  const locale = options.locale ?? "en";
  const viewer = (userId: number, role: "ADMIN" | "MANAGER" | "REP", repId: number | null) =>
    mintViewer({ userId, orgId: org.id, role, repId, teamIds: [team.id], name: role, email: "x@test.test", locale });
  return {
    orgId: org.id,
    admin: viewer(admin.id, "ADMIN", null),
    manager: viewer(manager.id, "MANAGER", null),
    rep: viewer(repUser.id, "REP", reps[0]!.id),
    repIds: reps.map((r) => r.id),
    pipelineId: pipeline.id,
    stages,
  };
}

const HOUR = 3_600_000;
const BASE = Date.UTC(2025, 2, 10, 9);

/** A deal whose history enters the stages in turn, `hours` apart from BASE; its current stage is the last one. */
async function dealWithHistory(org: Org, steps: Array<[stageId: number, hours: number]>, options: { leadId?: number; owner?: number } = {}): Promise<number> {
  const last = steps[steps.length - 1]!;
  const kind = (await db.stage.findUniqueOrThrow({ where: { id: last[0] } })).kind;
  const deal = await db.deal.create({
    data: {
      orgId: org.orgId,
      pipelineId: org.pipelineId,
      stageId: last[0],
      ownerId: options.owner ?? org.repIds[0]!,
      leadId: options.leadId ?? null,
      name: "Deal",
      amount: "1000",
      createdAt: new Date(BASE + steps[0]![1] * HOUR),
      status: kind === "OPEN" ? "OPEN" : kind,
      closedAt: kind === "OPEN" ? null : new Date(BASE + last[1] * HOUR),
      lostReason: kind === "LOST" ? "Price" : null,
    },
  });
  let previous: number | null = null;
  for (const [stageId, hours] of steps) {
    await db.dealStageChange.create({ data: { dealId: deal.id, fromStageId: previous, toStageId: stageId, at: new Date(BASE + hours * HOUR) } });
    previous = stageId;
  }
  return deal.id;
}

async function handedOverLead(org: Org): Promise<number> {
  const lead = await db.lead.create({
    data: { orgId: org.orgId, name: "Lead", source: "INBOUND", createdAt: new Date(BASE - 100 * HOUR), sdrId: org.repIds[1]!, aeId: org.repIds[0]!, handedOverAt: new Date(BASE - 50 * HOUR) },
  });
  return lead.id;
}

const run = <T,>(work: (tx: Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0]) => Promise<T>) => db.$transaction(work, { timeout: 60_000 });

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function history(dealId: number): Promise<Array<{ to: number; from: number | null }>> {
  const rows = await db.dealStageChange.findMany({ where: { dealId }, orderBy: [{ at: "asc" }, { id: "asc" }], select: { toStageId: true, fromStageId: true } });
  return rows.map((r) => ({ to: r.toStageId, from: r.fromStageId }));
}

/** The derived tables as maintained equal a rebuild (checked in a rolled-back transaction on a second connection). */
async function expectDerivedExact(org: Org): Promise<number> {
  const dealIds = (await db.deal.findMany({ where: { orgId: org.orgId }, select: { id: true } })).map((d) => d.id);
  await sql.query("BEGIN");
  try {
    const { maintained, rebuilt } = await maintainedAndRebuilt(sql, { orgId: org.orgId, dealIds });
    expect(maintained).toEqual(rebuilt);
    return rebuilt.length;
  } finally {
    await sql.query("ROLLBACK");
  }
}

function formData(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

async function act(action: (prev: never, data: FormData) => Promise<unknown>, viewer: Viewer, fields: Record<string, string>) {
  holder.viewer = viewer;
  return (await action({ status: "idle" } as never, formData(fields))) as { status: string; message?: string; fieldErrors?: Record<string, string[]>; data?: unknown };
}

describe("creating pipelines", () => {
  it("creates each template in the viewer's language: open stages in order, then one won and one lost end", async () => {
    const org = await createOrg({ locale: "ru" });
    const { pipelineId } = await run((tx) => createPipeline(org.admin, { name: "Новые клиенты 2026", template: "b2b", stages: [] }, tx));
    const stages = await db.stage.findMany({ where: { pipelineId }, orderBy: { position: "asc" }, include: { criteria: { orderBy: { position: "asc" } } } });
    expect(stages.map((s) => s.kind)).toEqual(["OPEN", "OPEN", "OPEN", "OPEN", "OPEN", "OPEN", "WON", "LOST"]);
    expect(stages[0]).toMatchObject({ name: "Квалификация", buyerStage: "AWARENESS", probability: 10, buyerQuestion: "Стоит ли решать эту проблему в этом году?" });
    expect(stages.filter((s) => s.isFirstMeeting).map((s) => s.name)).toEqual(["Встреча-знакомство"]);
    expect(stages.slice(6).map((s) => [s.name, s.probability])).toEqual([
      ["Выиграна", 100],
      ["Проиграна", 0],
    ]);
    for (const stage of stages.slice(0, 6)) expect(stage.criteria.length).toBeGreaterThanOrEqual(2);
    expect(stages.map((s) => s.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);

    const english = await createOrg();
    for (const template of ["renewals", "simple"] as const) {
      const created = await run((tx) => createPipeline(english.admin, { name: template, template, stages: [] }, tx));
      const open = await db.stage.findMany({ where: { pipelineId: created.pipelineId, kind: "OPEN" }, orderBy: { position: "asc" } });
      expect(open).toHaveLength(3);
      expect(open.every((s) => s.buyerQuestion && s.buyerStage && /^[A-Z]/.test(s.name))).toBe(true);
    }
    const audit = await db.auditLog.findFirst({ where: { orgId: org.orgId, action: "pipeline.create" } });
    expect(audit).toMatchObject({ entity: "pipeline", entityId: String(pipelineId), actorId: org.admin.userId });
  });

  it("starts empty from stage names, and refuses a repeated name or a taken pipeline name writing nothing", async () => {
    const org = await createOrg();
    const { pipelineId } = await run((tx) => createPipeline(org.admin, { name: "Field sales", template: "empty", stages: ["Visit", "Offer"] }, tx));
    expect((await db.stage.findMany({ where: { pipelineId }, orderBy: { position: "asc" } })).map((s) => [s.name, s.kind])).toEqual([
      ["Visit", "OPEN"],
      ["Offer", "OPEN"],
      ["Won", "WON"],
      ["Lost", "LOST"],
    ]);
    const pipelines = await db.pipeline.count({ where: { orgId: org.orgId } });
    const repeated = await refusal(run((tx) => createPipeline(org.admin, { name: "Other", template: "empty", stages: ["Visit", "visit"] }, tx)));
    expect(repeated).toMatchObject({ messageKey: "pipelinesAdmin.errors.stageNamesRepeat", field: "stages" });
    const lostEnd = await refusal(run((tx) => createPipeline(org.admin, { name: "Other", template: "empty", stages: ["Visit", "Lost"] }, tx)));
    expect(lostEnd.field).toBe("stages");
    const taken = await refusal(run((tx) => createPipeline(org.admin, { name: "FIELD SALES", template: "simple", stages: [] }, tx)));
    expect(taken).toMatchObject({ messageKey: "pipelinesAdmin.errors.pipelineNameTaken", field: "name" });
    expect(await db.pipeline.count({ where: { orgId: org.orgId } })).toBe(pipelines);
  });

  it("answers bad input with a message naming the field, and a taken name as that field's error", async () => {
    const org = await createOrg();
    const empty = await act(actions.createPipeline, org.admin, { name: "  ", template: "b2b" });
    expect(empty.status).toBe("error");
    expect(empty.fieldErrors?.name).toEqual(["Name is required."]);
    const noStages = await act(actions.createPipeline, org.admin, { name: "Mine", template: "empty", stages: "\n \n" });
    expect(noStages.fieldErrors?.stages).toEqual(["A pipeline needs at least one open stage."]);
    const long = await act(actions.createPipeline, org.admin, { name: "x".repeat(81), template: "b2b" });
    expect(long.fieldErrors?.name).toEqual(["Name must be at most 80 characters."]);
    const nul = await act(actions.createPipeline, org.admin, { name: "Bad\u0000name", template: "b2b" });
    expect(nul.fieldErrors?.name).toEqual(["Name is not valid."]);
    const template = await act(actions.createPipeline, org.admin, { name: "Mine", template: "enterprise" });
    expect(template.fieldErrors?.template).toEqual(["Choose one of the options for Start from."]);
    const taken = await act(actions.createPipeline, org.admin, { name: "new BUSINESS", template: "b2b" });
    expect(taken).toMatchObject({ status: "error", fieldErrors: { name: ["A pipeline with this name already exists."] } });

    const stage = { part: "open", stageId: String(org.stages.s1), name: "S1", buyerStage: "AWARENESS", buyerQuestion: "Why now?", probability: "10" };
    expect((await act(actions.updateStage, org.admin, { ...stage, probability: "101" })).fieldErrors?.probability).toEqual(["Probability (%) must be at most 100."]);
    expect((await act(actions.updateStage, org.admin, { ...stage, probability: "" })).fieldErrors?.probability).toEqual(["Probability (%) is required."]);
    expect((await act(actions.updateStage, org.admin, { ...stage, probability: "2.5" })).fieldErrors?.probability).toHaveLength(1);
    expect((await act(actions.updateStage, org.admin, { ...stage, buyerQuestion: "?".repeat(301) })).fieldErrors?.buyerQuestion).toEqual([
      "The buyer's question must be at most 300 characters.",
    ]);
    expect((await act(actions.updateStage, org.admin, { ...stage, buyerStage: "LOVE" })).fieldErrors?.buyerStage).toHaveLength(1);
    expect((await act(actions.updateStage, org.admin, { ...stage, name: "s2" })).fieldErrors?.name).toEqual(["This pipeline already has a stage with this name."]);
    expect((await act(actions.addCriterion, org.admin, { stageId: String(org.stages.s1), question: "" })).fieldErrors?.question).toEqual(["Question is required."]);
    expect((await act(actions.addStage, org.admin, { pipelineId: String(org.pipelineId), name: "S5", kind: "WON" })).message).toBe(
      "This pipeline already has its won stage.",
    );
    const saved = await act(actions.updateStage, org.admin, stage);
    expect(saved.status).toBe("success");
    expect(await db.stage.findUniqueOrThrow({ where: { id: org.stages.s1 } })).toMatchObject({ buyerStage: "AWARENESS", buyerQuestion: "Why now?", probability: 10 });
    // Only the one valid save was written, and audited.
    expect(await db.auditLog.count({ where: { orgId: org.orgId } })).toBe(1);
  });
});

describe("editing stages", () => {
  it("moves open stages up and down through a free position, the ends staying last", async () => {
    const org = await createOrg();
    const { s1, s2, s3, s4, won, lost } = org.stages;
    await run((tx) => moveStage(org.admin, { stageId: s3, direction: "up" }, tx));
    await run((tx) => moveStage(org.admin, { stageId: s1, direction: "down" }, tx));
    await run((tx) => moveStage(org.admin, { stageId: s4, direction: "down" }, tx)); // already last: nothing happens
    const order = await db.stage.findMany({ where: { pipelineId: org.pipelineId }, orderBy: { position: "asc" }, select: { id: true } });
    expect(order.map((s) => s.id)).toEqual([s3, s1, s2, s4, won, lost]);
    await expect(run((tx) => moveStage(org.admin, { stageId: won, direction: "up" }, tx))).rejects.toMatchObject({ messageKey: "pipelinesAdmin.errors.endsStayLast" });
    expect(await db.auditLog.count({ where: { orgId: org.orgId, action: "stage.move" } })).toBe(2);
  });

  it("adds an open stage before the ends, and the end a pipeline lacks (but never a second one)", async () => {
    const org = await createOrg();
    const { stageId } = await run((tx) => addStage(org.admin, { pipelineId: org.pipelineId, name: "S5", kind: "OPEN" }, tx));
    const stages = await db.stage.findMany({ where: { pipelineId: org.pipelineId }, orderBy: { position: "asc" }, select: { id: true, kind: true } });
    expect(stages.map((s) => s.kind)).toEqual(["OPEN", "OPEN", "OPEN", "OPEN", "OPEN", "WON", "LOST"]);
    expect(stages[4]!.id).toBe(stageId);
    await expect(run((tx) => addStage(org.admin, { pipelineId: org.pipelineId, name: "Lost again", kind: "LOST" }, tx))).rejects.toMatchObject({
      messageKey: "pipelinesAdmin.errors.lostExists",
    });
    // A pipeline an import made with open stages only gets its ends.
    const bare = await db.pipeline.create({ data: { orgId: org.orgId, name: "Imported", stages: { create: [{ name: "Open", position: 1 }] } } });
    await run((tx) => addStage(org.admin, { pipelineId: bare.id, name: "Won", kind: "WON" }, tx));
    await run((tx) => addStage(org.admin, { pipelineId: bare.id, name: "Lost", kind: "LOST" }, tx));
    expect((await db.stage.findMany({ where: { pipelineId: bare.id }, orderBy: { position: "asc" } })).map((s) => s.kind)).toEqual(["OPEN", "WON", "LOST"]);
  });

  it("keeps at most one first-meeting stage, and gives the ends only a name", async () => {
    const org = await createOrg();
    const edit = (stageId: number, isFirstMeeting: boolean) =>
      run((tx) => updateStage(org.admin, { part: "open", stageId, name: stageId === org.stages.s2 ? "S2" : "S3", buyerStage: null, buyerQuestion: null, probability: 30, isFirstMeeting }, tx));
    await edit(org.stages.s2, true);
    await edit(org.stages.s3, true);
    expect((await db.stage.findMany({ where: { pipelineId: org.pipelineId, isFirstMeeting: true } })).map((s) => s.id)).toEqual([org.stages.s3]);
    await run((tx) => updateStage(org.admin, { part: "end", stageId: org.stages.won, name: "Closed won" }, tx));
    expect((await db.stage.findUniqueOrThrow({ where: { id: org.stages.won } })).name).toBe("Closed won");
    await expect(
      run((tx) => updateStage(org.admin, { part: "open", stageId: org.stages.lost, name: "Lost", buyerStage: null, buyerQuestion: null, probability: 5, isFirstMeeting: true }, tx)),
    ).rejects.toMatchObject({ messageKey: "pipelinesAdmin.errors.endsHaveOnlyAName" });
    const audit = await db.auditLog.findFirst({ where: { orgId: org.orgId, action: "stage.update", entityId: String(org.stages.s3) }, orderBy: { id: "desc" } });
    expect(audit?.after).toMatchObject({ isFirstMeeting: true, firstMeetingBefore: { id: org.stages.s2 } });
  });

  it("removes a stage without history; refuses one with deals, naming how many, and keeps the last open stage and the ends", async () => {
    const org = await createOrg();
    const { s1, s2, s3, s4, won } = org.stages;
    await dealWithHistory(org, [
      [s1, 0],
      [s2, 10],
    ]);
    await dealWithHistory(org, [
      [s1, 0],
      [s2, 20],
      [s3, 40],
    ]);
    const before = await db.auditLog.count({ where: { orgId: org.orgId } });
    const refused = await act(actions.removeStage, org.admin, { stageId: String(s2) });
    expect(refused).toMatchObject({
      status: "error",
      message: "“S2” cannot be removed: 1 deal is in it now, 1 more passed through it, and no deal answered its exit criteria. Merge it into another stage instead.",
    });
    expect(await db.stage.count({ where: { id: s2 } })).toBe(1);
    expect(await db.auditLog.count({ where: { orgId: org.orgId } })).toBe(before);
    await run((tx) => removeStage(org.admin, { stageId: s4 }, tx));
    expect(await db.stage.count({ where: { id: s4 } })).toBe(0);
    await expect(run((tx) => removeStage(org.admin, { stageId: won }, tx))).rejects.toMatchObject({ messageKey: "pipelinesAdmin.errors.endsStay" });
    const audit = await db.auditLog.findFirst({ where: { orgId: org.orgId, action: "stage.delete" } });
    expect(audit).toMatchObject({ entityId: String(s4), before: expect.objectContaining({ name: "S4" }) });

    const lone = await db.pipeline.create({ data: { orgId: org.orgId, name: "Lone", stages: { create: [{ name: "Only", position: 1 }] } }, include: { stages: true } });
    await expect(run((tx) => removeStage(org.admin, { stageId: lone.stages[0]!.id }, tx))).rejects.toMatchObject({ messageKey: "pipelinesAdmin.errors.needsOpenStage" });
  });

  it("refuses to delete a pipeline that holds deals, with their count; deletes an empty one with its stages", async () => {
    const org = await createOrg();
    await dealWithHistory(org, [[org.stages.s1, 0]]);
    const refused = await refusal(run((tx) => deletePipeline(org.admin, { pipelineId: org.pipelineId }, tx)));
    expect(refused).toMatchObject({ messageKey: "pipelinesAdmin.errors.pipelineHasDeals", values: { count: 1, pipeline: "New business" } });
    const { pipelineId } = await run((tx) => createPipeline(org.admin, { name: "Spare", template: "simple", stages: [] }, tx));
    await run((tx) => renamePipeline(org.admin, { pipelineId, name: "Spare one" }, tx));
    await run((tx) => movePipeline(org.admin, { pipelineId, direction: "up" }, tx));
    expect((await listPipelines(org.admin)).map((p) => p.name)).toEqual(["Spare one", "New business"]);
    await run((tx) => deletePipeline(org.admin, { pipelineId }, tx));
    expect(await db.stage.count({ where: { pipelineId } })).toBe(0);
    expect(await db.auditLog.count({ where: { orgId: org.orgId, action: { in: ["pipeline.rename", "pipeline.move", "pipeline.delete"] } } })).toBe(3);
  });
});

describe("exit criteria", () => {
  it("adds, rewords and reorders criteria; deletes an unanswered one and retires an answered one", async () => {
    const org = await createOrg();
    const stageId = org.stages.s1;
    for (const question of ["Pain confirmed", "Budget known", "Decision maker met"]) await run((tx) => addCriterion(org.admin, { stageId, question }, tx));
    const criteria = await db.stageCriterion.findMany({ where: { stageId }, orderBy: { position: "asc" } });
    const [pain, budget, decision] = criteria;
    await run((tx) => moveCriterion(org.admin, { criterionId: decision!.id, direction: "up" }, tx));
    await run((tx) => updateCriterion(org.admin, { criterionId: budget!.id, question: "Budget range known" }, tx));
    await expect(run((tx) => addCriterion(org.admin, { stageId, question: "pain CONFIRMED" }, tx))).rejects.toMatchObject({ field: "question" });
    const order = async () => (await db.stageCriterion.findMany({ where: { stageId, retiredAt: null }, orderBy: { position: "asc" } })).map((c) => c.question);
    expect(await order()).toEqual(["Pain confirmed", "Decision maker met", "Budget range known"]);

    const deal = await dealWithHistory(org, [
      [org.stages.s1, 0],
      [org.stages.s2, 5],
    ]);
    await db.dealCriterionAnswer.create({ data: { dealId: deal, criterionId: pain!.id, answer: true, answeredAt: new Date() } });
    expect(await run((tx) => removeCriterion(org.admin, { criterionId: pain!.id }, tx))).toEqual({ retired: true, answers: 1 });
    expect(await run((tx) => removeCriterion(org.admin, { criterionId: decision!.id }, tx))).toEqual({ retired: false, answers: 0 });
    expect(await order()).toEqual(["Budget range known"]);
    expect(await db.stageCriterion.findUnique({ where: { id: pain!.id } })).toMatchObject({ retiredAt: expect.any(Date) });
    expect(await db.dealCriterionAnswer.count({ where: { criterionId: pain!.id } })).toBe(1);
    await expect(run((tx) => moveCriterion(org.admin, { criterionId: pain!.id, direction: "down" }, tx))).rejects.toMatchObject({ messageKey: "pipelinesAdmin.errors.criterionRetired" });
    await run((tx) => restoreCriterion(org.admin, { criterionId: pain!.id }, tx));
    expect(await order()).toEqual(["Pain confirmed", "Budget range known"]);
    const editor = await getPipelineEditor(org.admin, org.pipelineId);
    expect(editor?.open[0]?.criteria.map((c) => [c.question, c.answers])).toEqual([
      ["Pain confirmed", 1],
      ["Budget range known", 0],
    ]);
    expect(editor?.open[0]?.history).toEqual({ inStage: 0, passedThrough: 1, answered: 1 });
    const actionsAudited = await db.auditLog.findMany({ where: { orgId: org.orgId, entity: "stage_criterion" }, select: { action: true } });
    expect(actionsAudited.map((a) => a.action).sort()).toEqual(
      ["criterion.create", "criterion.create", "criterion.create", "criterion.delete", "criterion.move", "criterion.restore", "criterion.retire", "criterion.update"].sort(),
    );
  });

  it("refuses a criterion past the limit of a stage", async () => {
    const org = await createOrg();
    await db.stageCriterion.createMany({ data: Array.from({ length: 20 }, (_, i) => ({ stageId: org.stages.s2, position: i + 1, question: `Q${i}` })) });
    await expect(run((tx) => addCriterion(org.admin, { stageId: org.stages.s2, question: "One more" }, tx))).rejects.toMatchObject({
      messageKey: "pipelinesAdmin.errors.tooManyCriteria",
    });
  });
});

describe("merging a stage into another", () => {
  it("moves deals and history, keeps one entry where the two stages followed each other, and moves the criteria with their answers", async () => {
    const org = await createOrg();
    const { s1, s2, s3, won, lost } = org.stages;
    // Merge S2 into S3. Deal a: S1 → S2 → S3 → Won: S2 and S3 become one stay in S3 from S2's entry on.
    const a = await dealWithHistory(org, [
      [s1, 0],
      [s2, 24],
      [s3, 72],
      [won, 120],
    ]);
    // Deal b: in S2 now. Deal c: S3 → S2 → Lost (went back): one stay in S3. Deal d: S2 → S1 → S3: two separate stays.
    const b = await dealWithHistory(org, [
      [s1, 0],
      [s2, 30],
    ]);
    const c = await dealWithHistory(org, [
      [s3, 0],
      [s2, 10],
      [lost, 20],
    ]);
    const d = await dealWithHistory(org, [
      [s2, 0],
      [s1, 10],
      [s3, 20],
    ]);
    await db.stage.update({ where: { id: s2 }, data: { isFirstMeeting: true } });
    await db.stageCriterion.create({ data: { stageId: s3, position: 1, question: "Demo held" } });
    const moved = await db.stageCriterion.create({ data: { stageId: s2, position: 1, question: "Budget known" } });
    await db.dealCriterionAnswer.create({ data: { dealId: b, criterionId: moved.id, answer: true, answeredAt: new Date() } });
    const deals = await db.deal.count({ where: { orgId: org.orgId } });

    const result = await run((tx) => mergeStage(org.admin, { stageId: s2, intoStageId: s3 }, tx));
    expect(result).toEqual({ movedDeals: 1, rewrittenChanges: 4, droppedChanges: 2, movedCriteria: 1 });
    expect(await history(a)).toEqual([
      { to: s1, from: null },
      { to: s3, from: s1 },
      { to: won, from: s3 },
    ]);
    expect(await history(b)).toEqual([
      { to: s1, from: null },
      { to: s3, from: s1 },
    ]);
    expect(await history(c)).toEqual([
      { to: s3, from: null },
      { to: lost, from: s3 },
    ]);
    expect(await history(d)).toEqual([
      { to: s3, from: null },
      { to: s1, from: s3 },
      { to: s3, from: s1 },
    ]);
    expect((await db.deal.findUniqueOrThrow({ where: { id: b } })).stageId).toBe(s3);
    expect(await db.deal.count({ where: { orgId: org.orgId } })).toBe(deals);
    expect(await db.stage.findUnique({ where: { id: s2 } })).toBeNull();
    expect(await db.stage.findUniqueOrThrow({ where: { id: s3 } })).toMatchObject({ isFirstMeeting: true });
    expect((await db.stageCriterion.findMany({ where: { stageId: s3 }, orderBy: { position: "asc" } })).map((q) => q.question)).toEqual(["Demo held", "Budget known"]);
    expect(await db.dealCriterionAnswer.count({ where: { criterionId: moved.id } })).toBe(1);
    // Deal a now stays in S3 from hour 24 to hour 120: 4 days (Berlin calendar days).
    const stay = await db.dealStageFact.findFirstOrThrow({ where: { dealId: a, stageId: s3 } });
    expect(stay.stayDays).toBe(4);
    const audit = await db.auditLog.findFirstOrThrow({ where: { orgId: org.orgId, action: "stage.merge" } });
    expect(audit.before).toMatchObject({ name: "S2", history: { inStage: 1, passedThrough: 3, answered: 1 } });
    expect(audit.after).toMatchObject({ intoStageId: s3, movedDeals: 1, droppedChanges: 2 });
    await expectDerivedExact(org);
  });

  it("refuses to merge into the stage itself, an end or another pipeline's stage", async () => {
    const org = await createOrg();
    const other = await createOrg();
    for (const into of [org.stages.s1, org.stages.won, other.stages.s2]) {
      await expect(run((tx) => mergeStage(org.admin, { stageId: org.stages.s1, intoStageId: into }, tx))).rejects.toMatchObject({ field: "intoStageId" });
    }
  });
});

describe("the derived KPI tables after pipeline edits", () => {
  type Edit =
    | { kind: "merge"; from: number; into: number }
    | { kind: "move"; pick: number; up: boolean }
    | { kind: "rename"; pick: number }
    | { kind: "probability"; pick: number; value: number }
    | { kind: "firstMeeting"; pick: number; on: boolean }
    | { kind: "add" }
    | { kind: "remove"; pick: number }
    | { kind: "end"; pick: number };
  const edit: fc.Arbitrary<Edit> = fc.oneof(
    { arbitrary: fc.record({ kind: fc.constant("merge" as const), from: fc.nat(9), into: fc.nat(9) }), weight: 3 },
    { arbitrary: fc.record({ kind: fc.constant("move" as const), pick: fc.nat(9), up: fc.boolean() }), weight: 3 },
    fc.record({ kind: fc.constant("rename" as const), pick: fc.nat(9) }),
    fc.record({ kind: fc.constant("probability" as const), pick: fc.nat(9), value: fc.integer({ min: 0, max: 100 }) }),
    { arbitrary: fc.record({ kind: fc.constant("firstMeeting" as const), pick: fc.nat(9), on: fc.boolean() }), weight: 2 },
    fc.record({ kind: fc.constant("add" as const) }),
    fc.record({ kind: fc.constant("remove" as const), pick: fc.nat(9) }),
    fc.record({ kind: fc.constant("end" as const), pick: fc.nat(1) }),
  );
  // A history: stage picks (0–3 open, 4 won, 5 lost) a few hours apart; some deals come from handed-over leads.
  const deal = fc.record({ picks: fc.array(fc.nat(5), { minLength: 1, maxLength: 6 }), gaps: fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 6, maxLength: 6 }), fromLead: fc.boolean() });

  it("equal a rebuild from scratch after merges, reorders, renames and rule edits, and the deals stay", async () => {
    let merges = 0;
    let moves = 0;
    let rows = 0;
    let refusedRemovals = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(deal, { minLength: 2, maxLength: 7 }), fc.array(edit, { minLength: 1, maxLength: 8 }), async (deals, edits) => {
        const org = await createOrg();
        const all = [org.stages.s1, org.stages.s2, org.stages.s3, org.stages.s4, org.stages.won, org.stages.lost];
        for (const spec of deals) {
          let hours = 0;
          // A closed stage ends a history.
          const picks = spec.picks.slice(0, spec.picks.findIndex((p) => p >= 4) + 1 || undefined);
          const steps = picks.map((pick, i) => [all[pick]!, (hours += spec.gaps[i]!)] as [number, number]);
          await dealWithHistory(org, steps, { leadId: spec.fromLead ? await handedOverLead(org) : undefined });
        }
        const dealsBefore = (await db.deal.findMany({ where: { orgId: org.orgId }, orderBy: { id: "asc" }, select: { id: true } })).map((d) => d.id);
        const open = async () => (await db.stage.findMany({ where: { pipelineId: org.pipelineId, kind: "OPEN" }, orderBy: { position: "asc" } })).map((s) => s.id);
        let added = 0;
        for (const step of edits) {
          const stages = await open();
          const at = (pick: number) => stages[pick % stages.length]!;
          switch (step.kind) {
            case "merge": {
              const [from, into] = [at(step.from), at(step.into)];
              if (from === into || stages.length < 2) break;
              await run((tx) => mergeStage(org.admin, { stageId: from, intoStageId: into }, tx));
              merges++;
              break;
            }
            case "move":
              await run((tx) => moveStage(org.admin, { stageId: at(step.pick), direction: step.up ? "up" : "down" }, tx));
              moves++;
              break;
            case "rename": {
              const stage = await db.stage.findUniqueOrThrow({ where: { id: at(step.pick) } });
              await run((tx) => updateStage(org.admin, { part: "open", stageId: stage.id, name: `${stage.name}′`, buyerStage: "EVALUATION", buyerQuestion: "Why us?", probability: stage.probability, isFirstMeeting: stage.isFirstMeeting }, tx));
              break;
            }
            case "probability":
            case "firstMeeting": {
              const stage = await db.stage.findUniqueOrThrow({ where: { id: at(step.pick) } });
              const isFirstMeeting = step.kind === "firstMeeting" ? step.on : stage.isFirstMeeting;
              const probability = step.kind === "probability" ? step.value : stage.probability;
              await run((tx) => updateStage(org.admin, { part: "open", stageId: stage.id, name: stage.name, buyerStage: stage.buyerStage, buyerQuestion: stage.buyerQuestion, probability, isFirstMeeting }, tx));
              break;
            }
            case "add":
              // Numbered by the adds, not the stage count: a merge between two adds would repeat the name.
              await run((tx) => addStage(org.admin, { pipelineId: org.pipelineId, name: `New ${++added}`, kind: "OPEN" }, tx));
              break;
            case "remove": {
              const removed = await run((tx) => removeStage(org.admin, { stageId: at(step.pick) }, tx)).then(
                () => true,
                (error: unknown) => {
                  expect(error).toBeInstanceOf(AppError);
                  return false;
                },
              );
              if (!removed) refusedRemovals++;
              break;
            }
            case "end":
              await run((tx) => updateStage(org.admin, { part: "end", stageId: step.pick === 0 ? org.stages.won : org.stages.lost, name: step.pick === 0 ? "Won!" : "Lost!" }, tx));
              break;
          }
        }
        const dealsAfter = (await db.deal.findMany({ where: { orgId: org.orgId }, orderBy: { id: "asc" }, select: { id: true, stage: { select: { pipelineId: true } } } }));
        expect(dealsAfter.map((d) => d.id)).toEqual(dealsBefore);
        expect(dealsAfter.every((d) => d.stage.pipelineId === org.pipelineId)).toBe(true);
        const positions = await db.stage.findMany({ where: { pipelineId: org.pipelineId }, orderBy: { position: "asc" }, select: { kind: true } });
        expect(positions.slice(-2).map((s) => s.kind)).toEqual(["WON", "LOST"]);
        expect(await db.stage.count({ where: { pipelineId: org.pipelineId, isFirstMeeting: true } })).toBeLessThanOrEqual(1);
        rows += await expectDerivedExact(org);
      }),
      { numRuns: 40 },
    );
    // The property looked at real edits and real derived rows (fast-check's short arrays give about 20–35 of each
    // over 40 runs; the bound only proves the edits happened, so a random seed cannot fail it).
    expect(merges).toBeGreaterThan(8);
    expect(moves).toBeGreaterThan(8);
    expect(refusedRemovals).toBeGreaterThan(3);
    expect(rows).toBeGreaterThan(500);
  });
});

describe("who may edit", () => {
  it("lets an admin, a manager only when the organisation allows it, and never a rep", async () => {
    const org = await createOrg();
    const input = { pipelineId: org.pipelineId, name: "Renamed" };
    await expect(run((tx) => renamePipeline(org.rep, input, tx))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(run((tx) => renamePipeline(org.manager, input, tx))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listPipelines(org.manager)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await db.organization.update({ where: { id: org.orgId }, data: { managersEditStageRules: true } });
    await run((tx) => renamePipeline(org.manager, input, tx));
    await expect(run((tx) => renamePipeline(org.rep, { ...input, name: "Again" }, tx))).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await listPipelines(org.manager)).map((p) => p.name)).toEqual(["Renamed"]);
  });

  it("answers another organisation's pipeline, stage or criterion as not found, writing nothing", async () => {
    const mine = await createOrg();
    const theirs = await createOrg();
    const criterion = await db.stageCriterion.create({ data: { stageId: theirs.stages.s1, position: 1, question: "Theirs" } });
    const attempts: Array<(tx: Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0]) => Promise<unknown>> = [
      (tx) => renamePipeline(mine.admin, { pipelineId: theirs.pipelineId, name: "Mine now" }, tx),
      (tx) => movePipeline(mine.admin, { pipelineId: theirs.pipelineId, direction: "up" }, tx),
      (tx) => deletePipeline(mine.admin, { pipelineId: theirs.pipelineId }, tx),
      (tx) => addStage(mine.admin, { pipelineId: theirs.pipelineId, name: "X", kind: "OPEN" }, tx),
      (tx) => updateStage(mine.admin, { part: "end", stageId: theirs.stages.won, name: "X" }, tx),
      (tx) => moveStage(mine.admin, { stageId: theirs.stages.s2, direction: "up" }, tx),
      (tx) => removeStage(mine.admin, { stageId: theirs.stages.s4 }, tx),
      (tx) => mergeStage(mine.admin, { stageId: theirs.stages.s1, intoStageId: theirs.stages.s2 }, tx),
      (tx) => addCriterion(mine.admin, { stageId: theirs.stages.s1, question: "X" }, tx),
      (tx) => updateCriterion(mine.admin, { criterionId: criterion.id, question: "X" }, tx),
      (tx) => moveCriterion(mine.admin, { criterionId: criterion.id, direction: "up" }, tx),
      (tx) => removeCriterion(mine.admin, { criterionId: criterion.id }, tx),
      (tx) => restoreCriterion(mine.admin, { criterionId: criterion.id }, tx),
    ];
    for (const attempt of attempts) await expect(run(attempt)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await getPipelineEditor(mine.admin, theirs.pipelineId)).toBeNull();
    expect(await db.auditLog.count({ where: { orgId: { in: [mine.orgId, theirs.orgId] } } })).toBe(0);
    expect(await db.stage.count({ where: { pipelineId: theirs.pipelineId } })).toBe(6);
  });
});
