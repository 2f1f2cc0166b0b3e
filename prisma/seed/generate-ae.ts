// One AE's years: deals from hand-overs, self-sourced, expansions and renewals, each with its stage history,
// exit-criteria answers and activities; quarterly quotas; the AE's lines in the weekly forecast snapshots.
import type { Calendar } from "./calendar";
import { creationSeason, type GenerationContext, nextWorkTime, vacationDays, workTime } from "./context";
import { type PathEvent, simulateDealPath, winFromFirstMeeting } from "./deal-path";
import type { Handover } from "./generate-sdr";
import { LEAD_DEAL_FIRST_MEETING, SELF_SOURCED_FIRST_MEETING } from "./patterns";
import { STALL_STAGE_INDEX } from "./pipelines";
import { annualQuota, ORG_ID, type PipelinePlan, type RepPlan } from "./plan-organisation";
import { createEvenChance, createRandom, deriveSeed, type Random } from "./random";
import type { ActivityRow, ActivityType, DealRow, DealType, ForecastCategory } from "./rows";
import {
  COMPANY_PARTS,
  companyName,
  EXPANSION_PRODUCTS,
  LOST_REASONS_EARLY,
  LOST_REASONS_LATE,
  LOST_REASONS_MID,
  LOST_REASONS_RENEWAL,
  NEXT_STEPS_BY_STAGE,
  PRODUCTS,
  REGIONS,
  RENEWAL_NEXT_STEPS,
} from "./vocabulary";

/** What the weekly pipeline meetings of the team need to know about a deal. */
export interface TeamDeal {
  id: number;
  pipeline: PipelinePlan;
  createdT: number;
  /** Local day number it closed, or Infinity while open. */
  closeT: number;
  /** Stage history up to today. */
  events: PathEvent[];
  expectedT: number;
  misqualified: boolean;
  /** When it first jumped over a stage, or Infinity. */
  skippedT: number;
}

interface Draft {
  type: DealType;
  pipeline: PipelinePlan;
  createdT: number;
  accountId: number;
  accountName: string;
  leadId: number | null;
  amount: number;
  events: PathEvent[];
  title: string;
  optimistic: boolean;
}

interface Customer {
  accountId: number;
  name: string;
  since: number;
}

// Deals already in progress when the data window opens, so its first months look like any other.
const DEAL_WARM_UP_DAYS = 120;
const NEW_DEAL_MEDIAN = 24_000;
const NEW_DEAL_SIGMA = 0.55;
const EXPANSION_MEDIAN = 11_000;
const EXPANSION_SIGMA = 0.5;
const RENEWAL_MEDIAN = 20_000;
const EXPANSIONS_PER_DAY = 0.03;
const BOOK_ACCOUNTS = 8;
/** Share of new customers on one-year contracts: they come up for renewal inside the window. */
const ANNUAL_CONTRACT_SHARE = 0.35;
const RENEWAL_LEAD_DAYS = 75;
/**
 * Share of won renewals signed for one more year; the others for several, so they do not come up again inside the
 * window. When every renewal renewed each year, renewals compounded (about 40 % more each year) and piled up in the
 * autumn, where the planted September push and December pull echo a year later: with today = Dec 4, November had
 * the year's most won deals and revenue (72 and €2.07M against a median of 52), a record month by accident.
 */
const RENEWED_AGAIN_NEXT_YEAR = 0.65;
const WORKING_DAYS_PER_YEAR = 255;
const MIN_SELF_SOURCED_PER_YEAR = 10;
const RENEWAL_WIN_ESTIMATE = 0.86;
const QUARTER_WEIGHTS = [0.23, 0.25, 0.22, 0.3] as const;
const PROSPECTING_PER_DAY = 3.5;
const NEGLECTED_DEAL = { usual: 0.08, lowActivity: 0.3 } as const;
const TOUCH_GAP_DAYS = { usual: 3.2, stalled: 6, renewal: 6 } as const;
/** A close date already in the past is pushed out by two to five weeks when the rep updates the forecast. */
const FORECAST_SLIP_DAYS = 14;

const logNormalMean = (median: number, sigma: number) => median * Math.exp((sigma * sigma) / 2);

