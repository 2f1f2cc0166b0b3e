import { diagnoseReps, LOW_EFFECTIVENESS_SHARE } from "@/lib/kpi/diagnose-reps";
import type { ActivityMetrics } from "@/lib/kpi/query-activity-metrics";
import type { LeadMetrics } from "@/lib/kpi/query-lead-metrics";
import type { AgainstTeam, InsightFinding } from "./insight";
import { teamsWithMedian } from "./teams-with-median";

export type LowEffectiveness = Extract<InsightFinding, { code: "LOW_EFFECTIVENESS" }>;

const against = (rep: number | null, teamMedian: number | null): AgainstTeam | null =>
  rep === null || teamMedian === null ? null : { rep, teamMedian };

/**
 * KPI.md LOW_EFFECTIVENESS, one finding per rep: at least as active as their team's median rep, but a response rate
 * or a lead → opportunity conversion below 60 % of the team's median (teams of at least MIN_TEAM_REPS reps).
 */
export function lowEffectiveness(activities: ActivityMetrics, leads: LeadMetrics): LowEffectiveness[] {
  const large = teamsWithMedian(activities);
  const names = new Map(activities.reps.map((rep) => [rep.repId, rep.name]));
  return diagnoseReps(activities, leads).flatMap((diagnosis) => {
    const perWorkingDay = against(diagnosis.perWorkingDay, diagnosis.team.perWorkingDay);
    if (!diagnosis.codes.includes("LOW_EFFECTIVENESS") || !large.has(diagnosis.teamId) || !perWorkingDay) return [];
    const responseRate = against(diagnosis.responseRate, diagnosis.team.responseRate);
    const leadToOpportunity = against(diagnosis.leadToOpportunity, diagnosis.team.leadToOpportunity);
    const isBelow = (figure: AgainstTeam | null) => figure !== null && figure.rep < LOW_EFFECTIVENESS_SHARE * figure.teamMedian;
    const below = [...(isBelow(responseRate) ? ["responseRate" as const] : []), ...(isBelow(leadToOpportunity) ? ["leadToOpportunity" as const] : [])];
    return [
      {
        code: "LOW_EFFECTIVENESS" as const,
        rep: { id: diagnosis.repId, name: names.get(diagnosis.repId) ?? "" },
        stage: null,
        figures: { perWorkingDay, responseRate, leadToOpportunity, below },
      },
    ];
  });
}
