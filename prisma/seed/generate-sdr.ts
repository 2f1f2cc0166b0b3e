// One SDR's years: leads worked and handed to the AEs of the receiving team, and 40–60 touches a working day.
import { creationSeason, type GenerationContext, nextWorkTime, vacationDays, workTime, yearIndex } from "./context";
import {
  bottleneckStep,
  HANDOVER_BOOST_PER_YEAR,
  HANDOVER_SHARE,
  LEAD_GROWTH_PER_YEAR,
  LEAD_SOURCES,
  LEAD_TO_DEAL,
  LEADS_PER_SDR_DAY,
  LOW_RESPONSE_LEAD_TO_DEAL_FACTOR,
  SOURCE_FACTOR_MEAN,
} from "./patterns";
import type { CellPlan, RepPlan } from "./plan-organisation";
import { ORG_ID } from "./plan-organisation";
import { createEvenChance, createRandom, deriveSeed } from "./random";
import type { AccountRow, ActivityRow, ActivityType, LeadRow, LeadSource, LeadStatus } from "./rows";
import { COMPANY_PARTS, companyName, FIRST_NAMES, LAST_NAMES, REGIONS } from "./vocabulary";

/** A lead an SDR handed to an AE; `dealT` is set when the AE turns it into a deal before today. */
export interface Handover {
  leadId: number;
  accountId: number;
  accountName: string;
  aeId: number;
  handoverT: number;
  dealT: number | null;
  /** Where the hand-over's year stands in the planted bottleneck (patterns.ts). */
  step: 0 | 1 | 2;
}

// Leads start before the deals' warm-up so hand-overs already feed the deals in progress when the window opens.
const LEAD_WARM_UP_DAYS = 160;

interface WorkedLead {
  id: number;
  createdT: number;
  endT: number;
}