export function generateAe(ctx: GenerationContext, ae: RepPlan, handovers: readonly Handover[]): TeamDeal[] {
  const { calendar, sink, plan } = ctx;
  const rng = createRandom(deriveSeed(ae.seed, "ae"));
  const profile = ae.profile;
  const nb = plan.newBusiness;
  const rn = plan.renewals;
  const currentYearIndex = calendar.currentYear - calendar.firstYear;
  const off = vacationDays(calendar, rng);
  const region = REGIONS[ae.cell % REGIONS.length] as string;

  const newAccount = (t: number) => {
    const company = companyName(rng.int(0, COMPANY_PARTS.stems - 1), rng.int(0, COMPANY_PARTS.sectors - 1), rng.int(0, COMPANY_PARTS.suffixes - 1));
    const id = ctx.nextId("account");
    sink.add("account", {
      id,
      orgId: ORG_ID,
      name: company.name,
      industry: company.industry,
      employees: Math.round(rng.logNormal(400, 1.1)) + 20,
      region: rng.chance(0.75) ? region : rng.pick(REGIONS),
      createdAt: calendar.toUtc(t),
    });
    return { accountId: id, name: company.name };
  };

  // Customers from before the window renew once a year; a lost renewal is churn.
  const customers: Customer[] = [];
  const renewalQueue: { createdT: number; accountId: number; name: string; amount: number }[] = [];
  const queueRenewal = (entry: (typeof renewalQueue)[number]) => {
    if (entry.createdT >= calendar.today) return;
    let i = renewalQueue.length;
    while (i > 0 && (renewalQueue[i - 1] as (typeof renewalQueue)[number]).createdT > entry.createdT) i--;
    renewalQueue.splice(i, 0, entry);
  };
  const warmUpStart = calendar.windowStart - DEAL_WARM_UP_DAYS;
  for (let k = 0; k < BOOK_ACCOUNTS; k++) {
    const account = newAccount(warmUpStart - rng.uniform(300, 1500));
    customers.push({ ...account, since: warmUpStart - 300 });
    const renewalDay = warmUpStart + rng.int(0, 364);
    queueRenewal({
      createdT: workTime(calendar, rng, renewalDay),
      accountId: account.accountId,
      name: account.name,
      amount: Math.round(rng.logNormal(RENEWAL_MEDIAN, 0.45) / 100) * 100,
    });
  }

  const drafts: Draft[] = [];
  const winNew = winFromFirstMeeting(nb, profile.skill);
  const newDealValue = winNew * logNormalMean(NEW_DEAL_MEDIAN, NEW_DEAL_SIGMA);
  const pathOptions = { skill: profile.skill, pace: profile.pace };

  // Hand-over deals reach the first meeting at an even rate, so the planted bottleneck is not lost in noise.
  const reachesFirstMeeting = createEvenChance(rng);
  const addDraft = (draft: Omit<Draft, "events" | "optimistic">, entryIndex: number, firstAdvance?: number, decideFirst?: (p: number) => boolean) => {
    const events = simulateDealPath(calendar, rng, draft.pipeline, entryIndex, draft.createdT, { ...pathOptions, firstAdvance, decideFirst });
    const full: Draft = { ...draft, events, optimistic: rng.chance(profile.optimism) };
    drafts.push(full);
    const end = events[events.length - 1] as PathEvent;
    if (end.kind === "WON") {
      if (draft.type === "NEW") {
        customers.push({ accountId: draft.accountId, name: draft.accountName, since: end.t });
        if (rng.chance(ANNUAL_CONTRACT_SHARE)) {
          queueRenewal({ createdT: workTime(calendar, rng, Math.floor(end.t) + 365 - RENEWAL_LEAD_DAYS), accountId: draft.accountId, name: draft.accountName, amount: draft.amount });
        }
      } else if (draft.type === "RENEWAL" && rng.chance(RENEWED_AGAIN_NEXT_YEAR)) {
        queueRenewal({
          createdT: workTime(calendar, rng, Math.floor(draft.createdT) + 365),
          accountId: draft.accountId,
          name: draft.accountName,
          amount: Math.round((draft.amount * rng.uniform(0.98, 1.1)) / 100) * 100,
        });
      }
    }
  };

  const sortedHandovers = handovers.filter((h) => h.dealT !== null).sort((a, b) => (a.dealT as number) - (b.dealT as number));
  let nextHandover = 0;
  let nextRenewal = 0;

  for (let y = -1; y <= currentYearIndex; y++) {
    const yearStart = calendar.dayOf(calendar.firstYear + y, 0, 1);
    const yearEnd = calendar.dayOf(calendar.firstYear + y + 1, 0, 1);
    const from = y === -1 ? warmUpStart : yearStart;
    const to = Math.min(yearEnd, calendar.today);
    if (from >= to) continue;

    // Steer the year's self-sourced deals so that expected revenue lands at the rep's attainment of quota.
    const q = Math.max(0, y);
    const targetPerDay = (annualQuota(profile, q) * (profile.attainment[q] ?? 1)) / WORKING_DAYS_PER_YEAR;
    let workingDays = 0;
    for (let d = from; d < to; d++) if (calendar.isWorkingDay(d)) workingDays++;
    const yearFrom = y === -1 ? yearEnd : from;
    const yearTo = y === -1 ? Math.min(calendar.dayOf(calendar.firstYear + 1, 0, 1), calendar.today) : to;
    let yearWorkingDays = 0;
    for (let d = yearFrom; d < yearTo; d++) if (calendar.isWorkingDay(d)) yearWorkingDays++;
    let leadValue = 0;
    for (const h of sortedHandovers) {
      const dealT = h.dealT as number;
      if (dealT >= yearFrom && dealT < yearTo) {
        leadValue += LEAD_DEAL_FIRST_MEETING[h.step] * newDealValue;
      }
    }
    let renewalValue = 0;
    for (const r of renewalQueue) if (r.createdT >= from && r.createdT < to) renewalValue += r.amount * RENEWAL_WIN_ESTIMATE;
    const expansionValuePerDay = EXPANSIONS_PER_DAY * winNew * logNormalMean(EXPANSION_MEDIAN, EXPANSION_SIGMA);
    const gapPerDay =
      targetPerDay - leadValue / Math.max(1, yearWorkingDays) - renewalValue / Math.max(1, workingDays) - expansionValuePerDay;
    const selfPerDay = Math.max(MIN_SELF_SOURCED_PER_YEAR / WORKING_DAYS_PER_YEAR, gapPerDay / (SELF_SOURCED_FIRST_MEETING * newDealValue));

    for (let day = from; day < to; day++) {
      while (nextHandover < sortedHandovers.length && Math.floor((sortedHandovers[nextHandover] as Handover).dealT as number) <= day) {
        const h = sortedHandovers[nextHandover++] as Handover;
        addDraft(
          {
            type: "NEW",
            pipeline: nb,
            createdT: h.dealT as number,
            accountId: h.accountId,
            accountName: h.accountName,
            leadId: h.leadId,
            amount: dealAmount(rng, NEW_DEAL_MEDIAN, NEW_DEAL_SIGMA),
            title: rng.pick(PRODUCTS),
          },
          0,
          LEAD_DEAL_FIRST_MEETING[h.step],
          reachesFirstMeeting,
        );
      }
      while (nextRenewal < renewalQueue.length && Math.floor((renewalQueue[nextRenewal] as (typeof renewalQueue)[number]).createdT) <= day) {
        const r = renewalQueue[nextRenewal++] as (typeof renewalQueue)[number];
        addDraft(
          { type: "RENEWAL", pipeline: rn, createdT: r.createdT, accountId: r.accountId, accountName: r.name, leadId: null, amount: r.amount, title: `renewal ${calendar.day(Math.floor(r.createdT) + RENEWAL_LEAD_DAYS).year}` },
          0,
        );
      }
      if (!calendar.isWorkingDay(day) || off[day]) continue;
      const season = creationSeason(calendar, day);
      const own = rng.poisson(selfPerDay * season);
      for (let k = 0; k < own; k++) {
        const createdT = workTime(calendar, rng, day);
        const account = newAccount(createdT - rng.uniform(0, 2));
        addDraft(
          { type: "NEW", pipeline: nb, createdT, accountId: account.accountId, accountName: account.name, leadId: null, amount: dealAmount(rng, NEW_DEAL_MEDIAN, NEW_DEAL_SIGMA), title: rng.pick(PRODUCTS) },
          0,
          SELF_SOURCED_FIRST_MEETING,
        );
      }
      const expansions = rng.poisson(EXPANSIONS_PER_DAY * season);
      for (let k = 0; k < expansions; k++) {
        const createdT = workTime(calendar, rng, day);
        const eligible = customers.filter((c) => c.since < createdT);
        if (eligible.length === 0) continue;
        const customer = rng.pick(eligible);
        addDraft(
          { type: "EXPANSION", pipeline: nb, createdT, accountId: customer.accountId, accountName: customer.name, leadId: null, amount: dealAmount(rng, EXPANSION_MEDIAN, EXPANSION_SIGMA), title: rng.pick(EXPANSION_PRODUCTS) },
          nb.firstMeetingIndex,
        );
      }
    }
  }

  const kept = drafts.filter((d) => d.createdT < calendar.today).sort((a, b) => a.createdT - b.createdT);
  const teamDeals: TeamDeal[] = [];
  const activities: ActivityRow[] = [];
  const forecast = new ForecastAccumulator(ctx);
  for (const draft of kept) {
    teamDeals.push(emitDeal(ctx, rng, ae, draft, activities, forecast, off));
  }

  for (const h of handovers) {
    const t = nextWorkTime(calendar, rng, h.handoverT + rng.uniform(0.02, 1), h.handoverT);
    if (t < calendar.windowStart || t >= calendar.today) continue;
    if (!rng.chance(profile.pattern === "LOW_ACTIVITY" ? 0.4 : 0.8)) continue;
    activities.push(activity(ae.id, "EMAIL", t, h.leadId, null, rng.chance(0.35 * profile.response)));
  }
  for (let day = calendar.windowStart; day < calendar.today; day++) {
    if (!calendar.isWorkingDay(day) || off[day]) continue;
    const count = rng.poisson(PROSPECTING_PER_DAY * profile.activity);
    for (let k = 0; k < count; k++) {
      const type = rng.weighted(PROSPECTING_MIX);
      const t = day + rng.uniform(8.25, 18) / 24;
      activities.push(activity(ae.id, type, t, null, null, rng.chance(PROSPECTING_RESPONSE[type] * profile.response)));
    }
  }
  activities.sort((a, b) => a.at - b.at);
  for (const row of activities) {
    row.id = ctx.nextId("activity");
    row.at = calendar.toUtc(row.at);
    sink.add("activity", row);
  }

  for (let y = 0; y <= currentYearIndex; y++) {
    const year = calendar.firstYear + y;
    const annual = annualQuota(profile, y);
    QUARTER_WEIGHTS.forEach((weight, quarter) => {
      sink.add("quota", {
        id: ctx.nextId("quota"),
        repId: ae.id,
        periodStart: calendar.dateString(calendar.dayOf(year, quarter * 3, 1)),
        periodEnd: calendar.dateString(calendar.dayOf(year, quarter * 3 + 3, 1) - 1),
        amount: Math.round((annual * weight) / 1000) * 1000,
      });
    });
  }
  forecast.emit(ae.id);
  return teamDeals;
}

