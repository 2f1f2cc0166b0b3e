// The deal page's data and its two scoped writes against a real database: who may read and edit which deal,
// that a refused edit writes nothing (audit_log included), and KPI.md's "qualified" on the page.
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

const { updateDealNextStep } = await import("@/lib/actions/deal-update-next-step");
const { answerDealCriterion } = await import("@/lib/actions/deal-answer-criterion");
const { getDeal } = await import("@/lib/data/get-deal");

const NOT_FOUND = "This item does not exist or you do not have access to it.";

type Result = { status: string; message?: string; fieldErrors?: Record<string, string[]> };
type Action = (prev: { status: "idle" }, data: FormData) => Promise<Result>;

let database: ScratchDatabase;
let db: PrismaClient;
let fx: Fixture;
/** Pipeline "New business": S1 Discovery (the fixture's), S2 Proposal, S3 Negotiation, each with criteria. */
let crit: { s1a: number; s1b: number; s1Inactive: number; s2: number; s3: number; otherPipeline: number; otherOrg: number };

beforeAll(async () => {
  database = await createMigratedDatabase();
  db = createPrismaClient(database.url);
  holder.client = db;
  fx = await seedAuthorizationFixture(db);
  const dealA = await db.deal.findUniqueOrThrow({ where: { id: fx.deals.a } });
  const s1 = dealA.stageId;
  const s2 = await db.stage.create({ data: { pipelineId: dealA.pipelineId, name: "Proposal", position: 2 } });
  const s3 = await db.stage.create({ data: { pipelineId: dealA.pipelineId, name: "Negotiation", position: 3 } });
  const criterion = (stageId: number, position: number, question: string, active = true) =>
    db.stageCriterion.create({ data: { stageId, position, question, retiredAt: active ? null : new Date() } }).then((row) => row.id);
  const renewals = await db.pipeline.create({ data: { orgId: fx.orgId, name: "Renewals" } });
  const renewalStage = await db.stage.create({ data: { pipelineId: renewals.id, name: "Check-in", position: 1 } });
  const otherDeal = await db.deal.findUniqueOrThrow({ where: { id: fx.deals.other } });
  crit = {
    s1a: await criterion(s1, 1, "Is the pain confirmed by the buyer?"),
    s1b: await criterion(s1, 2, "Is the budget holder known?"),
    s1Inactive: await criterion(s1, 3, "Retired question", false),
    s2: await criterion(s2.id, 1, "Has the buyer seen the proposal?"),
    s3: await criterion(s3.id, 1, "Are the terms agreed?"),
    otherPipeline: await criterion(renewalStage.id, 1, "Is the renewal date known?"),
    otherOrg: await criterion(otherDeal.stageId, 1, "Other organisation's question"),
  };
  // Deal A sits in S2: S1's criteria decide whether it is qualified; S3's are not yet answerable.
  await db.deal.update({ where: { id: fx.deals.a }, data: { stageId: s2.id } });
  await db.dealStageChange.createMany({
    data: [
      { dealId: fx.deals.a, fromStageId: null, toStageId: s1, at: new Date("2025-02-01T10:00:00Z"), synthesized: true },
      { dealId: fx.deals.a, fromStageId: s1, toStageId: s2.id, at: new Date("2025-03-01T10:00:00Z"), byUserId: fx.users.repA },
    ],
  });
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

async function post(as: keyof Fixture["viewers"], action: unknown, fields: Record<string, string | number>): Promise<Result> {
  holder.viewer = fx.viewers[as];
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, String(value));
  return (action as Action)({ status: "idle" }, data);
}

/** The attempt is refused and changes nothing anywhere (deal, answers, audit_log …). */
async function refusedWithoutWriting(attempt: () => Promise<Result>): Promise<string | undefined> {
  const before = await databaseFingerprint(db);
  const result = await attempt();
  expect(result.status).toBe("error");
  expect(await databaseFingerprint(db)).toEqual(before);
  return result.message;
}

const lastAudit = (entityId: number) => db.auditLog.findFirst({ where: { entity: "deal", entityId: String(entityId) }, orderBy: { id: "desc" } });

describe("updateDealNextStep", () => {
  it("lets a rep edit their own deal, with an audit row holding before and after", async () => {
    const result = await post("repA", updateDealNextStep, { dealId: fx.deals.a, nextStep: "  Send the security questionnaire  ", expectedCloseAt: "2026-12-18" });
    expect(result.status).toBe("success");
    const deal = await db.deal.findUniqueOrThrow({ where: { id: fx.deals.a } });
    expect(deal.nextStep).toBe("Send the security questionnaire");
    expect(deal.expectedCloseAt?.toISOString().slice(0, 10)).toBe("2026-12-18");
    const audit = await lastAudit(fx.deals.a);
    expect(audit).toMatchObject({
      actorId: fx.users.repA,
      action: "deal.update_next_step",
      before: { nextStep: null, expectedCloseAt: null },
      after: { nextStep: "Send the security questionnaire", expectedCloseAt: "2026-12-18" },
    });
  });

  it("refuses rep B editing rep A's deal (same team) as not found, writing nothing", async () => {
    const message = await refusedWithoutWriting(() => post("repB", updateDealNextStep, { dealId: fx.deals.a, nextStep: "Hijacked", expectedCloseAt: "" }));
    expect(message).toBe(NOT_FOUND);
  });

  it("refuses the manager of team Y editing a team X deal, exactly like a missing id", async () => {
    const tampered = await refusedWithoutWriting(() => post("managerY", updateDealNextStep, { dealId: fx.deals.a, nextStep: "Mine now", expectedCloseAt: "" }));
    const missing = await refusedWithoutWriting(() => post("managerY", updateDealNextStep, { dealId: 2_000_000_000, nextStep: "Mine now", expectedCloseAt: "" }));
    expect(tampered).toBe(NOT_FOUND);
    expect(missing).toBe(tampered);
  });

  it("lets the manager of the owner's team and an admin edit; the admin not another organisation's deal", async () => {
    expect((await post("managerX", updateDealNextStep, { dealId: fx.deals.b, nextStep: "Manager: book the demo", expectedCloseAt: "" })).status).toBe("success");
    expect((await db.deal.findUniqueOrThrow({ where: { id: fx.deals.b } })).nextStep).toBe("Manager: book the demo");
    expect((await post("admin", updateDealNextStep, { dealId: fx.deals.y, nextStep: "Admin note", expectedCloseAt: "2027-01-31" })).status).toBe("success");
    expect((await lastAudit(fx.deals.y))?.actorId).toBe(fx.users.admin);
    expect(await refusedWithoutWriting(() => post("admin", updateDealNextStep, { dealId: fx.deals.other, nextStep: "x", expectedCloseAt: "" }))).toBe(NOT_FOUND);
  });

  it("answers field errors for a next step over 500 characters or a bad date, and writes nothing", async () => {
    const before = await databaseFingerprint(db);
    const result = await post("repA", updateDealNextStep, { dealId: fx.deals.a, nextStep: "x".repeat(501), expectedCloseAt: "31/12/2026" });
    expect(result.status).toBe("error");
    expect(result.fieldErrors?.nextStep?.[0]).toMatch(/Next step must be at most 500 characters/);
    expect(result.fieldErrors?.expectedCloseAt?.[0]).toMatch(/Expected close date/);
    expect(await databaseFingerprint(db)).toEqual(before);
  });

  it("clears the next step and the date when both are left empty", async () => {
    expect((await post("repA", updateDealNextStep, { dealId: fx.deals.a, nextStep: " ", expectedCloseAt: "" })).status).toBe("success");
    const deal = await db.deal.findUniqueOrThrow({ where: { id: fx.deals.a } });
    expect([deal.nextStep, deal.expectedCloseAt]).toEqual([null, null]);
  });
});

describe("answerDealCriterion", () => {
  it("lets the owning rep answer, then change the answer (one row, who and when, audited)", async () => {
    expect((await post("repA", answerDealCriterion, { dealId: fx.deals.a, criterionId: crit.s1a, answer: "no" })).status).toBe("success");
    expect((await post("managerX", answerDealCriterion, { dealId: fx.deals.a, criterionId: crit.s1a, answer: "yes" })).status).toBe("success");
    const rows = await db.dealCriterionAnswer.findMany({ where: { dealId: fx.deals.a, criterionId: crit.s1a } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ answer: true, answeredById: fx.users.managerX });
    expect(rows[0]!.answeredAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    const audit = await lastAudit(fx.deals.a);
    expect(audit).toMatchObject({ action: "deal.answer_criterion", actorId: fx.users.managerX, before: { criterionId: crit.s1a, answer: false }, after: { criterionId: crit.s1a, answer: true } });
  });

  it("refuses rep B and the manager of team Y on a team X deal, writing nothing", async () => {
    expect(await refusedWithoutWriting(() => post("repB", answerDealCriterion, { dealId: fx.deals.a, criterionId: crit.s1b, answer: "yes" }))).toBe(NOT_FOUND);
    expect(await refusedWithoutWriting(() => post("managerY", answerDealCriterion, { dealId: fx.deals.a, criterionId: crit.s1b, answer: "yes" }))).toBe(NOT_FOUND);
  });

  it("refuses a tampered criterionId: another pipeline's, another organisation's, a later stage's, a retired one", async () => {
    for (const criterionId of [crit.otherPipeline, crit.otherOrg, crit.s3, crit.s1Inactive, 2_000_000_000]) {
      expect(await refusedWithoutWriting(() => post("repA", answerDealCriterion, { dealId: fx.deals.a, criterionId, answer: "yes" })), `criterion ${criterionId}`).toBe(NOT_FOUND);
    }
  });

  it("accepts the current stage's criteria and lets an admin answer", async () => {
    expect((await post("repA", answerDealCriterion, { dealId: fx.deals.a, criterionId: crit.s2, answer: "yes" })).status).toBe("success");
    expect((await post("admin", answerDealCriterion, { dealId: fx.deals.y, criterionId: crit.s1a, answer: "yes" })).status).toBe("success");
    expect(await db.dealCriterionAnswer.findUnique({ where: { dealId_criterionId: { dealId: fx.deals.y, criterionId: crit.s1a } } })).toMatchObject({ answer: true, answeredById: fx.users.admin });
  });

  it("refuses an answer other than yes or no", async () => {
    const result = await post("repA", answerDealCriterion, { dealId: fx.deals.a, criterionId: crit.s1b, answer: "maybe" });
    expect(result.status).toBe("error");
    expect(result.fieldErrors?.answer).toBeDefined();
  });
});

describe("getDeal", () => {
  it("shows a deal to its owner, their team's manager and an admin, and to nobody else (null, like a missing id)", async () => {
    const sees = async (who: keyof Fixture["viewers"]) =>
      (await Promise.all(Object.entries(fx.deals).map(async ([key, id]) => ((await getDeal(fx.viewers[who], id)) ? key : null)))).filter(Boolean);
    expect(await sees("repA")).toEqual(["a"]);
    expect(await sees("repB")).toEqual(["b"]);
    expect(await sees("managerX")).toEqual(["a", "b"]);
    expect(await sees("managerY")).toEqual(["y"]);
    expect(await sees("admin")).toEqual(["a", "b", "y"]);
    expect(await getDeal(fx.viewers.admin, 2_000_000_000)).toBeNull();
  });

  it("lists the stage history and the criteria of the open stages up to the current one, and rates qualification", async () => {
    await db.dealCriterionAnswer.deleteMany({ where: { dealId: fx.deals.a } });
    const notYet = await getDeal(fx.viewers.repA, fx.deals.a);
    expect(notYet?.history.map((step) => [step.from, step.to, step.synthesized, step.by])).toEqual([
      [null, "Discovery", true, null],
      ["Discovery", "Proposal", false, `MARKER-REP-A Anna`],
    ]);
    expect(notYet?.criteriaStages.map((stage) => [stage.name, stage.isCurrent, stage.criteria.map((c) => c.id)])).toEqual([
      ["Discovery", false, [crit.s1a, crit.s1b]],
      ["Proposal", true, [crit.s2]],
    ]);
    expect([notYet?.qualified, notYet?.unqualifiedCount]).toEqual([false, 2]);

    await post("repA", answerDealCriterion, { dealId: fx.deals.a, criterionId: crit.s1a, answer: "yes" });
    await post("repA", answerDealCriterion, { dealId: fx.deals.a, criterionId: crit.s1b, answer: "no" });
    expect((await getDeal(fx.viewers.repA, fx.deals.a))?.qualified).toBe(false);
    await post("repA", answerDealCriterion, { dealId: fx.deals.a, criterionId: crit.s1b, answer: "yes" });
    // The current stage's own criteria do not count (KPI.md: S1…S(i−1)).
    const qualified = await getDeal(fx.viewers.repA, fx.deals.a);
    expect([qualified?.qualified, qualified?.unqualifiedCount]).toEqual([true, 0]);
    expect(qualified?.criteriaStages[0]?.criteria[0]).toMatchObject({ answer: true, answeredBy: "MARKER-REP-A Anna" });
  });
});

describe("a closed deal is read-only", () => {
  const CLOSED = "This deal is closed (won or lost): its criteria answers and next step stay as they were when it closed.";

  async function closedDeal(kind: "WON" | "LOST"): Promise<number> {
    const dealA = await db.deal.findUniqueOrThrow({ where: { id: fx.deals.a } });
    const stage =
      (await db.stage.findFirst({ where: { pipelineId: dealA.pipelineId, kind } })) ??
      (await db.stage.create({ data: { pipelineId: dealA.pipelineId, name: `Closed ${kind}`, position: kind === "WON" ? 90 : 91, kind } }));
    const deal = await db.deal.create({
      data: {
        orgId: dealA.orgId,
        pipelineId: dealA.pipelineId,
        stageId: stage.id,
        ownerId: dealA.ownerId,
        closedOwnerId: dealA.ownerId,
        name: `Closed ${kind} deal`,
        amount: 1000,
        createdAt: new Date("2025-03-01T10:00:00Z"),
        closedAt: new Date("2025-05-01T10:00:00Z"),
        status: kind,
        lostReason: kind === "LOST" ? "Price" : null,
        nextStep: "Signed on the last call",
      },
    });
    await db.dealCriterionAnswer.create({ data: { dealId: deal.id, criterionId: crit.s1a, answer: true, answeredAt: new Date("2025-04-01T10:00:00Z") } });
    return deal.id;
  }

  it("refuses a new next step on a won or a lost deal with a clear message, for the owner, their manager and an admin", async () => {
    for (const kind of ["WON", "LOST"] as const) {
      const dealId = await closedDeal(kind);
      for (const who of ["repA", "managerX", "admin"] as const) {
        const message = await refusedWithoutWriting(() => post(who, updateDealNextStep, { dealId, nextStep: "Reopen talks", expectedCloseAt: "2027-01-31" }));
        expect(message).toBe(CLOSED);
      }
      expect((await db.deal.findUniqueOrThrow({ where: { id: dealId } })).nextStep).toBe("Signed on the last call");
    }
  });

  it("refuses to change or add a criterion answer on a won or a lost deal, and still shows the answers it closed with", async () => {
    for (const kind of ["WON", "LOST"] as const) {
      const dealId = await closedDeal(kind);
      for (const [criterionId, answer] of [[crit.s1a, "no"], [crit.s1b, "yes"]] as const) {
        expect(await refusedWithoutWriting(() => post("repA", answerDealCriterion, { dealId, criterionId, answer }))).toBe(CLOSED);
      }
      const shown = await getDeal(fx.viewers.repA, dealId);
      expect(shown?.status).toBe(kind);
      expect(shown?.nextStep).toBe("Signed on the last call");
      expect(shown?.criteriaStages[0]?.criteria.map((c) => [c.id, c.answer])).toEqual([
        [crit.s1a, true],
        [crit.s1b, null],
      ]);
    }
  });

  it("still answers not found, not closed, to someone outside the deal's scope", async () => {
    const dealId = await closedDeal("WON");
    expect(await refusedWithoutWriting(() => post("managerY", updateDealNextStep, { dealId, nextStep: "x", expectedCloseAt: "" }))).toBe(NOT_FOUND);
    expect(await refusedWithoutWriting(() => post("repB", answerDealCriterion, { dealId, criterionId: crit.s1a, answer: "no" }))).toBe(NOT_FOUND);
  });
});
