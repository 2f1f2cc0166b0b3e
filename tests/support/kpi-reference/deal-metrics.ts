// KPI.md "Deals", read literally over in-memory rows. Used only to check the SQL.
import { calendarDaysBetween, type Period } from "@/lib/kpi/period";
import type { DealFigures } from "@/lib/kpi/query-deal-metrics";
import { divideRounded, formatCents, inPeriod, mean2, median, type RefDeal, type RefOrg } from "./org";
import { attributedRep, type RefScope } from "./scope";

const sumCents = (deals: RefDeal[]) => deals.reduce((sum, deal) => sum + (deal.amountCents ?? 0n), 0n);
const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

function quotaCents(org: RefOrg, repIds: Set<number>, period: Period): bigint {
  // A quota period lies inside P when its first and last days (inclusive) are both in P.
  return org.quotas
    .filter((q) => repIds.has(q.repId) && q.periodStart >= period.startDate && q.periodEnd < period.endDate)
    .reduce((sum, q) => sum + q.amountCents, 0n);
}

export function refDealFigures(org: RefOrg, repIds: Set<number>, period: Period, pipelineId?: number): DealFigures {
  const deals = org.deals.filter((d) => repIds.has(attributedRep(d)) && (pipelineId === undefined || d.pipelineId === pipelineId));
  const closed = deals.filter((d) => inPeriod(d.closedAt, period));
  const won = closed.filter((d) => d.status === "WON");
  const lost = closed.filter((d) => d.status === "LOST");
  const revenue = sumCents(won);
  const cycles = won.map((d) => calendarDaysBetween(d.createdAt, d.closedAt!, org.timeZone));
  const created = deals.filter((d) => inPeriod(d.createdAt, period));
  const quota = quotaCents(org, repIds, period);
  const repsWithQuota = [...repIds].filter((id) => quotaCents(org, new Set([id]), period) > 0n);
  const repsAtQuota = repsWithQuota.filter((id) => sumCents(won.filter((d) => attributedRep(d) === id)) >= quotaCents(org, new Set([id]), period));
  const expansion = won.filter((d) => d.type === "EXPANSION");
  const renewalsWon = won.filter((d) => d.type === "RENEWAL");
  const renewalsLost = lost.filter((d) => d.type === "RENEWAL");
  const money = (cents: bigint) => formatCents(cents);
  return {
    won: won.length,
    lost: lost.length,
    winRate: ratio(won.length, won.length + lost.length),
    revenue: money(revenue),
    avgDealSize: won.length === 0 ? null : money(divideRounded(revenue, BigInt(won.length))),
    cycleMeanDays: mean2(cycles),
    cycleMedianDays: median(cycles),
    pipelineCreated: { count: created.length, amount: money(sumCents(created)) },
    quota: money(quota),
    quotaAttainment: quota === 0n ? null : Number(formatCents(revenue)) / Number(formatCents(quota)),
    repsAtQuota: ratio(repsAtQuota.length, repsWithQuota.length),
    expansion: { count: expansion.length, revenue: money(sumCents(expansion)) },
    churn: { count: renewalsLost.length, amount: money(sumCents(renewalsLost)), rate: ratio(renewalsLost.length, renewalsWon.length + renewalsLost.length) },
  };
}

export function refDealMetrics(org: RefOrg, scope: RefScope, period: Period, previous: Period, pipelineId?: number) {
  return {
    total: { current: refDealFigures(org, scope.reps, period, pipelineId), previous: refDealFigures(org, scope.reps, previous, pipelineId) },
    reps: [...scope.visible].map((repId) => ({
      repId,
      current: refDealFigures(org, new Set([repId]), period, pipelineId),
      previous: refDealFigures(org, new Set([repId]), previous, pipelineId),
    })),
  };
}

/** KPI.md open pipeline at D: deals created before D and not closed before D, by the stage they were in. */
export function refOpenPipeline(org: RefOrg, scope: RefScope, at: Date, pipelineId?: number) {
  const byStage = new Map<number, { pipelineId: number; stageId: number; count: number; cents: bigint }>();
  for (const deal of org.deals) {
    if (!scope.reps.has(attributedRep(deal)) || (pipelineId !== undefined && deal.pipelineId !== pipelineId)) continue;
    if (!(deal.createdAt < at) || (deal.closedAt !== null && deal.closedAt < at)) continue;
    const before = deal.history.filter((change) => change.at < at);
    const stageId = before.length > 0 ? lastByTime(before).stageId : deal.stageId;
    const entry = byStage.get(stageId) ?? { pipelineId: deal.pipelineId, stageId, count: 0, cents: 0n };
    entry.count += 1;
    entry.cents += deal.amountCents ?? 0n;
    byStage.set(stageId, entry);
  }
  return [...byStage.values()].map(({ cents, ...rest }) => ({ ...rest, amount: formatCents(cents) }));
}

/** A deal's history in time order; changes at the same instant in the order they were recorded. */
export function historyInOrder<T extends { id: number; at: Date }>(history: T[]): T[] {
  return [...history].sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id);
}

function lastByTime<T extends { id: number; at: Date }>(history: T[]): T {
  const ordered = historyInOrder(history);
  return ordered[ordered.length - 1]!;
}

/** KPI.md pipeline coverage: open at the start of N with expected close in N, Σ amount ÷ Σ quota inside N. */
export function refCoverage(org: RefOrg, scope: RefScope, next: Period, pipelineId?: number) {
  const open = org.deals.filter(
    (d) =>
      scope.reps.has(attributedRep(d)) &&
      (pipelineId === undefined || d.pipelineId === pipelineId) &&
      d.createdAt < next.start &&
      (d.closedAt === null || d.closedAt >= next.start) &&
      d.expectedCloseAt != null &&
      d.expectedCloseAt >= next.startDate &&
      d.expectedCloseAt < next.endDate,
  );
  const amount = sumCents(open);
  const quota = quotaCents(org, scope.reps, next);
  return {
    next: { startDate: next.startDate, endDate: next.endDate },
    openDeals: open.length,
    openAmount: formatCents(amount),
    quota: formatCents(quota),
    coverage: quota === 0n ? null : Number(formatCents(amount)) / Number(formatCents(quota)),
  };
}

/** Won, lost, win rate and won revenue per calendar month of P. */
export function refMonthlyTrends(org: RefOrg, scope: RefScope, months: { month: string; start: Date; end: Date }[], pipelineId?: number) {
  return months.map((bucket) => {
    const closed = org.deals.filter(
      (d) => scope.reps.has(attributedRep(d)) && (pipelineId === undefined || d.pipelineId === pipelineId) && inPeriod(d.closedAt, bucket),
    );
    const won = closed.filter((d) => d.status === "WON");
    const lost = closed.filter((d) => d.status === "LOST");
    return { month: bucket.month, won: won.length, lost: lost.length, winRate: ratio(won.length, won.length + lost.length), revenue: formatCents(sumCents(won)) };
  });
}