export function generateSdr(ctx: GenerationContext, sdr: RepPlan, cell: CellPlan, inbox: Map<number, Handover[]>): void {
  const { calendar, sink } = ctx;
  const rng = createRandom(deriveSeed(sdr.seed, "sdr"));
  const profile = sdr.profile;
  const currentYearIndex = calendar.currentYear - calendar.firstYear;
  const aeWeights = cell.aes.map((ae) => [ae, ae.profile.quota] as const);
  const recentAccounts: { id: number; name: string }[] = [];
  const worked: WorkedLead[] = [];
  const handoverMeetings: { t: number; leadId: number }[] = [];
  const handsOver = createEvenChance(rng);
  const becomesDeal = createEvenChance(rng);

  for (let day = calendar.windowStart - LEAD_WARM_UP_DAYS; day < calendar.today; day++) {
    if (!calendar.isWorkingDay(day)) continue;
    const y = yearIndex(calendar, day);
    const count = rng.poisson(LEADS_PER_SDR_DAY * LEAD_GROWTH_PER_YEAR ** y * creationSeason(calendar, day));
    for (let k = 0; k < count; k++) {
      const createdT = workTime(calendar, rng, day);
      if (createdT >= calendar.today) continue;
      const [source, , sourceFactor] = rng.weighted(LEAD_SOURCES.map((s) => [s, s[1]] as const));

      let account = recentAccounts.length > 10 && rng.chance(0.2) ? rng.pick(recentAccounts) : undefined;
      if (!account) {
        const company = companyName(rng.int(0, COMPANY_PARTS.stems - 1), rng.int(0, COMPANY_PARTS.sectors - 1), rng.int(0, COMPANY_PARTS.suffixes - 1));
        const row: AccountRow = {
          id: ctx.nextId("account"),
          orgId: ORG_ID,
          name: company.name,
          industry: company.industry,
          employees: Math.round(rng.logNormal(400, 1.1)) + 20,
          region: rng.chance(0.7) ? (REGIONS[sdr.cell % REGIONS.length] as string) : rng.pick(REGIONS),
          createdAt: calendar.toUtc(createdT),
        };
        sink.add("account", row);
        account = { id: row.id, name: row.name };
        recentAccounts.push(account);
        if (recentAccounts.length > 50) recentAccounts.shift();
      }

      const endT = nextWorkTime(calendar, rng, createdT + rng.uniform(5, 35), createdT);
      const endYear = yearIndex(calendar, endT);
      const step = ctx.plan.options.patterns ? bottleneckStep(endYear, currentYearIndex) : 0;
      const handed = handsOver((HANDOVER_SHARE * HANDOVER_BOOST_PER_YEAR ** step * sourceFactor) / SOURCE_FACTOR_MEAN);
      const id = ctx.nextId("lead");
      let status: LeadStatus;
      let handedOverAt: number | null = null;
      let aeId: number | null = null;
      if (handed && endT < calendar.today) {
        const ae = rng.weighted(aeWeights);
        const convertRate = LEAD_TO_DEAL[step] * (ae.profile.pattern === "HIGH_ACTIVITY_LOW_RESPONSE" ? LOW_RESPONSE_LEAD_TO_DEAL_FACTOR : 1);
        const converts = becomesDeal(convertRate);
        const dealT = nextWorkTime(calendar, rng, endT + rng.uniform(0.2, 5), endT);
        const madeDeal = converts && dealT < calendar.today;
        status = madeDeal ? "CONVERTED" : "HANDED_OVER";
        handedOverAt = calendar.toUtc(endT);
        aeId = ae.id;
        let list = inbox.get(ae.id);
        if (!list) inbox.set(ae.id, (list = []));
        list.push({ leadId: id, accountId: account.id, accountName: account.name, aeId: ae.id, handoverT: endT, dealT: madeDeal ? dealT : null, step });
        handoverMeetings.push({ t: endT, leadId: id });
      } else if (endT < calendar.today) {
        status = "DISQUALIFIED";
      } else {
        status = createdT > calendar.today - 2 && rng.chance(0.5) ? "NEW" : "WORKING";
      }
      const lead: LeadRow = {
        id,
        orgId: ORG_ID,
        accountId: account.id,
        name: `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)} (${account.name})`,
        source: source as LeadSource,
        status,
        createdAt: calendar.toUtc(createdT),
        sdrId: sdr.id,
        handedOverAt,
        aeId,
      };
      sink.add("lead", lead);
      worked.push({ id, createdT, endT: Math.min(endT, calendar.today) });
    }
  }

  // Touches: each working day the SDR works through the leads open that day.
  const off = vacationDays(calendar, rng);
  const pool: WorkedLead[] = [];
  let next = 0;
  let meeting = 0;
  const dayRows: ActivityRow[] = [];
  const responseRate: Record<ActivityType, number> = {
    EMAIL: profile.emailReply,
    CALL: profile.callConnect,
    SOCIAL: 0.06,
    MEETING: 1,
  };
  for (let day = calendar.windowStart; day < calendar.today; day++) {
    while (next < worked.length && Math.floor((worked[next] as WorkedLead).createdT) <= day) pool.push(worked[next++] as WorkedLead);
    for (let i = pool.length - 1; i >= 0; i--) if ((pool[i] as WorkedLead).endT < day) pool.splice(i, 1);
    dayRows.length = 0;
    if (calendar.isWorkingDay(day) && !off[day]) {
      const count = Math.max(0, Math.round(rng.normal(profile.activitiesPerDay, 4)));
      for (let k = 0; k < count; k++) {
        const lead = pool.length > 0 ? (pool[Math.floor(rng.next() * pool.length)] as WorkedLead) : undefined;
        let t = day + rng.uniform(8.25, 18) / 24;
        if (lead && t < lead.createdT) t = lead.createdT + rng.uniform(0.001, 0.02);
        const type: ActivityType = rng.weighted(SDR_MIX);
        dayRows.push({ id: 0, orgId: ORG_ID, repId: sdr.id, type, at: t, leadId: lead?.id ?? null, dealId: null, responded: rng.chance(responseRate[type]) });
      }
    }
    // The qualification meeting that hands a lead over happens even on a day off (a colleague covers it).
    while (meeting < handoverMeetings.length && Math.floor((handoverMeetings[meeting] as { t: number }).t) <= day) {
      const m = handoverMeetings[meeting++] as { t: number; leadId: number };
      if (m.t >= calendar.windowStart) dayRows.push({ id: 0, orgId: ORG_ID, repId: sdr.id, type: "MEETING", at: m.t, leadId: m.leadId, dealId: null, responded: true });
    }
    dayRows.sort((a, b) => a.at - b.at);
    for (const row of dayRows) {
      row.id = ctx.nextId("activity");
      row.at = calendar.toUtc(row.at);
      sink.add("activity", row);
    }
  }
}

const SDR_MIX = [
  ["EMAIL", 0.5],
  ["CALL", 0.35],
  ["SOCIAL", 0.15],
] as const satisfies readonly (readonly [ActivityType, number])[];
