// One rep's coaching: sessions with the manager every month (3–5 h for coached reps, 1–2.5 h for the rest)
// and the commitments made in them, kept more often by the reps who are coached more.
import { type GenerationContext, workTime } from "./context";
import { COACHED_HOURS, COMMITMENT_KEPT, UNCOACHED_HOURS } from "./patterns";
import type { RepPlan } from "./plan-organisation";
import { createRandom, deriveSeed } from "./random";
import { COACHING_NOTES, COACHING_TOPICS_AE, COACHING_TOPICS_SDR, COMMITMENT_MISSED_NOTES, COMMITMENTS } from "./vocabulary";

const SESSION_MINUTES = [30, 45, 60, 60, 90] as const;
const AUGUST_COACHING = 0.7;
const COMMITMENT_CHANCE = 0.55;

export function generateCoaching(ctx: GenerationContext, rep: RepPlan): void {
  const { calendar, sink } = ctx;
  const rng = createRandom(deriveSeed(rep.seed, "coaching"));
  const [low, high] = rep.profile.coached ? COACHED_HOURS : UNCOACHED_HOURS;
  const topics = rep.kind === "AE" ? COACHING_TOPICS_AE : COACHING_TOPICS_SDR;
  const keptRate = rep.profile.coached ? COMMITMENT_KEPT.coached : COMMITMENT_KEPT.uncoached;

  for (let year = calendar.firstYear; year <= calendar.currentYear; year++) {
    for (let month = 0; month < 12; month++) {
      const first = calendar.dayOf(year, month, 1);
      if (first >= calendar.today) return;
      const last = Math.min(calendar.dayOf(year, month + 1, 1), calendar.today) - 1;
      const share = (last - first + 1) / (calendar.dayOf(year, month + 1, 1) - first);
      let target = rng.uniform(low, high) * 60 * share * (month === 7 ? AUGUST_COACHING : 1);
      const sessions: { t: number; minutes: number }[] = [];
      while (target >= 15) {
        let minutes: number = rng.pick(SESSION_MINUTES);
        if (minutes > target + 10) minutes = Math.max(15, Math.round(target / 15) * 15);
        target -= minutes;
        const t = workTime(calendar, rng, rng.int(first, last));
        if (t >= calendar.today) continue;
        sessions.push({ t, minutes });
      }
      sessions.sort((a, b) => a.t - b.t);
      for (const session of sessions) {
        const id = ctx.nextId("coaching_session");
        sink.add("coaching_session", {
          id,
          repId: rep.id,
          managerId: rep.managerUserId,
          at: calendar.toUtc(session.t),
          minutes: session.minutes,
          topic: rng.pick(topics),
          notes: rng.chance(0.7) ? rng.pick(COACHING_NOTES) : null,
        });
        if (!rng.chance(COMMITMENT_CHANCE)) continue;
        const commitment = rng.pick(COMMITMENTS);
        const dueDay = calendar.nextWorkingDay(Math.floor(session.t) + rng.int(10, 30));
        const due = dueDay < calendar.today;
        // A few commitments past their date were never updated: still OPEN.
        const status = !due || rng.chance(0.04) ? "OPEN" : rng.chance(keptRate) ? "KEPT" : "MISSED";
        sink.add("commitment", {
          id: ctx.nextId("commitment"),
          repId: rep.id,
          sessionId: id,
          text: commitment.text,
          metric: commitment.metric,
          target: commitment.target,
          comparator: commitment.metric === null ? null : "AT_LEAST",
          dueAt: calendar.dateString(dueDay),
          status,
          statusNote: status === "MISSED" && rng.chance(0.5) ? rng.pick(COMMITMENT_MISSED_NOTES) : null,
          // The rep acknowledges the day after the session; the last day's commitments are not acknowledged yet.
          acknowledgedAt: session.t + 1 < calendar.today ? calendar.toUtc(session.t + 1) : null,
          updatedAt: calendar.toUtc(status === "OPEN" ? session.t : Math.min(dueDay + 0.6, calendar.today - 0.5)),
        });
      }
    }
  }
}