function dealAmount(rng: Random, median: number, sigma: number): number {
  return Math.max(1500, Math.round(rng.logNormal(median, sigma) / 100) * 100);
}

function activity(repId: number, type: ActivityType, t: number, leadId: number | null, dealId: number | null, responded: boolean): ActivityRow {
  return { id: 0, orgId: ORG_ID, repId, type, at: t, leadId, dealId, responded };
}

const PROSPECTING_MIX = [
  ["EMAIL", 0.5],
  ["CALL", 0.35],
  ["SOCIAL", 0.15],
] as const satisfies readonly (readonly [ActivityType, number])[];
const PROSPECTING_RESPONSE: Record<ActivityType, number> = { EMAIL: 0.05, CALL: 0.1, SOCIAL: 0.06, MEETING: 0.9 };
const DEAL_TOUCH_MIX = [
  ["EMAIL", 0.58],
  ["CALL", 0.3],
  ["SOCIAL", 0.05],
  ["MEETING", 0.07],
] as const satisfies readonly (readonly [ActivityType, number])[];
const DEAL_TOUCH_RESPONSE: Record<ActivityType, number> = { EMAIL: 0.22, CALL: 0.3, SOCIAL: 0.12, MEETING: 0.9 };

function forecastCategory(pipeline: PipelinePlan, index: number, optimistic: boolean): ForecastCategory {
  const probability = pipeline.open[index]?.spec?.probability ?? 0;
  if (probability >= 80) return "COMMIT";
  // Happy ears: most reps commit deals still waiting on a proposal, and many of those slip or are lost.
  if (probability >= 60) return optimistic ? "COMMIT" : "BEST_CASE";
  if (probability >= 40) return "BEST_CASE";
  return "PIPELINE";
}

