import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { collectDemo } from "@/prisma/seed/generate-demo";
import { resolveDemoOptions } from "@/prisma/seed/options";
import type { OrganisationPlan } from "@/prisma/seed/plan-organisation";
import type { TableName, TableRows } from "@/prisma/seed/rows";

const TODAY = new Date("2025-11-20T10:00:00Z");
type Rows = { [T in TableName]: TableRows[T][] };

function fingerprint(rows: Rows): Record<string, string> {
  return Object.fromEntries(
    Object.entries(rows).map(([table, list]) => [table, createHash("sha256").update(JSON.stringify(list)).digest("hex")]),
  );
}

describe("the demo generator is deterministic", () => {
  const small = { reps: 8, years: 2, today: TODAY, passwordHash: "hash" };

  it("produces identical rows for the same seed and day", () => {
    const a = collectDemo(resolveDemoOptions({ ...small, seed: 7 }));
    const b = collectDemo(resolveDemoOptions({ ...small, seed: 7 }));
    expect(fingerprint(b.rows)).toEqual(fingerprint(a.rows));
  });

  it("produces the same rows at any time of the same local day", () => {
    const morning = collectDemo(resolveDemoOptions({ ...small, seed: 7, today: new Date("2025-11-19T23:30:00Z") }));
    const evening = collectDemo(resolveDemoOptions({ ...small, seed: 7, today: new Date("2025-11-20T22:30:00Z") }));
    expect(fingerprint(evening.rows)).toEqual(fingerprint(morning.rows));
  });

  it("produces different rows for a different seed", () => {
    const a = fingerprint(collectDemo(resolveDemoOptions({ ...small, seed: 7 })).rows);
    const b = fingerprint(collectDemo(resolveDemoOptions({ ...small, seed: 8 })).rows);
    expect(b.deal).not.toBe(a.deal);
    expect(b.activity).not.toBe(a.activity);
    expect(b.app_user).not.toBe(a.app_user);
  });
});

