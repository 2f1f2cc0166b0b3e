// KPI.md "converting touches" and "follow-up after conversion", read literally over in-memory rows. Used only to check the SQL.
import { calendarDaysBetween, wallClock, type Period } from "@/lib/kpi/period";
import type { ConversionFigures, TouchFigures } from "@/lib/kpi/query-conversion-activities";
import { inPeriod, median, type ActivityType, type RefActivity, type RefDeal, type RefLead, type RefOrg } from "./org";
import { attributedRep, type RefFilter, type RefScope, type RefViewer } from "./scope";
import { leadRep } from "./lead-metrics";

const TYPES: ActivityType[] = ["CALL", "EMAIL", "SOCIAL", "MEETING"];
const TOUCH_WINDOW_DAYS = 30;
const FOLLOW_UP_DAYS = 7;
const DAY_MS = 86_400_000;

/**
 * The instant a local wall-clock time names in the zone, as PostgreSQL's `timestamp AT TIME ZONE` reads it: the offset
 * under which the wall time exists; for a time that occurs twice (clocks go back) the later instant, for a time skipped
 * when clocks go forward the offset in force before the change — the later instant too.
 */
export function instantOfWallTime(wallMs: number, timeZone: string): Date {
  const offsetAt = (instantMs: number) => {
    const wall = wallClock(instantMs, timeZone);
    return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - Math.floor(instantMs / 1000) * 1000;
  };
  const offsets = [...new Set([offsetAt(wallMs - DAY_MS), offsetAt(wallMs + DAY_MS)])];
  const existing = offsets.map((offset) => wallMs - offset).filter((instant) => instant + offsetAt(instant) === wallMs);
  return new Date(Math.max(...(existing.length > 0 ? existing : offsets.map((offset) => wallMs - offset))));
}

/** The local wall-clock time 30 days before the instant, as an instant: where a conversion's touch window opens. */
export function touchWindowStart(createdAt: Date, timeZone: string): Date {
  const wall = wallClock(createdAt.getTime(), timeZone);
  const millis = createdAt.getTime() % 1000;
  const wallMs = Date.UTC(wall.year, wall.month - 1, wall.day - TOUCH_WINDOW_DAYS, wall.hour, wall.minute, wall.second, millis);
  return instantOfWallTime(wallMs, timeZone);
}

/** A lead's conversion is its first deal (by creation, then id). */
function firstDeal(org: RefOrg, lead: RefLead): RefDeal | undefined {
  return org.deals
    .filter((d) => d.leadId === lead.id)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id)[0];
}

function touchFigures(touchesPerConversion: RefActivity[][]): TouchFigures {
  const conversions = touchesPerConversion.length;
  const touched = touchesPerConversion.filter((list) => list.length > 0).length;
  const touches = touchesPerConversion.reduce((sum, list) => sum + list.length, 0);
  return {
    touched,
    shareTouched: conversions === 0 ? null : touched / conversions,
    touches,
    perConversion: conversions === 0 ? null : touches / conversions,
  };
}

/** Figures for the conversions of `leads` and the follow-up of `deals`, in one period. */
export function refConversionFigures(org: RefOrg, leads: RefLead[], deals: RefDeal[], period: Period): ConversionFigures {
  const tz = org.timeZone;
  const activities = org.activities ?? [];
  const conversions = leads
    .map((lead) => ({ lead, deal: firstDeal(org, lead) }))
    .filter((c): c is { lead: RefLead; deal: RefDeal } => c.deal !== undefined && inPeriod(c.deal.createdAt, period));
  const touches = conversions.map(({ lead, deal }) => {
    const opens = touchWindowStart(deal.createdAt, tz).getTime();
    return activities.filter((a) => a.leadId === lead.id && a.at.getTime() >= opens && a.at.getTime() < deal.createdAt.getTime());
  });

  const fromLeads = deals.filter((d) => d.leadId != null && inPeriod(d.createdAt, period));
  const daysToFirst = fromLeads.flatMap((deal) => {
    const after = activities.filter((a) => a.dealId === deal.id && a.at.getTime() >= deal.createdAt.getTime());
    if (after.length === 0) return [];
    const first = new Date(Math.min(...after.map((a) => a.at.getTime())));
    return [calendarDaysBetween(deal.createdAt, first, tz)];
  });
  const followedUp = daysToFirst.filter((days) => days <= FOLLOW_UP_DAYS).length;

  return {
    conversions: conversions.length,
    touches: touchFigures(touches),
    byType: Object.fromEntries(TYPES.map((type) => [type, touchFigures(touches.map((list) => list.filter((a) => a.type === type)))])) as ConversionFigures["byType"],
    dealsFromLeads: fromLeads.length,
    followedUp,
    followUpRate: fromLeads.length === 0 ? null : followedUp / fromLeads.length,
    medianDaysToFirstActivity: median(daysToFirst),
  };
}

