import { diagnoseReps } from "@/lib/kpi/diagnose-reps";
import type { ActivityMetrics } from "@/lib/kpi/query-activity-metrics";
import type { LeadMetrics } from "@/lib/kpi/query-lead-metrics";
import type { InsightFinding } from "./insight";
import { teamsWithMedian } from "./teams-with-median";

export type LowActivity = Extract<InsightFinding, { code: "LOW_ACTIVITY" }>;

/**
 * KPI.md LOW_ACTIVITY, one finding per rep: activities per working day in P below 60 % of their team's median (teams
 * of at least MIN_TEAM_REPS reps).
 */
export function lowActivity(activities: ActivityMetrics, leads: LeadMetrics): LowActivity[] {
  const large = teamsWithMedian(activities);
  const names = new Map(activities.reps.map((rep) => [rep.repId, rep.name]));
  return diagnoseReps(activities, leads).flatMap((diagnosis) =>
    diagnosis.codes.includes("LOW_ACTIVITY") && large.has(diagnosis.teamId) && diagnosis.perWorkingDay !== null && diagnosis.team.perWorkingDay !== null
      ? [
          {
            code: "LOW_ACTIVITY" as const,
            rep: { id: diagnosis.repId, name: names.get(diagnosis.repId) ?? "" },
            stage: null,
            figures: { perWorkingDay: { rep: diagnosis.perWorkingDay, teamMedian: diagnosis.team.perWorkingDay } },
          },
        ]
      : [],
  );
}
