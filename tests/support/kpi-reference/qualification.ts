// KPI.md "Qualification", computed naively over in-memory rows: the flags of each open deal at D.
import { calendarDaysBetween, localDate, startOfLocalDate } from "@/lib/kpi/period";
import { formatCents, median, stageById, type RefDeal, type RefOrg, type RefStage } from "./org";
import { attributedRep, type RefScope } from "./scope";

const FLAGS = ["MISQUALIFIED", "STALE", "PAST_CLOSE_DATE", "NO_NEXT_STEP", "NO_AMOUNT", "STUCK", "SKIPPED_STAGE"] as const;
type Flag = (typeof FLAGS)[number];

const ordered = (deal: RefDeal) => [...deal.history].sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id);

/** Local midnight 12 calendar months before D's date (Feb 29 → Feb 28). */
function twelveMonthsBefore(at: Date, tz: string): Date {
  const [y, m, d] = localDate(at, tz).split("-").map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y - 1, m, 0)).getUTCDate();
  return startOfLocalDate(`${y - 1}-${String(m).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`, tz);
}

/** A criterion is in force just before D: introduced before D, not retired by then, not paused then. */
function inForce(c: NonNullable<RefStage["criteria"]>[number], D: number): boolean {
  if (c.introducedAt !== undefined && c.introducedAt.getTime() >= D) return false;
  if (c.retiredAt !== null && c.retiredAt.getTime() < D) return false;
  return !(c.pauses ?? []).some((p) => p.retiredAt.getTime() < D && p.restoredAt.getTime() >= D);
}

export function refFlaggedDeals(org: RefOrg, scope: RefScope, at: Date, pipelineId?: number) {
  const tz = org.timeZone;
  const stages = stageById(org);
  const D = at.getTime();
  const since = twelveMonthsBefore(at, tz).getTime();
  const stays = new Map<number, number[]>();
  for (const deal of org.deals) {
    if (deal.status !== "WON" || deal.closedAt === null || deal.closedAt.getTime() < since || deal.closedAt.getTime() >= D) continue;
    const h = ordered(deal);
    h.forEach((c, i) => {
      const next = h[i + 1];
      if (next) stays.set(c.stageId, [...(stays.get(c.stageId) ?? []), calendarDaysBetween(c.at, next.at, tz)]);
    });
  }
  const today = localDate(at, tz);
  const result: { dealId: number; repId: number; stageId: number; daysInStage: number; daysSinceActivity: number; flags: Flag[] }[] = [];
  for (const deal of org.deals) {
    if (deal.createdAt.getTime() >= D || (deal.closedAt !== null && deal.closedAt.getTime() < D)) continue;
    if (pipelineId !== undefined && deal.pipelineId !== pipelineId) continue;
    const repId = attributedRep(deal);
    if (!scope.reps.has(repId)) continue;
    const before = ordered(deal).filter((c) => c.at.getTime() < D);
    const current = before[before.length - 1];
    const stageId = current?.stageId ?? deal.stageId;
    const enteredAt = current?.at ?? deal.createdAt;
    const stage = stages.get(stageId)!;
    const pipeline = org.pipelines.find((p) => p.id === deal.pipelineId)!;
    const misqualified = pipeline.stages
      .filter((s) => s.kind === "OPEN" && s.position < stage.position)
      .flatMap((s) => s.criteria ?? [])
      .some((c) => inForce(c, D) && !(deal.answers ?? []).some((a) => a.criterionId === c.id && a.answer && a.at.getTime() < D));
    const lastActivity = (org.activities ?? [])
      .filter((a) => a.dealId === deal.id && a.at.getTime() < D)
      .reduce<Date | null>((m, a) => (m === null || a.at > m ? a.at : m), null);
    const daysSinceActivity = calendarDaysBetween(lastActivity ?? deal.createdAt, at, tz);
    const daysInStage = calendarDaysBetween(enteredAt, at, tz);
    const yardstick = median(stays.get(stageId) ?? []);
    const skipped = before.some((c, i) => {
      const prev = before[i - 1];
      if (!prev) return false;
      const from = stages.get(prev.stageId)!;
      const to = stages.get(c.stageId)!;
      if (from.kind !== "OPEN" || to.kind === "LOST") return false;
      return pipeline.stages.some((s) => s.kind === "OPEN" && s.position > from.position && (to.kind === "WON" || s.position < to.position));
    });
    const flags: Record<Flag, boolean> = {
      MISQUALIFIED: misqualified,
      STALE: daysSinceActivity > (org.staleAfterDays ?? 14),
      PAST_CLOSE_DATE: deal.expectedCloseAt != null && deal.expectedCloseAt < today,
      NO_NEXT_STEP: (deal.nextStep ?? "").trim() === "",
      NO_AMOUNT: deal.amountCents === null || deal.amountCents === 0n,
      STUCK: yardstick !== null && daysInStage > (org.stuckFactor ?? 2) * yardstick,
      SKIPPED_STAGE: skipped,
    };
    result.push({ dealId: deal.id, repId, stageId, daysInStage, daysSinceActivity, flags: FLAGS.filter((f) => flags[f]) });
  }
  return result;
}

export function refQualification(org: RefOrg, scope: RefScope, at: Date, pipelineId?: number) {
  const deals = refFlaggedDeals(org, scope, at, pipelineId);
  const figures = (list: typeof deals) => {
    const misqualified = list.filter((d) => d.flags.includes("MISQUALIFIED")).length;
    return {
      openDeals: list.length,
      qualified: list.length - misqualified,
      compliance: list.length === 0 ? null : (list.length - misqualified) / list.length,
      flags: Object.fromEntries(FLAGS.map((f) => [f, list.filter((d) => d.flags.includes(f)).length])),
    };
  };
  return {
    total: figures(deals),
    reps: [...scope.visible].sort((a, b) => a - b).map((repId) => ({ repId, ...figures(deals.filter((d) => d.repId === repId)) })),
    visibleDeals: deals.filter((d) => scope.visible.has(d.repId)),
  };
}

export { formatCents };
