// The weekly pipeline meeting of one AE team: a few open deals discussed each week, each decision matching
// what then happened to the deal, with the flags it carried at the time.
import { type GenerationContext } from "./context";
import type { TeamDeal } from "./generate-ae";
import type { PathEvent } from "./deal-path";
import type { CellPlan } from "./plan-organisation";
import { createRandom, deriveSeed } from "./random";
import type { DecisionKind } from "./rows";
import { DECISION_NOTES, MEETING_NOTES } from "./vocabulary";

const MEETING_WEEKDAY = 2;
const MEETING_HOUR = 10;
const DECISION_HORIZON_DAYS = 10;

export function generateMeetings(ctx: GenerationContext, cell: CellPlan, deals: readonly TeamDeal[]): void {
  const { calendar, sink, plan } = ctx;
  const rng = createRandom(deriveSeed(plan.options.seed, "meetings", cell.teamId));
  let day = calendar.windowStart;
  while (calendar.day(day).weekday !== MEETING_WEEKDAY) day++;
  const byCreation = [...deals].sort((a, b) => a.createdT - b.createdT);

  for (; ; day += 7) {
    const t = day + MEETING_HOUR / 24;
    const planned = day >= calendar.today;
    const meetingId = ctx.nextId("pipeline_meeting");
    sink.add("pipeline_meeting", {
      id: meetingId,
      teamId: cell.teamId,
      heldAt: calendar.toUtc(t),
      facilitatorId: cell.managerUserId,
      status: planned ? "PLANNED" : "DONE",
      notes: !planned && rng.chance(0.4) ? rng.pick(MEETING_NOTES) : null,
    });
    // The next meeting is on the calendar but not held yet.
    if (planned) break;

    const open: { deal: TeamDeal; flags: string[] }[] = [];
    for (const deal of byCreation) {
      if (deal.createdT > t) break;
      if (deal.closeT <= t) continue;
      open.push({ deal, flags: flagsAt(deal, t) });
    }
    if (open.length === 0) continue;
    const flagged = open.filter((o) => o.flags.length > 0);
    const count = Math.min(open.length, rng.int(2, 5));
    const chosen = new Set<(typeof open)[number]>();
    for (let guard = 0; chosen.size < count && guard < count * 4; guard++) {
      chosen.add(flagged.length > 0 && rng.chance(0.6) ? rng.pick(flagged) : rng.pick(open));
    }
    let minute = 5;
    for (const { deal, flags } of chosen) {
      const kind = decisionFor(deal, t, rng.next());
      sink.add("meeting_decision", {
        id: ctx.nextId("meeting_decision"),
        meetingId,
        dealId: deal.id,
        decidedById: cell.managerUserId,
        kind,
        note: rng.chance(0.7) ? rng.pick(DECISION_NOTES[kind] ?? [""]) : null,
        flags,
        createdAt: calendar.toUtc(t + minute / 1440),
      });
      minute += rng.int(3, 9);
    }
  }
}

/** The decision that fits what happened next: the deal advanced, went back, was lost, or sat still. */
function decisionFor(deal: TeamDeal, t: number, u: number): DecisionKind {
  const current = stageAt(deal.events, t);
  const next = deal.events.find((e) => e.t > t);
  if (next && next.t - t <= DECISION_HORIZON_DAYS) {
    if (next.kind === "LOST") return "CLOSE_LOST";
    if (next.kind === "WON" || next.index > current.index) return "ADVANCE";
    return "MOVE_BACK";
  }
  return u < 0.35 ? "HOLD" : u < 0.65 ? "UPDATE_NEXT_STEP" : u < 0.9 ? "UPDATE_CLOSE_DATE" : "ESCALATE";
}

function stageAt(events: readonly PathEvent[], t: number): PathEvent {
  let current = events[0] as PathEvent;
  for (const e of events) {
    if (e.t > t) break;
    current = e;
  }
  return current;
}

function flagsAt(deal: TeamDeal, t: number): string[] {
  const flags: string[] = [];
  const current = stageAt(deal.events, t);
  const spec = deal.pipeline.open[current.index]?.spec;
  if (deal.misqualified && current.index >= 1) flags.push("MISQUALIFIED");
  if (deal.expectedT < t) flags.push("PAST_CLOSE_DATE");
  if (spec && t - current.t > 2 * spec.medianDays) flags.push("STUCK");
  if (deal.skippedT <= t) flags.push("SKIPPED_STAGE");
  return flags;
}