function emitDeal(
  ctx: GenerationContext,
  rng: Random,
  ae: RepPlan,
  draft: Draft,
  activities: ActivityRow[],
  forecast: ForecastAccumulator,
  off: Uint8Array,
): TeamDeal {
  const { calendar, sink } = ctx;
  const today = calendar.today;
  const profile = ae.profile;
  const pipeline = draft.pipeline;
  const events = draft.events.filter((e) => e.t < today);
  const last = events[events.length - 1] as PathEvent;
  const closed = last.kind !== "OPEN";
  const id = ctx.nextId("deal");
  const createdT = draft.createdT;
  const closeT = closed ? last.t : Infinity;

  const fullEnd = draft.events[draft.events.length - 1] as PathEvent;
  const expectedT =
    fullEnd.kind === "WON"
      ? createdT + (fullEnd.t - createdT) * rng.uniform(0.72, 1.02)
      : draft.type === "RENEWAL"
        ? createdT + RENEWAL_LEAD_DAYS + rng.uniform(-5, 5)
        : createdT + (draft.type === "EXPANSION" ? rng.uniform(30, 60) : rng.uniform(45, 90));
  let expectedDay: number;
  if (!closed) expectedDay = Math.floor(expectedT >= today ? expectedT : rng.chance(0.55) ? today + rng.uniform(7, 60) : expectedT);
  else if (last.kind === "WON") expectedDay = Math.floor(rng.chance(0.7) ? last.t : expectedT);
  else expectedDay = Math.floor(expectedT);

  let lostReason: string | null = null;
  if (last.kind === "LOST") {
    const from = (events[events.length - 2] as PathEvent).index;
    const reasons = pipeline === ctx.plan.renewals ? LOST_REASONS_RENEWAL : from === 0 ? LOST_REASONS_EARLY : from <= 2 ? LOST_REASONS_MID : LOST_REASONS_LATE;
    lostReason = rng.pick(reasons);
  }
  const amount = !closed && last.index === 0 && draft.type === "NEW" && rng.chance(0.06) ? null : draft.amount;
  const nextSteps = pipeline === ctx.plan.renewals ? RENEWAL_NEXT_STEPS : NEXT_STEPS_BY_STAGE;
  const stageId = (e: PathEvent) => (e.kind === "WON" ? pipeline.won.id : e.kind === "LOST" ? pipeline.lost.id : (pipeline.open[e.index]?.id as number));

  const row: DealRow = {
    id,
    orgId: ORG_ID,
    pipelineId: pipeline.id,
    stageId: stageId(last),
    ownerId: ae.id,
    closedOwnerId: closed ? ae.id : null,
    accountId: draft.accountId,
    leadId: draft.leadId,
    name: `${draft.accountName} — ${draft.title}`,
    type: draft.type,
    amount,
    createdAt: calendar.toUtc(createdT),
    expectedCloseAt: calendar.dateString(expectedDay),
    closedAt: closed ? calendar.toUtc(last.t) : null,
    status: last.kind === "OPEN" ? "OPEN" : last.kind,
    lostReason,
    nextStep: !closed && rng.chance(0.9) ? rng.pick(nextSteps[last.index] ?? ["Follow up"]) : null,
    forecastCategory: last.kind === "WON" ? "COMMIT" : last.kind === "LOST" ? "OMITTED" : forecastCategory(pipeline, last.index, draft.optimistic),
    updatedAt: calendar.toUtc(last.t),
  };
  sink.add("deal", row);

  let previous: PathEvent | undefined;
  let skippedT = Infinity;
  for (const e of events) {
    if (previous && e.kind === "OPEN" && e.index > previous.index + 1 && skippedT === Infinity) skippedT = e.t;
    sink.add("deal_stage_change", {
      id: ctx.nextId("deal_stage_change"),
      dealId: id,
      fromStageId: previous ? stageId(previous) : null,
      toStageId: stageId(e),
      at: calendar.toUtc(e.t),
      byUserId: rng.chance(0.92) ? ae.userId : ae.managerUserId,
    });
    previous = e;
  }

  const misqualified = emitAnswers(ctx, rng, ae, pipeline, events, id, closed);

  // Touches on the deal while it is open; some deals are left alone after a while (they go stale).
  const endT = Math.min(closeT, today);
  const neglectAfter = rng.chance(profile.pattern === "LOW_ACTIVITY" ? NEGLECTED_DEAL.lowActivity : NEGLECTED_DEAL.usual) ? createdT + rng.uniform(7, 30) : Infinity;
  let t = createdT + rng.exponential(1.3 / profile.activity);
  let e = 0;
  for (;;) {
    const touch = nextWorkTime(calendar, rng, t, createdT);
    if (touch >= endT || touch >= neglectAfter) break;
    while (e + 1 < events.length && (events[e + 1] as PathEvent).t <= touch) e++;
    const stage = (events[e] as PathEvent).index;
    if (touch >= calendar.windowStart && !off[Math.floor(touch)]) {
      const type = rng.weighted(DEAL_TOUCH_MIX);
      const rate = type === "MEETING" ? DEAL_TOUCH_RESPONSE.MEETING * (0.6 + 0.4 * profile.response) : DEAL_TOUCH_RESPONSE[type] * profile.response;
      activities.push(activity(ae.id, type, touch, null, id, rng.chance(Math.min(1, rate))));
    }
    const stalled = stage === STALL_STAGE_INDEX && ctx.plan.options.patterns;
    const gap = pipeline === ctx.plan.renewals ? TOUCH_GAP_DAYS.renewal : stalled ? TOUCH_GAP_DAYS.stalled : TOUCH_GAP_DAYS.usual;
    t = touch + rng.exponential(gap / profile.activity);
  }
  // The first meeting, the demo and the renewal review are meetings logged when the stage is entered.
  for (const ev of events) {
    const meetingStage = pipeline === ctx.plan.renewals ? ev.index === 0 : ev.index === pipeline.firstMeetingIndex || ev.index === pipeline.firstMeetingIndex + 1;
    if (ev.kind !== "OPEN" || !meetingStage) continue;
    const at = ev.t - rng.uniform(0.005, 0.02);
    if (at < calendar.windowStart || at < createdT) continue;
    activities.push(activity(ae.id, "MEETING", at, null, id, rng.chance(0.93 * (0.6 + 0.4 * Math.min(1, profile.response)))));
  }

  if (amount !== null) forecast.add(id, draft, events, closeT, amount, expectedT);

  return { id, pipeline, createdT, closeT, events, expectedT, misqualified, skippedT };
}

