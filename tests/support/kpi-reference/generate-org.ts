// Random small organisations for the KPI property test: empty teams, teamless reps, histories that skip,
// go back and close the same day, and timestamps around local midnight and DST changes.
import fc from "fast-check";
import { addDays, localDate, startOfLocalDate, type PeriodSpec } from "@/lib/kpi/period";
import type {
  ActivityType,
  DealStatus,
  DealType,
  LeadSource,
  RefActivity,
  RefCoachingSession,
  RefCommitment,
  RefDeal,
  RefLead,
  RefOrg,
  RefPipeline,
  RefQuota,
  RefRep,
  RefSnapshot,
  RefTeam,
} from "./org";
import type { RefFilter, RefViewer } from "./scope";

export const TIME_ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata"] as const;

const FIRST_DAY = "2024-09-01";
const DAYS = 480;
// Days whose midnights and DST changes the data should crowd around.
const SPECIAL_DAYS = [
  "2024-10-01", "2024-10-27", "2024-11-03",
  "2025-01-01", "2025-02-28", "2025-03-01", "2025-03-09", "2025-03-30", "2025-04-01", "2025-07-01", "2025-10-01",
  "2025-10-26", "2025-11-02", "2026-01-01",
];
const HOUR = 3_600_000;
const LOST_REASONS = ["Price", "Timing", "Competitor", "No decision", "", null];

/** A local day and an offset from its midnight (negative: just before it). */
const instantArb = fc.record({
  day: fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: 0, max: DAYS }).map((n) => addDays(FIRST_DAY, n)) },
    { weight: 2, arbitrary: fc.constantFrom(...SPECIAL_DAYS) },
  ),
  offsetMs: fc.oneof(
    fc.constantFrom(0, 1, -1, 30 * 60_000, -30 * 60_000, 2 * HOUR, 3 * HOUR - 1, 23 * HOUR + 59 * 60_000),
    fc.integer({ min: 0, max: 24 * HOUR - 1 }),
  ),
});

const stepArb = fc.record({
  move: fc.constantFrom("next", "next", "next", "skip", "skip2", "back", "won", "won", "lost", "lost", "same"),
  // 0: the same instant (ordered by id); small gaps close the same day; larger ones span weeks.
  gapMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 6 * HOUR }), fc.integer({ min: 1, max: 60 * 24 * HOUR })),
});

const dealArb = fc.record({
  pipeline: fc.nat(),
  owner: fc.nat(),
  closer: fc.option(fc.nat(), { freq: 3 }),
  type: fc.constantFrom<DealType>("NEW", "NEW", "EXPANSION", "RENEWAL"),
  amountCents: fc.option(fc.integer({ min: 0, max: 50_000_000 }), { freq: 8 }),
  created: instantArb,
  startStage: fc.oneof({ weight: 5, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat(4) }),
  steps: fc.array(stepArb, { maxLength: 6 }),
  noHistory: fc.integer({ min: 0, max: 19 }).map((n) => n === 0),
  lostReason: fc.constantFrom(...LOST_REASONS),
  lead: fc.option(fc.nat(), { freq: 2 }),
  expectedClose: fc.option(fc.oneof(fc.integer({ min: 0, max: DAYS + 200 }).map((n) => addDays(FIRST_DAY, n)), fc.constantFrom(...SPECIAL_DAYS)), { freq: 6 }),
});

const leadArb = fc.record({
  source: fc.constantFrom<LeadSource>("INBOUND", "OUTBOUND", "REFERRAL", "EVENT", "PARTNER", "OTHER"),
  created: instantArb,
  handedAfterMs: fc.option(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 90 * 24 * HOUR })), { freq: 4 }),
  sdr: fc.option(fc.nat(), { freq: 6 }),
  ae: fc.option(fc.nat(), { freq: 2 }),
});

const quotaArb = fc.record({
  rep: fc.nat(),
  // Quarters from 2024 Q1; monthly quotas start on the second month of a quarter so start dates never clash.
  kind: fc.constantFrom("quarter", "quarter", "month"),
  index: fc.integer({ min: 0, max: 8 }),
  amountCents: fc.integer({ min: 1, max: 10_000_000 }),
});

