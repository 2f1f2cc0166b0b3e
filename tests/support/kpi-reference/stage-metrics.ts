// KPI.md "Stages", read literally over each deal's history. Used only to check the SQL.
import { calendarDaysBetween, type Period } from "@/lib/kpi/period";
import type { PipelineStageFigures } from "@/lib/kpi/query-stage-metrics";
import { formatCents, inPeriod, mean2, median, stageById, type RefDeal, type RefOrg, type RefStage } from "./org";
import { historyInOrder } from "./deal-metrics";
import { attributedRep, type RefScope } from "./scope";

const share = (a: number, b: number) => (b === 0 ? null : a / b);

/** Order of stages in the funnel: open stages by position, then WON; LOST is never "later". */
function rank(stage: RefStage): number {
  if (stage.kind === "WON") return Number.MAX_SAFE_INTEGER;
  if (stage.kind === "LOST") return -1;
  return stage.position;
}

export function refPipelineStages(org: RefOrg, scope: RefScope, pipelineId: number, period: Period): PipelineStageFigures {
  const stages = stageById(org);
  const pipeline = org.pipelines.find((p) => p.id === pipelineId)!;
  const deals = org.deals.filter((d) => d.pipelineId === pipelineId && scope.reps.has(attributedRep(d)));
  const histories = new Map<number, { stage: RefStage; at: Date }[]>(
    deals.map((d) => [d.id, historyInOrder(d.history).map((c) => ({ stage: stages.get(c.stageId)!, at: c.at }))]),
  );
  const createdInP = deals.filter((d) => inPeriod(d.createdAt, period));
  const reachedStage = (deal: RefDeal, stage: RefStage) => histories.get(deal.id)!.some((c) => rank(c.stage) >= rank(stage));

  const openStages = pipeline.stages.filter((s) => s.kind === "OPEN").sort((a, b) => a.position - b.position);
  const figures = openStages.map((stage) => {
    let entered = 0;
    let advanced = 0;
    let lost = 0;
    let still = 0;
    let skipped = 0;
    const stays: number[] = [];
    for (const deal of deals) {
      const history = histories.get(deal.id)!;
      const first = history.findIndex((c) => c.stage.id === stage.id && inPeriod(c.at, period));
      if (first >= 0) {
        entered += 1;
        if (history.slice(first + 1).some((c) => rank(c.stage) > stage.position)) advanced += 1;
        else if (history[history.length - 1]!.stage.kind === "LOST") lost += 1;
        else still += 1;
      }
      const jumpedOver = history.some(
        (c, i) => i > 0 && inPeriod(c.at, period) && history[i - 1]!.stage.kind === "OPEN" &&
          history[i - 1]!.stage.position < stage.position && rank(c.stage) > stage.position,
      );
      if (jumpedOver) skipped += 1;
      history.forEach((c, i) => {
        const next = history[i + 1];
        if (c.stage.id === stage.id && next && inPeriod(next.at, period)) stays.push(calendarDaysBetween(c.at, next.at, org.timeZone));
      });
    }
    const reached = createdInP.filter((d) => reachedStage(d, stage)).length;
    return {
      stageId: stage.id,
      name: stage.name,
      entered,
      advanced,
      lost,
      still,
      conversion: share(advanced, entered),
      skipped,
      reached,
      reachedShare: share(reached, createdInP.length),
      timeInStage: { stays: stays.length, meanDays: mean2(stays), medianDays: median(stays) },
    };
  });
  const wonStage = pipeline.stages.find((s) => s.kind === "WON")!;
  const wonReached = createdInP.filter((d) => reachedStage(d, wonStage)).length;
  const stillOpen = createdInP.filter((d) => d.status === "OPEN").length;
  return { created: createdInP.length, stillOpen, stages: figures, won: { reached: wonReached, reachedShare: share(wonReached, createdInP.length) } };
}

/** Lost deals in P by reason and by the stage they were in before the change into LOST. */
export function refLostReasons(org: RefOrg, scope: RefScope, period: Period, pipelineId?: number) {
  const stages = stageById(org);
  const groups = new Map<string, { pipelineId: number; fromStageId: number | null; reason: string; count: number; cents: bigint }>();
  for (const deal of org.deals) {
    if (deal.status !== "LOST" || !inPeriod(deal.closedAt, period) || !scope.reps.has(attributedRep(deal))) continue;
    if (pipelineId !== undefined && deal.pipelineId !== pipelineId) continue;
    const history = historyInOrder(deal.history);
    const last = history[history.length - 1];
    const before = history[history.length - 2];
    const fromStageId = last && stages.get(last.stageId)!.kind === "LOST" && before ? before.stageId : null;
    const reason = deal.lostReason === null || deal.lostReason === "" ? "unknown" : deal.lostReason;
    const key = `${deal.pipelineId}/${fromStageId}/${reason}`;
    const group = groups.get(key) ?? { pipelineId: deal.pipelineId, fromStageId, reason, count: 0, cents: 0n };
    group.count += 1;
    group.cents += deal.amountCents ?? 0n;
    groups.set(key, group);
  }
  return [...groups.values()].map(({ cents, ...rest }) => ({ ...rest, amount: formatCents(cents) }));
}