/** Exit-criteria answers: yes for every stage the deal moved on from, with gaps where the rep was sloppy. */
function emitAnswers(
  ctx: GenerationContext,
  rng: Random,
  ae: RepPlan,
  pipeline: PipelinePlan,
  events: PathEvent[],
  dealId: number,
  closed: boolean,
): boolean {
  const { calendar } = ctx;
  const answers = new Map<number, { answer: boolean; at: number }>();
  const answerIn = (from: number, to: number) => from + (Math.min(to, calendar.today) - from) * rng.uniform(0.1, 0.95);
  events.forEach((e, i) => {
    if (e.kind !== "OPEN") return;
    const stage = pipeline.open[e.index];
    if (!stage) return;
    // Skipped stages and those before an expansion's entry go unanswered: planted (pattern 5). Without the patterns
    // their rules are met when the deal passes them.
    const previous = events[i - 1];
    if (!ctx.plan.options.patterns) {
      for (const passed of pipeline.open.slice(previous?.kind === "OPEN" ? previous.index + 1 : 0, e.index)) {
        for (const criterionId of passed.criterionIds) if (!answers.has(criterionId)) answers.set(criterionId, { answer: true, at: e.t });
      }
    }
    const next = events[i + 1];
    const end = next ? next.t : calendar.today;
    for (const criterionId of stage.criterionIds) {
      if (answers.has(criterionId)) continue;
      if (!next) {
        if (rng.chance(0.35)) answers.set(criterionId, { answer: true, at: answerIn(e.t, end) });
      } else if (next.kind === "LOST") {
        if (rng.chance(0.5)) answers.set(criterionId, { answer: rng.chance(0.6), at: answerIn(e.t, end) });
      } else if (next.kind === "WON" || next.index > e.index || rng.chance(0.5)) {
        answers.set(criterionId, { answer: true, at: answerIn(e.t, end) });
      }
    }
  });

  // Teaching moments for the pipeline review: a sloppy rep rushes a deal past the first stage it left with answers,
  // without meeting its rules. Closed deals too (before the stage they closed from), so the pipeline at any past date
  // shows a sloppy team, not only today's open deals.
  const last = events[events.length - 1] as PathEvent;
  const reached = closed ? (events.findLast((e) => e.kind === "OPEN") ?? last) : last;
  let misqualified = false;
  if (reached.index >= 1 && rng.chance(ae.profile.sloppiness)) {
    const earlier = pipeline.open.slice(0, reached.index).filter((s) => s.criterionIds.some((c) => answers.get(c)?.answer));
    if (earlier.length > 0) {
      const stage = earlier[0] as (typeof earlier)[number];
      const ids = rng.shuffle(stage.criterionIds).slice(0, rng.int(1, 2));
      for (const criterionId of ids) {
        const existing = answers.get(criterionId);
        if (rng.chance(0.5) || !existing) answers.delete(criterionId);
        else existing.answer = false;
      }
      misqualified = true;
    }
  } else if (closed && answers.size > 0 && rng.chance(0.05)) {
    answers.delete(rng.pick([...answers.keys()]));
  }
  for (let i = 0; i < last.index && !misqualified; i++) {
    if ((pipeline.open[i]?.criterionIds ?? []).some((c) => answers.get(c)?.answer !== true)) misqualified = !closed;
  }

  for (const [criterionId, { answer, at }] of [...answers.entries()].sort((a, b) => a[0] - b[0])) {
    ctx.sink.add("deal_criterion_answer", {
      dealId,
      criterionId,
      answer,
      answeredById: rng.chance(0.9) ? ae.userId : ae.managerUserId,
      answeredAt: calendar.toUtc(at),
    });
  }
  return misqualified;
}