const periodArb: fc.Arbitrary<PeriodSpec> = fc.oneof(
  fc.constant({ kind: "year" as const, year: 2025 }),
  fc.record({ year: fc.constant(2025), quarter: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const) }).map((q) => ({ kind: "quarter" as const, ...q })),
  fc.record({ year: fc.constant(2025), month: fc.integer({ min: 1, max: 12 }) }).map((m) => ({ kind: "month" as const, ...m })),
  // Custom ranges of any length, and short ones that often lie inside one month (activities then come from day rows
  // only, not from month rows).
  fc.oneof(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 20 })).chain((length) =>
    fc.integer({ min: 60, max: 460 }).map((from) => ({
      kind: "custom" as const,
      from: addDays(FIRST_DAY, from),
      to: addDays(FIRST_DAY, from + length - 1),
    })),
  ),
);

export const orgShapeArb = fc.record({
  timeZone: fc.constantFrom(...TIME_ZONES),
  teams: fc.integer({ min: 0, max: 3 }),
  reps: fc.array(fc.record({ team: fc.option(fc.nat(), { freq: 5 }), active: fc.boolean() }), { minLength: 1, maxLength: 6 }),
  pipelines: fc.array(fc.integer({ min: 3, max: 5 }), { minLength: 1, maxLength: 2 }),
  // Per pipeline, which open stage is marked as the first meeting (none: the first open stage).
  firstMeetings: fc.array(fc.option(fc.nat(4), { freq: 2 }), { minLength: 2, maxLength: 2 }),
  leads: fc.array(leadArb, { maxLength: 30, size: "max" }),
  activities: fc.array(
    fc.record({
      rep: fc.nat(),
      type: fc.constantFrom<ActivityType>("CALL", "EMAIL", "SOCIAL", "MEETING"),
      at: instantArb,
      responded: fc.boolean(),
      deal: fc.option(fc.nat(), { freq: 2 }),
      lead: fc.option(fc.nat(), { freq: 3 }),
    }),
    { maxLength: 40, size: "max" },
  ),
  coaching: fc.array(fc.record({ rep: fc.nat(), at: instantArb, minutes: fc.constantFrom(30, 45, 60, 90, 120, 180) }), { maxLength: 15, size: "max" }),
  commitments: fc.array(
    fc.record({ rep: fc.nat(), due: fc.integer({ min: 0, max: DAYS }), status: fc.constantFrom<RefCommitment["status"]>("OPEN", "KEPT", "KEPT", "MISSED") }),
    { maxLength: 10, size: "max" },
  ),
  deals: fc.array(dealArb, { minLength: 5, maxLength: 40, size: "max" }),
  quotas: fc.array(quotaArb, { maxLength: 16, size: "max" }),
  period: periodArb,
  viewer: fc.record({ role: fc.constantFrom("ADMIN", "ADMIN", "MANAGER", "REP"), pick: fc.nat(), filter: fc.constantFrom("none", "none", "team", "rep") }),
  pipelineFilter: fc.boolean(),
  openAt: instantArb,
  // Qualification and forecast: exit criteria per open stage, answers and next steps per deal, snapshots.
  criteria: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 10, maxLength: 10 }),
  inactiveCriterion: fc.nat(9),
  // When the picked criterion was retired, introduced, or paused (with criterionUntil: asked again).
  criterionSince: instantArb,
  criterionUntil: instantArb,
  dealExtras: fc.array(
    fc.record({
      nextStep: fc.option(fc.constantFrom("Call the buyer", "  ", ""), { freq: 3 }),
      answers: fc.array(fc.record({ pick: fc.nat(), answer: fc.boolean(), at: instantArb }), { maxLength: 4 }),
    }),
    { minLength: 40, maxLength: 40 },
  ),
  snapshots: fc.array(
    fc.record({
      at: instantArb,
      lines: fc.array(
        fc.record({
          rep: fc.nat(),
          month: fc.integer({ min: 0, max: 17 }),
          category: fc.constantFrom("COMMIT" as const, "COMMIT" as const, "BEST_CASE" as const),
          amountCents: fc.integer({ min: 0, max: 20_000_000 }),
        }),
        { maxLength: 8 },
      ),
    }),
    { maxLength: 5 },
  ),
  staleAfterDays: fc.constantFrom(14, 14, 7, 30),
  stuckFactor: fc.constantFrom(2, 2, 1.5, 1),
  // Converting touches and follow-up: activities placed around the creation of a deal from a lead, so touches in the
  // 30 days before it and first activities within days of it are common (random times rarely land there).
  dealTouches: fc.array(
    fc.record({
      deal: fc.nat(),
      on: fc.constantFrom("lead", "lead", "deal", "both"),
      rep: fc.nat(),
      type: fc.constantFrom<ActivityType>("CALL", "EMAIL", "SOCIAL", "MEETING"),
      responded: fc.boolean(),
      when: fc.oneof(
        {
          weight: 2,
          arbitrary: fc.constantFrom<TouchMoment>("windowOpens", "beforeWindow", "halfHourInside", "halfHourOutside", "atCreation", "justBefore", "lastFollowUpMs", "firstLateMs"),
        },
        { weight: 1, arbitrary: fc.integer({ min: -31 * 24 * HOUR, max: 12 * 24 * HOUR }) },
      ),
    }),
    { maxLength: 12, size: "max" },
  ),
});

