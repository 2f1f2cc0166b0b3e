// This year's figures a pipeline plan starts from, all from lib/kpi queries (composed here, never recomputed).
import type { Viewer } from "@/lib/auth/viewer";
import type { KpiSql } from "@/lib/kpi/kpi-sql";
import { periodOf } from "@/lib/kpi/period";
import { queryDealMetrics } from "@/lib/kpi/query-deal-metrics";
import { queryMonthlyTrends } from "@/lib/kpi/query-monthly-trends";
import { queryPlanFunnel } from "@/lib/kpi/query-plan-funnel";
import type { PlanAssumptions } from "./pipeline-plan";

export interface PlanDefaults {
  /** The year the plan is for, and the year whose actuals it starts from (the one before). */
  planYear: number;
  baseYear: number;
  assumptions: PlanAssumptions;
  /** Whether SDRs handed leads over to the team's AEs in the base year. */
  sdrFed: boolean;
  /** The base year's closed-won revenue. */
  baseRevenue: number;
  /** The base year's won revenue per month (12 values, January first). */
  monthlyRevenue: number[];
  /** Pipeline created per month of the base year (amount). */
  pipelineCreatedByMonth: { month: string; count: number; amount: number }[];
  /** The team's active reps with their quota for the plan year (else the base year's; 0 when none). */
  reps: { repId: number; name: string; quota: number }[];
}

const money = (value: string | null) => (value === null ? null : Number(value));

export async function planDefaults(sql: KpiSql, viewer: Viewer, input: { teamId: number; planYear: number; timeZone: string }): Promise<PlanDefaults> {
  const baseYear = input.planYear - 1;
  const base = periodOf({ kind: "year", year: baseYear }, input.timeZone);
  const planPeriod = periodOf({ kind: "year", year: input.planYear }, input.timeZone);
  const filter = { teamIds: [input.teamId] };
  const [deals, planDeals, months, funnel] = await Promise.all([
    queryDealMetrics(sql, viewer, { period: base, filter }),
    queryDealMetrics(sql, viewer, { period: planPeriod, filter }),
    queryMonthlyTrends(sql, viewer, { period: base, filter }),
    queryPlanFunnel(sql, viewer, { period: base, filter }),
  ]);
  const current = deals.total.current;
  const activeIds = new Set(funnel.activeRepIds);
  const planQuota = new Map(planDeals.reps.map((rep) => [rep.repId, Number(rep.current.quota)]));
  const baseQuota = new Map(deals.reps.map((rep) => [rep.repId, Number(rep.current.quota)]));
  const teamReps = planDeals.reps.filter((rep) => activeIds.has(rep.repId));
  const quotas = teamReps.some((rep) => (planQuota.get(rep.repId) ?? 0) > 0) ? planQuota : baseQuota;
  return {
    planYear: input.planYear,
    baseYear,
    assumptions: {
      avgDealSize: money(current.avgDealSize),
      winRateFromFirstMeeting: funnel.winRateFromFirstMeeting,
      handOverToFirstMeeting: funnel.handOverToFirstMeeting,
      cycleDays: current.cycleMeanDays,
    },
    sdrFed: funnel.handedOverToScope > 0,
    baseRevenue: Number(current.revenue),
    monthlyRevenue: months.map((month) => Number(month.revenue)),
    pipelineCreatedByMonth: funnel.pipelineCreatedByMonth.map((month) => ({ month: month.month, count: month.count, amount: Number(month.amount) })),
    reps: teamReps.map((rep) => ({ repId: rep.repId, name: rep.name, quota: quotas.get(rep.repId) ?? 0 })),
  };
}