const CATEGORIES: readonly ForecastCategory[] = ["PIPELINE", "BEST_CASE", "COMMIT"];
const FORECAST_MONTHS = 3;

/** The AE's forecast as each weekly snapshot saw it: open deals by the month they were expected to close. */
class ForecastAccumulator {
  private readonly amounts: Float64Array;
  private readonly counts: Int32Array;
  private readonly snapshotTimes: number[];
  private readonly calendar: Calendar;

  constructor(private readonly ctx: GenerationContext) {
    this.calendar = ctx.calendar;
    this.snapshotTimes = ctx.plan.snapshotPlans.map((s) => s.t);
    const size = this.snapshotTimes.length * FORECAST_MONTHS * CATEGORIES.length;
    this.amounts = new Float64Array(size);
    this.counts = new Int32Array(size);
  }

  add(dealId: number, draft: Draft, events: PathEvent[], closeT: number, amount: number, expectedT: number) {
    const times = this.snapshotTimes;
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((times[mid] as number) < draft.createdT) lo = mid + 1;
      else hi = mid;
    }
    let e = 0;
    for (let s = lo; s < times.length; s++) {
      const t = times[s] as number;
      if (t >= closeT) break;
      while (e + 1 < events.length && (events[e + 1] as PathEvent).t <= t) e++;
      const seen = expectedT >= t ? expectedT : t + FORECAST_SLIP_DAYS + (dealId % 21);
      const offset = this.calendar.monthIndex(Math.floor(seen)) - this.calendar.monthIndex(Math.floor(t));
      if (offset < 0 || offset >= FORECAST_MONTHS) continue;
      const category = forecastCategory(draft.pipeline, (events[e] as PathEvent).index, draft.optimistic);
      const slot = (s * FORECAST_MONTHS + offset) * CATEGORIES.length + CATEGORIES.indexOf(category);
      this.amounts[slot] = (this.amounts[slot] as number) + amount;
      this.counts[slot] = (this.counts[slot] as number) + 1;
    }
  }

  emit(repId: number) {
    const { calendar, sink, plan } = this.ctx;
    plan.snapshotPlans.forEach((snapshot, s) => {
      const day = calendar.day(Math.floor(snapshot.t));
      for (let offset = 0; offset < FORECAST_MONTHS; offset++) {
        const month = calendar.dateString(calendar.dayOf(day.year, day.month + offset, 1));
        CATEGORIES.forEach((category, c) => {
          const slot = (s * FORECAST_MONTHS + offset) * CATEGORIES.length + c;
          sink.add("forecast_line", {
            snapshotId: snapshot.id,
            repId,
            month,
            category,
            amount: Math.round((this.amounts[slot] as number) * 100) / 100,
            dealCount: this.counts[slot] as number,
          });
        });
      }
    });
  }
}