/**
 * Instants around a deal's creation: where its lead's 30-day touch window opens (the same local time 30 days earlier),
 * 1 ms before that and half an hour either side (where 30 × 24 hours would be wrong when a DST change lies between);
 * its creation and 1 ms before it; the last millisecond of the 7th local day after it and the first of the 8th
 * (follow-up boundary).
 */
type TouchMoment = "windowOpens" | "beforeWindow" | "halfHourInside" | "halfHourOutside" | "atCreation" | "justBefore" | "lastFollowUpMs" | "firstLateMs";

export type OrgShape = typeof orgShapeArb extends fc.Arbitrary<infer T> ? T : never;

export interface OrgCase {
  org: RefOrg;
  period: PeriodSpec;
  viewer: RefViewer;
  filter: RefFilter;
  pipelineId?: number;
  openAt: Date;
}

/** Ids are `base + n`, so many organisations fit in one database without clashing. */
export function materialize(shape: OrgShape, orgId: number, base: number): OrgCase {
  const tz = shape.timeZone;
  let next = base;
  const id = () => ++next;
  const at = (instant: { day: string; offsetMs: number }) => new Date(startOfLocalDate(instant.day, tz).getTime() + instant.offsetMs);

  const teams: RefTeam[] = Array.from({ length: shape.teams }, (_, i) => ({ id: id(), name: `Team ${i + 1}` }));
  const reps: RefRep[] = shape.reps.map((r, i) => ({
    id: id(),
    teamId: r.team === null || teams.length === 0 ? null : teams[r.team % teams.length]!.id,
    name: `Rep ${i + 1}`,
    active: r.active,
  }));
  const pipelines: RefPipeline[] = shape.pipelines.map((openStages, p) => ({
    id: id(),
    name: `Pipeline ${p + 1}`,
    position: p,
    stages: [
      ...Array.from({ length: openStages }, (_, s) => ({
        id: id(),
        name: `S${s + 1}`,
        position: s + 1,
        kind: "OPEN" as const,
        isFirstMeeting: shape.firstMeetings[p] === s,
        criteria: Array.from({ length: shape.criteria[(p * 5 + s) % 10] ?? 0 }, () => ({ id: id(), retiredAt: null as Date | null, introducedAt: undefined as Date | undefined, pauses: undefined as { retiredAt: Date; restoredAt: Date }[] | undefined })),
      })),
      { id: id(), name: "Won", position: openStages + 1, kind: "WON" as const },
      { id: id(), name: "Lost", position: openStages + 2, kind: "LOST" as const },
    ],
  }));

  const repOf = (n: number | null) => (n === null ? null : reps[n % reps.length]!.id);
  const leads: RefLead[] = shape.leads.map((l) => {
    const createdAt = at(l.created);
    return {
      id: id(),
      source: l.source,
      createdAt,
      handedOverAt: l.handedAfterMs === null ? null : new Date(createdAt.getTime() + l.handedAfterMs),
      sdrId: repOf(l.sdr),
      aeId: repOf(l.ae),
    };
  });

  const allCriteria = pipelines.flatMap((p) => p.stages.flatMap((s) => s.criteria ?? []));
  const inactive = allCriteria[shape.inactiveCriterion % Math.max(allCriteria.length, 1)];
  // Rules that changed during the year: the picked criterion retired, introduced, or paused and asked again.
  if (inactive) {
    const since = at(shape.criterionSince);
    const until = at(shape.criterionUntil);
    const [from, to] = since <= until ? [since, until] : [until, since];
    if (shape.inactiveCriterion % 3 === 0) inactive.retiredAt = since;
    else if (shape.inactiveCriterion % 3 === 1) inactive.introducedAt = since;
    else if (from < to) inactive.pauses = [{ retiredAt: from, restoredAt: to }];
  }
  const deals: RefDeal[] = shape.deals.map((d, n) => {
    const pipeline = pipelines[d.pipeline % pipelines.length]!;
    const open = pipeline.stages.filter((s) => s.kind === "OPEN");
    const won = pipeline.stages.find((s) => s.kind === "WON")!;
    const lost = pipeline.stages.find((s) => s.kind === "LOST")!;
    const createdAt = at(d.created);
    let index = Math.min(d.startStage, open.length - 1);
    let time = createdAt.getTime();
    const history = [{ id: id(), stageId: open[index]!.id, at: new Date(time) }];
    let status: DealStatus = "OPEN";
    for (const step of d.steps) {
      time += step.gapMs;
      if (step.move === "won" || step.move === "lost") {
        status = step.move === "won" ? "WON" : "LOST";
        history.push({ id: id(), stageId: (status === "WON" ? won : lost).id, at: new Date(time) });
        break;
      }
      const target =
        step.move === "next" ? index + 1 : step.move === "skip" ? index + 2 : step.move === "skip2" ? index + 3 : step.move === "back" ? index - 1 : index;
      if (target >= open.length) {
        status = "WON";
        history.push({ id: id(), stageId: won.id, at: new Date(time) });
        break;
      }
      index = Math.max(0, target);
      history.push({ id: id(), stageId: open[index]!.id, at: new Date(time) });
    }
    const last = history[history.length - 1]!;
    const closed = status !== "OPEN";
    return {
      id: id(),
      pipelineId: pipeline.id,
      stageId: last.stageId,
      ownerId: reps[d.owner % reps.length]!.id,
      closedOwnerId: closed && d.closer !== null ? reps[d.closer % reps.length]!.id : null,
      type: d.type,
      amountCents: d.amountCents === null ? null : BigInt(d.amountCents),
      createdAt,
      closedAt: closed ? last.at : null,
      status,
      lostReason: status === "LOST" ? d.lostReason : null,
      expectedCloseAt: d.expectedClose,
      leadId: d.lead === null || leads.length === 0 ? null : leads[d.lead % leads.length]!.id,
      history: d.noHistory ? [] : history,
      nextStep: shape.dealExtras[n]?.nextStep ?? null,
      answers: answersFor(pipeline, shape.dealExtras[n]?.answers ?? [], at),
    };
  });

  const quotas: RefQuota[] = [];
  const taken = new Set<string>();
  for (const q of shape.quotas) {
    const repId = reps[q.rep % reps.length]!.id;
    const year = 2024 + Math.floor((q.index + 3) / 4);
    const firstMonth = ((q.index + 3) % 4) * 3 + (q.kind === "month" ? 2 : 1);
    const start = `${year}-${String(firstMonth).padStart(2, "0")}-01`;
    const months = q.kind === "month" ? 1 : 3;
    const endExclusive = new Date(Date.UTC(year, firstMonth - 1 + months, 1)).toISOString().slice(0, 10);
    if (taken.has(`${repId}/${start}`)) continue;
    taken.add(`${repId}/${start}`);
    quotas.push({ id: id(), repId, periodStart: start, periodEnd: addDays(endExclusive, -1), amountCents: BigInt(q.amountCents) });
  }

  const activities: RefActivity[] = shape.activities.map((a) => ({
    id: id(),
    repId: repOf(a.rep)!,
    type: a.type,
    at: at(a.at),
    responded: a.responded,
    dealId: a.deal === null ? null : deals[a.deal % deals.length]!.id,
    leadId: a.lead === null || leads.length === 0 ? null : leads[a.lead % leads.length]!.id,
  }));
  const snapshots: RefSnapshot[] = shape.snapshots.map((s) => {
    const seen = new Set<string>();
    const lines = s.lines
      .map((l) => ({ repId: repOf(l.rep)!, month: monthStart(l.month), category: l.category, amountCents: BigInt(l.amountCents) }))
      .filter((l) => !seen.has(`${l.repId}/${l.month}/${l.category}`) && seen.add(`${l.repId}/${l.month}/${l.category}`));
    return { id: id(), takenAt: at(s.at), lines };
  });
  const coaching: RefCoachingSession[] = shape.coaching.map((c) => ({ id: id(), repId: repOf(c.rep)!, at: at(c.at), minutes: c.minutes }));
  const commitments: RefCommitment[] = shape.commitments.map((c) => ({ id: id(), repId: repOf(c.rep)!, dueAt: addDays(FIRST_DAY, c.due), status: c.status }));
  activities.push(...touchesAround(shape.dealTouches, deals, tz, id, (n) => repOf(n)!));
  const org: RefOrg = { id: orgId, name: `Org ${orgId}`, timeZone: tz, teams, reps, pipelines, deals, quotas, leads, activities, coaching, commitments,
    snapshots, staleAfterDays: shape.staleAfterDays, stuckFactor: shape.stuckFactor };
  return { org, period: shape.period, ...viewerOf(shape, org), pipelineId: shape.pipelineFilter ? pipelines[0]!.id : undefined, openAt: at(shape.openAt) };
}

