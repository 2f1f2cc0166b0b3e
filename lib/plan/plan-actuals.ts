// Next year: what actually happened against the plan, from lib/kpi (composed here, never recomputed).
import type { Viewer } from "@/lib/auth/viewer";
import type { KpiSql } from "@/lib/kpi/kpi-sql";
import { periodOf } from "@/lib/kpi/period";
import { queryDealMetrics } from "@/lib/kpi/query-deal-metrics";
import { queryPlanFunnel } from "@/lib/kpi/query-plan-funnel";

export interface PlanActuals {
  /** Won deals and won revenue per quarter of the plan year, so far. */
  quarters: { quarter: string; won: number; revenue: number }[];
  /** Per rep of the team (by name, as the plan names them): won deals and revenue in the plan year. */
  reps: { name: string; won: number; revenue: number }[];
  /** Pipeline created per month of the plan year (amount). */
  pipelineCreatedByMonth: { month: string; amount: number }[];
}

export async function planActuals(sql: KpiSql, viewer: Viewer, input: { teamId: number; year: number; timeZone: string }): Promise<PlanActuals> {
  const filter = { teamIds: [input.teamId] };
  const quarters = ([1, 2, 3, 4] as const).map((quarter) => periodOf({ kind: "quarter", year: input.year, quarter }, input.timeZone));
  const [byQuarter, year, funnel] = await Promise.all([
    Promise.all(quarters.map((period) => queryDealMetrics(sql, viewer, { period, filter }))),
    queryDealMetrics(sql, viewer, { period: periodOf({ kind: "year", year: input.year }, input.timeZone), filter }),
    queryPlanFunnel(sql, viewer, { period: periodOf({ kind: "year", year: input.year }, input.timeZone), filter }),
  ]);
  return {
    quarters: byQuarter.map((metrics, i) => ({ quarter: `${input.year}-Q${i + 1}`, won: metrics.total.current.won, revenue: Number(metrics.total.current.revenue) })),
    reps: year.reps.map((rep) => ({ name: rep.name, won: rep.current.won, revenue: Number(rep.current.revenue) })),
    pipelineCreatedByMonth: funnel.pipelineCreatedByMonth.map((month) => ({ month: month.month, amount: Number(month.amount) })),
  };
}
