import "server-only";
import { cache } from "react";
import type { DashboardScope } from "@/lib/dashboard/scope";
import type { CoachedRep } from "@/lib/data/coaching/get-coached-rep";
import { diagnoseRep, type DiagnosisCode, type DiagnosisFigures } from "@/lib/kpi/diagnose-reps";
import { getActivityMetrics } from "@/lib/kpi/get-activity-metrics";
import { getCoachingMetrics } from "@/lib/kpi/get-coaching-metrics";
import { getDealMetrics } from "@/lib/kpi/get-deal-metrics";
import { getLeadMetrics } from "@/lib/kpi/get-lead-metrics";
import { getTeamMedians } from "@/lib/kpi/get-team-medians";
import { kpiDb } from "@/lib/kpi/kpi-db";
import type { ActivityFigures } from "@/lib/kpi/query-activity-metrics";
import type { CoachingFigures } from "@/lib/kpi/query-coaching-metrics";
import { queryConversionActivities, type ConversionFigures } from "@/lib/kpi/query-conversion-activities";
import type { DealFigures } from "@/lib/kpi/query-deal-metrics";
import type { LeadFigures } from "@/lib/kpi/query-lead-metrics";
import type { TeamMedians } from "@/lib/kpi/query-team-medians";

type Pair<T> = { current: T; previous: T };

/** One rep's figures for P and P′, each straight from its lib/kpi query narrowed to the rep, with their team's median rep. */
export interface RepProfileFigures {
  deals: Pair<DealFigures>;
  activities: Pair<ActivityFigures>;
  leads: Pair<LeadFigures>;
  conversions: Pair<ConversionFigures>;
  coaching: CoachingFigures;
  coachingTargetMinutes: number;
  /** The median rep of the rep's team in P (medians only: a rep viewing their own profile sees no one else's row). */
  team: TeamMedians;
  diagnosis: { own: DiagnosisFigures; team: DiagnosisFigures; codes: DiagnosisCode[] };
}

/** The profile's figures, loaded once per request however many panels read them. */
export const loadRepProfile = cache(async (scope: DashboardScope, rep: CoachedRep): Promise<RepProfileFigures> => {
  const { viewer, period } = scope;
  const filter = { repId: rep.id };
  const pipelineId = scope.query.pipelineId;
  const [deals, activities, leads, conversions, coaching, team] = await Promise.all([
    getDealMetrics(viewer, { period, filter, pipelineId }),
    getActivityMetrics(viewer, { period, filter }),
    getLeadMetrics(viewer, { period, filter }),
    queryConversionActivities(kpiDb, viewer, { period, filter }),
    getCoachingMetrics(viewer, { period, filter }),
    // A rep without a team has no team median: an empty team list yields none.
    getTeamMedians(viewer, { period, pipelineId, teamId: rep.teamId ?? 0 }),
  ]);
  const own = { perWorkingDay: activities.total.current.perWorkingDay, responseRate: activities.total.current.responseRate, leadToOpportunity: leads.total.current.leadToOpportunity };
  const median = { perWorkingDay: team.activitiesPerWorkingDay, responseRate: team.responseRate, leadToOpportunity: team.leadToOpportunity };
  return {
    deals: deals.total,
    activities: activities.total,
    leads: leads.total,
    conversions: conversions.total,
    coaching: coaching.total,
    coachingTargetMinutes: coaching.targetMinutes,
    team,
    diagnosis: { own, team: median, codes: diagnoseRep(own, median) },
  };
});