/** Activities on deals from leads (and on their leads) at the moments the touch and follow-up windows turn on. */
function touchesAround(touches: OrgShape["dealTouches"], deals: RefDeal[], tz: string, id: () => number, repOf: (n: number) => number): RefActivity[] {
  const fromLeads = deals.filter((d) => d.leadId != null);
  if (fromLeads.length === 0) return [];
  // Touches on the lead alone go around its first deal (its conversion); the others around any deal from a lead.
  const firstOfLead = new Map<number, RefDeal>();
  for (const d of [...fromLeads].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id)) {
    if (!firstOfLead.has(d.leadId!)) firstOfLead.set(d.leadId!, d);
  }
  const conversions = [...firstOfLead.values()];
  return touches.map((t) => {
    const pool = t.on === "lead" ? conversions : fromLeads;
    const deal = pool[t.deal % pool.length]!;
    const created = deal.createdAt.getTime();
    const day = localDate(deal.createdAt, tz);
    const sinceMidnight = created - startOfLocalDate(day, tz).getTime();
    const windowOpens = startOfLocalDate(addDays(day, -30), tz).getTime() + sinceMidnight;
    const eighthDay = startOfLocalDate(addDays(day, 8), tz).getTime();
    const moments: Record<TouchMoment, number> = {
      windowOpens,
      beforeWindow: windowOpens - 1,
      halfHourInside: windowOpens + HOUR / 2,
      halfHourOutside: windowOpens - HOUR / 2,
      atCreation: created,
      justBefore: created - 1,
      lastFollowUpMs: eighthDay - 1,
      firstLateMs: eighthDay,
    };
    return {
      id: id(),
      repId: repOf(t.rep),
      type: t.type,
      at: new Date(typeof t.when === "number" ? created + t.when : moments[t.when]),
      responded: t.responded,
      dealId: t.on === "lead" ? null : deal.id,
      leadId: t.on === "deal" ? null : deal.leadId,
    };
  });
}