/**
 * Conversions count for the lead's rep (its SDR, the AE without one), as the lead metrics do: a lead with neither
 * counts only for the whole organisation. Follow-up counts for the rep the deal is attributed to.
 */
export function refConversionActivities(org: RefOrg, scope: RefScope, viewer: RefViewer, filter: RefFilter, period: Period, previous: Period) {
  const wholeOrg = viewer.role === "ADMIN" && filter.teamIds === undefined && filter.repId === undefined;
  const leads = org.leads.filter((l) => {
    const rep = leadRep(l);
    return rep === null ? wholeOrg : scope.reps.has(rep);
  });
  const deals = org.deals.filter((d) => scope.reps.has(attributedRep(d)));
  const figures = (leadList: RefLead[], dealList: RefDeal[]) => ({
    current: refConversionFigures(org, leadList, dealList, period),
    previous: refConversionFigures(org, leadList, dealList, previous),
  });
  return {
    total: figures(leads, deals),
    reps: [...scope.visible].map((repId) => ({
      repId,
      ...figures(
        leads.filter((l) => leadRep(l) === repId),
        deals.filter((d) => attributedRep(d) === repId),
      ),
    })),
  };
}

/**
 * Which boundaries the organisation's data sits on, for conversions and deals from leads created in the periods: a
 * touch exactly where the window opens, 1 ms before it, exactly at the deal's creation; a first follow-up on the 7th and 8th local day;
 * a lead without any rep that converted. The property test counts them so it cannot pass without meeting them.
 */
export function conversionEdges(org: RefOrg, periods: Period[]) {
  const tz = org.timeZone;
  const activities = org.activities ?? [];
  const inPeriods = (at: Date) => periods.some((p) => inPeriod(at, p));
  const edges = { touchAtWindowOpen: false, touchBeforeWindow: false, touchAtCreation: false, followUpDay7: false, followUpDay8: false, ownerlessConversion: false };
  for (const lead of org.leads) {
    const deal = firstDeal(org, lead);
    if (!deal || !inPeriods(deal.createdAt)) continue;
    if (leadRep(lead) === null) edges.ownerlessConversion = true;
    const opens = touchWindowStart(deal.createdAt, tz).getTime();
    for (const a of activities.filter((x) => x.leadId === lead.id)) {
      const at = a.at.getTime();
      if (at === opens) edges.touchAtWindowOpen = true;
      if (at === opens - 1) edges.touchBeforeWindow = true;
      if (at === deal.createdAt.getTime()) edges.touchAtCreation = true;
    }
  }
  for (const deal of org.deals.filter((d) => d.leadId != null && inPeriods(d.createdAt))) {
    const after = activities.filter((a) => a.dealId === deal.id && a.at.getTime() >= deal.createdAt.getTime());
    if (after.length === 0) continue;
    const days = calendarDaysBetween(deal.createdAt, new Date(Math.min(...after.map((a) => a.at.getTime()))), tz);
    if (days === FOLLOW_UP_DAYS) edges.followUpDay7 = true;
    if (days === FOLLOW_UP_DAYS + 1) edges.followUpDay8 = true;
  }
  return edges;
}
