import "server-only";
import { cache } from "react";
import type { DashboardScope } from "@/lib/dashboard/scope";
import { coachingImpact, type CoachingImpact } from "@/lib/kpi/coaching-impact";
import { getCoachingMetrics } from "@/lib/kpi/get-coaching-metrics";
import { getDealMetrics } from "@/lib/kpi/get-deal-metrics";
import type { CoachingMetrics } from "@/lib/kpi/query-coaching-metrics";

export interface CoachingOverview {
  coaching: CoachingMetrics;
  impact: CoachingImpact;
}

/**
 * Coaching hours per rep per month and the coached vs less-coached comparison for the scope's period: what /coaching
 * and the review's Coaching process step both show, from the same lib/kpi queries (loaded once per request).
 */
export const loadCoachingOverview = cache(async (scope: DashboardScope): Promise<CoachingOverview> => {
  const { viewer, period, filter } = scope;
  const [coaching, deals] = await Promise.all([getCoachingMetrics(viewer, { period, filter }), getDealMetrics(viewer, { period, filter })]);
  return { coaching, impact: coachingImpact(deals, coaching) };
});