/** The first day of the n-th month from FIRST_DAY's month. */
function monthStart(n: number): string {
  return new Date(Date.UTC(2024, 8 + n, 1)).toISOString().slice(0, 10);
}

/** Answers to criteria of the deal's pipeline (one per criterion). */
function answersFor(pipeline: RefPipeline, picks: { pick: number; answer: boolean; at: { day: string; offsetMs: number } }[], at: (i: { day: string; offsetMs: number }) => Date) {
  const criteria = pipeline.stages.flatMap((s) => s.criteria ?? []);
  if (criteria.length === 0) return [];
  const answers = new Map<number, { criterionId: number; answer: boolean; at: Date }>();
  for (const p of picks) {
    const criterion = criteria[p.pick % criteria.length]!;
    answers.set(criterion.id, { criterionId: criterion.id, answer: p.answer, at: at(p.at) });
  }
  return [...answers.values()];
}

function viewerOf(shape: OrgShape, org: RefOrg): { viewer: RefViewer; filter: RefFilter } {
  const { role, pick, filter } = shape.viewer;
  const rep = org.reps[pick % org.reps.length]!;
  const team = org.teams.length === 0 ? undefined : org.teams[pick % org.teams.length];
  const viewer: RefViewer =
    role === "ADMIN"
      ? { role: "ADMIN" }
      : role === "MANAGER"
        ? { role: "MANAGER", teamIds: team ? [team.id] : [] }
        : { role: "REP", repId: rep.id, teamIds: rep.teamId === null ? [] : [rep.teamId] };
  if (filter === "team") return { viewer, filter: { teamIds: team ? [team.id] : [] } };
  if (filter === "rep") return { viewer, filter: { repId: org.reps[(pick + 1) % org.reps.length]!.id } };
  return { viewer, filter: {} };
}