describe("the default demo organisation", () => {
  let plan: OrganisationPlan;
  let rows: Rows;
  beforeAll(() => {
    ({ plan, rows } = collectDemo(resolveDemoOptions({ today: TODAY, passwordHash: "hash" })));
  });

  it("has 3 AE teams and an SDR team, each with a manager, 24 reps and an admin", () => {
    expect(rows.team.filter((t) => t.kind === "AE")).toHaveLength(3);
    expect(rows.team.filter((t) => t.kind === "SDR")).toHaveLength(1);
    expect(rows.rep.filter((r) => r.kind === "SDR")).toHaveLength(6);
    expect(rows.rep.filter((r) => r.kind === "AE")).toHaveLength(18);
    expect(rows.app_user.filter((u) => u.role === "ADMIN")).toHaveLength(1);
    expect(rows.app_user.filter((u) => u.role === "MANAGER")).toHaveLength(4);
    expect(new Set(rows.app_user.map((u) => u.email)).size).toBe(rows.app_user.length);
    expect(plan.logins.map((l) => l.email)).toContain("admin@demo.test");
  });

  it("covers two full years before this one and this year up to yesterday", () => {
    const first = rows.activity.reduce((min, a) => Math.min(min, a.at), Infinity);
    const last = rows.activity.reduce((max, a) => Math.max(max, a.at), -Infinity);
    expect(new Date(first).toISOString().slice(0, 7)).toMatch(/^2022-12|^2023-01/);
    expect(last).toBeLessThan(plan.calendar.toUtc(plan.calendar.today));
    expect(last).toBeGreaterThan(plan.calendar.toUtc(plan.calendar.today - 4));
  });

  it("has unique ids in every table", () => {
    for (const table of ["account", "lead", "deal", "deal_stage_change", "activity", "quota", "coaching_session", "commitment", "pipeline_meeting", "meeting_decision"] as const) {
      const ids = rows[table].map((r) => r.id);
      expect(new Set(ids).size, table).toBe(ids.length);
    }
  });

  it("keeps every deal's current stage, status and close date in line with its last stage change", () => {
    const stages = new Map(rows.stage.map((s) => [s.id, s]));
    const history = new Map<number, TableRows["deal_stage_change"][]>();
    for (const change of rows.deal_stage_change) {
      let list = history.get(change.dealId);
      if (!list) history.set(change.dealId, (list = []));
      list.push(change);
    }
    for (const deal of rows.deal) {
      const changes = history.get(deal.id) ?? [];
      expect(changes.length, `deal ${deal.id}`).toBeGreaterThan(0);
      const [first] = changes;
      const last = changes[changes.length - 1];
      expect(first?.fromStageId).toBeNull();
      expect(first?.at).toBe(deal.createdAt);
      for (let i = 1; i < changes.length; i++) {
        expect(changes[i]?.fromStageId).toBe(changes[i - 1]?.toStageId);
        expect(changes[i]?.at).toBeGreaterThan(changes[i - 1]?.at ?? Infinity);
      }
      for (const change of changes) {
        expect(stages.get(change.toStageId)?.pipelineId).toBe(deal.pipelineId);
        if (change !== last) expect(stages.get(change.toStageId)?.kind).toBe("OPEN");
      }
      expect(last?.toStageId).toBe(deal.stageId);
      const kind = stages.get(deal.stageId)?.kind;
      expect(kind === "OPEN" ? "OPEN" : kind).toBe(deal.status);
      if (deal.status === "OPEN") {
        expect(deal.closedAt).toBeNull();
        expect(deal.closedOwnerId).toBeNull();
      } else {
        expect(deal.closedAt).toBe(last?.at);
        expect(deal.closedAt).toBeGreaterThanOrEqual(deal.createdAt);
        expect(deal.closedOwnerId).toBe(deal.ownerId);
      }
    }
  });

  it("gives every lost deal a reason, and only lost deals", () => {
    for (const deal of rows.deal) {
      if (deal.status === "LOST") expect(deal.lostReason, `deal ${deal.id}`).toBeTruthy();
      else expect(deal.lostReason).toBeNull();
    }
  });

  it("has positive amounts, and an amount on every closed deal", () => {
    for (const deal of rows.deal) {
      if (deal.amount !== null) expect(deal.amount).toBeGreaterThan(0);
      if (deal.status !== "OPEN") expect(deal.amount).not.toBeNull();
    }
    for (const quota of rows.quota) expect(quota.amount).toBeGreaterThan(0);
  });

  it("answers only criteria of the deal's own pipeline, between the deal's creation and today", () => {
    const stageOfCriterion = new Map(rows.stage_criterion.map((c) => [c.id, c.stageId]));
    const pipelineOfStage = new Map(rows.stage.map((s) => [s.id, s.pipelineId]));
    const deals = new Map(rows.deal.map((d) => [d.id, d]));
    const today = plan.calendar.toUtc(plan.calendar.today);
    const seen = new Set<string>();
    for (const answer of rows.deal_criterion_answer) {
      const deal = deals.get(answer.dealId);
      expect(pipelineOfStage.get(stageOfCriterion.get(answer.criterionId) ?? 0)).toBe(deal?.pipelineId);
      expect(answer.answeredAt).toBeGreaterThanOrEqual(deal?.createdAt ?? Infinity);
      expect(answer.answeredAt).toBeLessThan(today);
      const key = `${answer.dealId}/${answer.criterionId}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
  });

  it("links activities to existing leads and deals of the same rep, inside the deal's life", () => {
    const deals = new Map(rows.deal.map((d) => [d.id, d]));
    const leads = new Set(rows.lead.map((l) => l.id));
    const wrong: number[] = [];
    for (const activity of rows.activity) {
      const deal = activity.dealId === null ? undefined : deals.get(activity.dealId);
      const ok =
        (activity.leadId === null || leads.has(activity.leadId)) &&
        (activity.dealId === null ||
          (deal !== undefined && deal.ownerId === activity.repId && activity.at >= deal.createdAt && (deal.closedAt === null || activity.at <= deal.closedAt)));
      if (!ok) wrong.push(activity.id);
    }
    expect(wrong).toEqual([]);
  });

  it("logs 40–60 activities a working day per SDR with 2–8 % email replies and 5–15 % connected calls", () => {
    const lastYear = plan.calendar.currentYear - 1;
    const from = plan.calendar.toUtc(plan.calendar.dayOf(lastYear, 0, 1));
    const to = plan.calendar.toUtc(plan.calendar.dayOf(lastYear + 1, 0, 1));
    let workingDays = 0;
    for (let d = plan.calendar.dayOf(lastYear, 0, 1); d < plan.calendar.dayOf(lastYear + 1, 0, 1); d++) if (plan.calendar.isWorkingDay(d)) workingDays++;
    for (const sdr of rows.rep.filter((r) => r.kind === "SDR")) {
      const mine = rows.activity.filter((a) => a.repId === sdr.id && a.at >= from && a.at < to);
      const rate = (type: string) => {
        const typed = mine.filter((a) => a.type === type);
        return typed.filter((a) => a.responded).length / typed.length;
      };
      expect(mine.length / workingDays).toBeGreaterThanOrEqual(40);
      expect(mine.length / workingDays).toBeLessThanOrEqual(60);
      expect(rate("EMAIL")).toBeGreaterThanOrEqual(0.02);
      expect(rate("EMAIL")).toBeLessThanOrEqual(0.08);
      expect(rate("CALL")).toBeGreaterThanOrEqual(0.05);
      expect(rate("CALL")).toBeLessThanOrEqual(0.15);
    }
  });

  it("hands over more leads this year while first meetings from them stay flat", () => {
    const reachedFirstMeeting = new Set<number>();
    const firstMeetingOrLater = new Set(plan.newBusiness.open.slice(plan.newBusiness.firstMeetingIndex).map((s) => s.id).concat(plan.newBusiness.won.id));
    for (const change of rows.deal_stage_change) if (firstMeetingOrLater.has(change.toStageId)) reachedFirstMeeting.add(change.dealId);
    const dealsByLead = new Map<number, number[]>();
    for (const deal of rows.deal) if (deal.leadId !== null) dealsByLead.set(deal.leadId, [...(dealsByLead.get(deal.leadId) ?? []), deal.id]);
    const cal = plan.calendar;
    const period = (year: number) => [cal.toUtc(cal.dayOf(year, 0, 1)), cal.toUtc(cal.dayOf(year, 10, 20))] as const;
    const measure = ([from, to]: readonly [number, number]) => {
      const handed = rows.lead.filter((l) => l.handedOverAt !== null && l.handedOverAt >= from && l.handedOverAt < to);
      const meetings = handed.flatMap((l) => dealsByLead.get(l.id) ?? []).filter((id) => reachedFirstMeeting.has(id)).length;
      return { handed: handed.length, meetings };
    };
    const now = measure(period(2025));
    const before = measure(period(2024));
    expect(now.handed / before.handed).toBeGreaterThanOrEqual(1.15);
    expect(Math.abs(now.meetings / before.meetings - 1)).toBeLessThan(0.05);
  });
});
