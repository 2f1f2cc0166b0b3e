// KPI.md "Activities and coaching", read literally over in-memory rows. Used only to check the SQL.
import { addDays, daysBetweenDates, monthBuckets, type Period } from "@/lib/kpi/period";
import type { ActivityFigures } from "@/lib/kpi/query-activity-metrics";
import type { CoachingFigures } from "@/lib/kpi/query-coaching-metrics";
import { inPeriod, type ActivityType, type RefActivity, type RefOrg } from "./org";
import type { RefScope } from "./scope";

const TYPES: ActivityType[] = ["CALL", "EMAIL", "SOCIAL", "MEETING"];

function countOf(activities: RefActivity[], workdays: number) {
  const responded = activities.filter((a) => a.responded).length;
  return {
    count: activities.length,
    responded,
    responseRate: activities.length === 0 ? null : responded / activities.length,
    perWorkingDay: workdays === 0 ? null : activities.length / workdays,
  };
}

function refWorkingDays(period: Period): number {
  let days = 0;
  for (let i = 0; i < daysBetweenDates(period.startDate, period.endDate); i++) {
    const weekday = new Date(`${addDays(period.startDate, i)}T12:00:00Z`).getUTCDay();
    if (weekday >= 1 && weekday <= 5) days++;
  }
  return days;
}

export function refActivityFigures(org: RefOrg, repIds: Set<number>, period: Period): ActivityFigures {
  const activities = (org.activities ?? []).filter((a) => repIds.has(a.repId) && inPeriod(a.at, period));
  const workdays = refWorkingDays(period);
  return {
    ...countOf(activities, workdays),
    byType: Object.fromEntries(TYPES.map((t) => [t, countOf(activities.filter((a) => a.type === t), workdays)])) as ActivityFigures["byType"],
  };
}

export function refActivityMetrics(org: RefOrg, scope: RefScope, period: Period, previous: Period) {
  return {
    total: { current: refActivityFigures(org, scope.reps, period), previous: refActivityFigures(org, scope.reps, previous) },
    reps: [...scope.visible].map((repId) => ({
      repId,
      current: refActivityFigures(org, new Set([repId]), period),
      previous: refActivityFigures(org, new Set([repId]), previous),
    })),
  };
}

/** Coaching minutes per calendar month of P; months at target count rep-months; mean hours per rep per month. */
export function refCoachingFigures(org: RefOrg, repIds: number[], period: Period, targetMinutes: number): CoachingFigures {
  const months = monthBuckets(period);
  const minutesOf = (repId: number, month: { start: Date; end: Date }) =>
    (org.coaching ?? []).filter((c) => c.repId === repId && inPeriod(c.at, month)).reduce((sum, c) => sum + c.minutes, 0);
  const perMonth = months.map((m) => ({ month: m.month, minutes: repIds.reduce((sum, repId) => sum + minutesOf(repId, m), 0) }));
  const monthsAtTarget = repIds.reduce((sum, repId) => sum + months.filter((m) => minutesOf(repId, m) >= targetMinutes).length, 0);
  const due = (org.commitments ?? []).filter((c) => repIds.includes(c.repId) && c.dueAt >= period.startDate && c.dueAt < period.endDate);
  const kept = due.filter((c) => c.status === "KEPT").length;
  const missed = due.filter((c) => c.status === "MISSED").length;
  const minutes = perMonth.reduce((sum, m) => sum + m.minutes, 0);
  return {
    months: perMonth,
    monthsAtTarget,
    meanHoursPerMonth: minutes / 60 / months.length / Math.max(repIds.length, 1),
    kept,
    missed,
    commitmentsKept: kept + missed === 0 ? null : kept / (kept + missed),
  };
}
