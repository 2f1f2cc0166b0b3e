import type { Viewer } from "@/lib/auth/viewer";
import type { ReviewSection } from "@/lib/db/generated/enums";
import type { KpiSql } from "@/lib/kpi/kpi-sql";
import type { Period } from "@/lib/kpi/period";
import { queryActivityMetrics, type ActivityFigures } from "@/lib/kpi/query-activity-metrics";
import { queryCoachingMetrics } from "@/lib/kpi/query-coaching-metrics";
import { queryDealMetrics, type DealFigures } from "@/lib/kpi/query-deal-metrics";
import { queryLeadMetrics } from "@/lib/kpi/query-lead-metrics";
import { queryOpenPipeline } from "@/lib/kpi/query-open-pipeline";
import { queryPipelineCoverage } from "@/lib/kpi/query-pipeline-coverage";
import { queryScopeLabels } from "@/lib/kpi/query-scope-labels";
import { queryStageMetrics } from "@/lib/kpi/query-stage-metrics";
import { salesVelocity } from "@/lib/kpi/sales-velocity";
import { computeInsightsForPeriod } from "@/lib/review/insights/compute-insights";
import type { InsightCode } from "@/lib/review/insights/insight";
import { insightMessage } from "@/lib/review/insights/insight-message";

// The report's JSON (README "Report"): fractions 0–1, money as numbers, null where a metric is undefined.
type Num = number | null;

export interface ReportDealFigures {
  won: number;
  lost: number;
  winRate: Num;
  revenue: number;
  avgDealSize: Num;
  avgCycleDays: Num;
  medianCycleDays: Num;
  pipelineCreated: number;
  pipelineCreatedAmount: number;
  quota: number;
  quotaAttainment: Num;
  repsAtQuota: Num;
  expansionWon: number;
  expansionRevenue: number;
  churnedRenewals: number;
  churnedAmount: number;
  churnRate: Num;
}

export interface Report {
  period: { start: string; end: string; timeZone: string };
  scope: { team: string | null };
  total: ReportDealFigures & { salesVelocityPerDay: Num; pipelineCoverage: Num };
  teams: Array<{ name: string; manager: string | null } & ReportDealFigures>;
  reps: Array<{ name: string; team: string | null } & ReportDealFigures>;
  openPipeline: Array<{ pipeline: string; stage: string; count: number; amount: number }>;
  stages: Array<{
    pipeline: string;
    stage: string;
    entered: number;
    advanced: number;
    lost: number;
    still: number;
    conversion: Num;
    skipped: number;
    reachedFromCreated: Num;
    avgDaysInStage: Num;
    medianDaysInStage: Num;
  }>;
  leads: {
    created: number;
    bySource: Record<string, number>;
    handedOver: number;
    converted: number;
    leadToOpportunity: Num;
    firstMeetings: number;
    wonDeals: number;
    closeRate: Num;
  };
  activities: {
    count: number;
    responded: number;
    responseRate: Num;
    perWorkingDay: Num;
    byType: Record<string, { count: number; responded: number; responseRate: Num }>;
  };
  coaching: { targetHoursPerMonth: number; meanHoursPerMonth: number; repMonthsAtTarget: number; kept: number; missed: number; commitmentsKept: Num };
  /** KPI.md's insight rules that fire for the period against the previous one, in review-section order, in English. */
  insights: Array<{ code: InsightCode; section: ReviewSection; rep: string | null; stage: string | null; message: string }>;
}

const money = (value: string | null): Num => (value === null ? null : Number(value));
const round = (value: Num, places = 4): Num => (value === null ? null : Number(value.toFixed(places)));

function dealFigures(f: DealFigures): ReportDealFigures {
  return {
    won: f.won,
    lost: f.lost,
    winRate: round(f.winRate),
    revenue: Number(f.revenue),
    avgDealSize: money(f.avgDealSize),
    avgCycleDays: f.cycleMeanDays,
    medianCycleDays: f.cycleMedianDays,
    pipelineCreated: f.pipelineCreated.count,
    pipelineCreatedAmount: Number(f.pipelineCreated.amount),
    quota: Number(f.quota),
    quotaAttainment: round(f.quotaAttainment),
    repsAtQuota: round(f.repsAtQuota),
    expansionWon: f.expansion.count,
    expansionRevenue: Number(f.expansion.revenue),
    churnedRenewals: f.churn.count,
    churnedAmount: Number(f.churn.amount),
    churnRate: round(f.churn.rate),
  };
}

function activityFigures(f: ActivityFigures): Report["activities"] {
  return {
    count: f.count,
    responded: f.responded,
    responseRate: round(f.responseRate),
    perWorkingDay: round(f.perWorkingDay, 2),
    byType: Object.fromEntries(Object.entries(f.byType).map(([type, c]) => [type, { count: c.count, responded: c.responded, responseRate: round(c.responseRate) }])),
  };
}

