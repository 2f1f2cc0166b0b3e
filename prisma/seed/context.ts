// What every generation step shares: the plan, where rows go, the id counters, and calendar helpers.
import type { Calendar } from "./calendar";
import type { OrganisationPlan } from "./plan-organisation";
import type { Random } from "./random";
import type { RowSink } from "./rows";

type Counted =
  | "account"
  | "lead"
  | "deal"
  | "deal_stage_change"
  | "activity"
  | "quota"
  | "coaching_session"
  | "commitment"
  | "pipeline_meeting"
  | "meeting_decision";

export interface GenerationContext {
  plan: OrganisationPlan;
  calendar: Calendar;
  sink: RowSink;
  /** Next explicit id per table, so child rows can reference parents without asking the database. */
  nextId: (table: Counted) => number;
}

export function createContext(plan: OrganisationPlan, sink: RowSink): GenerationContext {
  const counters = new Map<Counted, number>();
  return {
    plan,
    calendar: plan.calendar,
    sink,
    nextId: (table) => {
      const id = (counters.get(table) ?? 0) + 1;
      counters.set(table, id);
      return id;
    },
  };
}

const WORK_START_HOUR = 8.25;
const WORK_END_HOUR = 18;

/** A random working-hours time on `day`, or on the next working day if `day` is a weekend. */
export function workTime(calendar: Calendar, rng: Random, day: number): number {
  return calendar.nextWorkingDay(day) + rng.uniform(WORK_START_HOUR, WORK_END_HOUR) / 24;
}

/** The first working-hours time at or after t, keeping order: the result is always later than `after`. */
export function nextWorkTime(calendar: Calendar, rng: Random, t: number, after: number): number {
  const day = Math.floor(t);
  const hour = (t - day) * 24;
  let result: number;
  if (calendar.isWorkingDay(day) && hour >= WORK_START_HOUR && hour < WORK_END_HOUR) result = t;
  else if (calendar.isWorkingDay(day) && hour < WORK_START_HOUR) result = day + rng.uniform(WORK_START_HOUR, WORK_END_HOUR) / 24;
  else result = workTime(calendar, rng, day + 1);
  return result > after ? result : after + rng.uniform(0.005, 0.03);
}

/** Days off for one rep: two summer weeks (hence the slow August), the days around Christmas, a few single days. */
export function vacationDays(calendar: Calendar, rng: Random): Uint8Array {
  const off = new Uint8Array(calendar.lastDay + 1);
  for (let year = calendar.firstYear - 1; year <= calendar.currentYear; year++) {
    let summer = calendar.dayOf(year, 6, 15) + rng.int(0, 35);
    for (let taken = 0; taken < 10; summer++) {
      if (calendar.isWorkingDay(summer)) {
        off[summer] = 1;
        taken++;
      }
    }
    if (rng.chance(0.85)) for (let d = calendar.dayOf(year, 11, 24); d <= calendar.dayOf(year, 11, 31); d++) off[d] = 1;
    for (let k = 0; k < 4; k++) off[calendar.dayOf(year, 0, 1) + rng.int(0, 364)] = 1;
  }
  return off;
}

/** New leads and deals by month: a slow August, a quieter end of December. */
export const CREATION_SEASON = [0.95, 1.0, 1.05, 1.0, 1.0, 1.0, 0.92, 0.65, 1.05, 1.1, 1.1, 0.85] as const;

export function creationSeason(calendar: Calendar, day: number): number {
  return CREATION_SEASON[calendar.day(day).month] ?? 1;
}

/** Index of a day's year from the first year of the window (the warm-up year is -1). */
export function yearIndex(calendar: Calendar, t: number): number {
  return calendar.day(Math.floor(t)).year - calendar.firstYear;
}
