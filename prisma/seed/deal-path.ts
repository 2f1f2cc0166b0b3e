// How one deal moves through its pipeline: time in each stage, advance or lose, an occasional skipped stage
// or step back, and closes pulled into December and pushed out of August.
import type { Calendar } from "./calendar";
import { nextWorkTime, workTime } from "./context";
import type { PipelinePlan } from "./plan-organisation";
import type { Random } from "./random";

export interface PathEvent {
  /** Open stage index (0-based), or -1 for WON / LOST. */
  index: number;
  kind: "OPEN" | "WON" | "LOST";
  /** Local day number. */
  t: number;
}

export interface PathOptions {
  /** Multiplies the chance to advance from the first meeting on (its k-th root per stage). */
  skill: number;
  /** Multiplies time in stage. */
  pace: number;
  /** Chance to advance out of the entry stage when it is not the usual one (hand-over quality, self-sourced). */
  firstAdvance?: number;
  /** Decides the entry-stage advance instead of a plain coin toss (see createEvenChance). */
  decideFirst?: (p: number) => boolean;
}

const SKIP_CHANCE = 0.05;
const BACK_CHANCE = 0.04;
const AUGUST_STRETCH = 1.5;
const DECEMBER_PULL = 0.45;
const AUGUST_PUSH = 0.45;
const MAX_ADVANCE = 0.97;

/** Chance that a deal at its first meeting is eventually won, ignoring skips and steps back. */
export function winFromFirstMeeting(pipeline: PipelinePlan, skill: number): number {
  const steps = pipeline.open.length - pipeline.firstMeetingIndex;
  let p = 1;
  for (let i = pipeline.firstMeetingIndex; i < pipeline.open.length; i++) {
    const spec = pipeline.open[i]?.spec;
    if (spec) p *= Math.min(MAX_ADVANCE, spec.advance * skill ** (1 / steps));
  }
  return p;
}

export function simulateDealPath(
  calendar: Calendar,
  rng: Random,
  pipeline: PipelinePlan,
  entryIndex: number,
  startT: number,
  options: PathOptions,
): PathEvent[] {
  const last = pipeline.open.length - 1;
  const steps = pipeline.open.length - pipeline.firstMeetingIndex;
  const events: PathEvent[] = [{ index: entryIndex, kind: "OPEN", t: startT }];
  let index = entryIndex;
  let t = startT;
  let wentBack = false;
  for (;;) {
    const spec = pipeline.open[index]?.spec;
    if (!spec) throw new Error(`no open stage ${index} in ${pipeline.spec.name}`);
    let days = Math.max(0.3, rng.logNormal(spec.medianDays * options.pace, spec.spread));
    if (calendar.day(Math.floor(t)).month === 7) days *= AUGUST_STRETCH;
    const nextT = nextWorkTime(calendar, rng, t + days, t);
    let advance = spec.advance;
    let decide = rng.chance;
    if (index === entryIndex && options.firstAdvance !== undefined) {
      advance = options.firstAdvance;
      decide = options.decideFirst ?? decide;
    } else if (index >= pipeline.firstMeetingIndex) advance = Math.min(MAX_ADVANCE, advance * options.skill ** (1 / steps));
    if (!decide(advance)) {
      events.push({ index: -1, kind: "LOST", t: nextT });
      break;
    }
    if (!wentBack && index >= 2 && rng.chance(BACK_CHANCE)) {
      wentBack = true;
      index -= 1;
      events.push({ index, kind: "OPEN", t: nextT });
      t = nextT;
      continue;
    }
    if (index === last) {
      events.push({ index: -1, kind: "WON", t: shapeClose(calendar, rng, nextT, t) });
      break;
    }
    index += index >= 1 && index + 2 <= last && rng.chance(SKIP_CHANCE) ? 2 : 1;
    events.push({ index, kind: "OPEN", t: nextT });
    t = nextT;
  }
  return events;
}

/** Year-end budgets pull early-January closes into December; holidays push August closes into September. */
function shapeClose(calendar: Calendar, rng: Random, t: number, previous: number): number {
  const day = calendar.day(Math.floor(t));
  if (day.month === 0 && day.date <= 20 && rng.chance(DECEMBER_PULL)) {
    const pulled = workTime(calendar, rng, calendar.dayOf(day.year - 1, 11, rng.int(8, 22)));
    if (pulled > previous) return pulled;
  }
  if (day.month === 7 && rng.chance(AUGUST_PUSH)) return workTime(calendar, rng, calendar.dayOf(day.year, 8, rng.int(1, 14)));
  return t;
}