/** Every metric of the period for the viewer's scope (or one of its teams), in the report's stable shape. */
export async function buildReport(sql: KpiSql, viewer: Viewer, input: { period: Period; teamId?: number }): Promise<Report> {
  const { period } = input;
  const filter = input.teamId === undefined ? {} : { teamIds: [input.teamId] };
  const labels = await queryScopeLabels(sql, viewer);
  const teams = labels.teams.filter((team) => input.teamId === undefined || team.id === input.teamId);
  const [deals, openAtStart, openAtEnd, coverage, stages, leads, activities, coaching, teamDeals, insights] = await Promise.all([
    queryDealMetrics(sql, viewer, { period, filter }),
    queryOpenPipeline(sql, viewer, { at: period.start, filter }),
    queryOpenPipeline(sql, viewer, { at: period.end, filter }),
    queryPipelineCoverage(sql, viewer, { period, filter }),
    queryStageMetrics(sql, viewer, { period, filter }),
    queryLeadMetrics(sql, viewer, { period, filter }),
    queryActivityMetrics(sql, viewer, { period, filter }),
    queryCoachingMetrics(sql, viewer, { period, filter }),
    Promise.all(teams.map((team) => queryDealMetrics(sql, viewer, { period, filter: { teamIds: [team.id] } }))),
    computeInsightsForPeriod(sql, viewer, { period, teamId: input.teamId }),
  ]);
  const teamName = new Map(labels.teams.map((team) => [team.id, team.name]));
  const pipelineName = new Map(labels.pipelines.map((p) => [p.id, p.name]));
  const stageName = new Map(labels.pipelines.flatMap((p) => p.stages.map((s) => [s.id, s.name] as const)));
  const current = deals.total.current;
  const velocity = salesVelocity({
    openDeals: openAtStart.reduce((sum, row) => sum + row.count, 0),
    winRate: current.winRate,
    avgDealSize: current.avgDealSize,
    cycleMeanDays: current.cycleMeanDays,
  });
  const lead = leads.total.current;
  return {
    period: { start: period.startDate, end: period.endDate, timeZone: period.timeZone },
    scope: { team: input.teamId === undefined ? null : (teamName.get(input.teamId) ?? null) },
    total: { ...dealFigures(current), salesVelocityPerDay: money(velocity), pipelineCoverage: round(coverage.current.coverage) },
    teams: teams.map((team, index) => ({ name: team.name, manager: team.manager, ...dealFigures((teamDeals[index] as typeof deals).total.current) })),
    reps: deals.reps.map((rep) => ({ name: rep.name, team: rep.teamId === null ? null : (teamName.get(rep.teamId) ?? null), ...dealFigures(rep.current) })),
    openPipeline: openAtEnd.map((row) => ({
      pipeline: pipelineName.get(row.pipelineId) ?? String(row.pipelineId),
      stage: stageName.get(row.stageId) ?? String(row.stageId),
      count: row.count,
      amount: Number(row.amount),
    })),
    stages: stages.pipelines.flatMap((p) =>
      p.current.stages.map((s) => ({
        pipeline: p.name,
        stage: s.name,
        entered: s.entered,
        advanced: s.advanced,
        lost: s.lost,
        still: s.still,
        conversion: round(s.conversion),
        skipped: s.skipped,
        reachedFromCreated: round(s.reachedShare),
        avgDaysInStage: s.timeInStage.meanDays,
        medianDaysInStage: s.timeInStage.medianDays,
      })),
    ),
    leads: {
      created: lead.created,
      bySource: { ...lead.createdBySource },
      handedOver: lead.handedOver,
      converted: lead.converted,
      leadToOpportunity: round(lead.leadToOpportunity),
      firstMeetings: lead.firstMeetings,
      wonDeals: lead.wonDeals,
      closeRate: round(lead.closeRate),
    },
    activities: activityFigures(activities.total.current),
    coaching: {
      targetHoursPerMonth: coaching.targetMinutes / 60,
      meanHoursPerMonth: Number(coaching.total.meanHoursPerMonth.toFixed(2)),
      repMonthsAtTarget: coaching.total.monthsAtTarget,
      kept: coaching.total.kept,
      missed: coaching.total.missed,
      commitmentsKept: round(coaching.total.commitmentsKept),
    },
    insights: insights.map((insight) => ({
      code: insight.code,
      section: insight.section,
      rep: insight.rep?.name ?? null,
      stage: insight.stage?.name ?? null,
      message: insightMessage(insight, "en"),
    })),
  };
}
