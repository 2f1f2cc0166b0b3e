import type { Insight } from "./insights/insight";

/** The goal draft an accepted insight becomes: the metric it is about and its value this year (the baseline). */
export function goalDraftOf(insight: Insight): { metric: string; baseline: number | null } {
  switch (insight.code) {
    case "HANDOFF_BOTTLENECK":
      return { metric: "handOverToFirstMeeting", baseline: insight.figures.conversion.current };
    case "STAGE_DROP":
      return { metric: "stageConversion", baseline: insight.figures.conversion.current };
    case "STALLED_STAGE":
      return { metric: "stageMedianDays", baseline: insight.figures.medianDays };
    case "LOW_ACTIVITY":
      return { metric: "activitiesPerDay", baseline: insight.figures.perWorkingDay.rep };
    case "LOW_EFFECTIVENESS":
      return insight.figures.responseRate
        ? { metric: "responseRate", baseline: insight.figures.responseRate.rep }
        : { metric: "leadToOpportunity", baseline: insight.figures.leadToOpportunity?.rep ?? null };
    case "COACHING_BELOW_TARGET": {
      const reps = insight.figures.reps;
      return { metric: "coachingHours", baseline: reps.length === 0 ? null : reps.reduce((sum, rep) => sum + rep.hoursPerMonth, 0) / reps.length };
    }
    case "COMMITMENTS_SLIPPING":
      return { metric: "commitmentsKept", baseline: insight.figures.rate.current };
    case "FORECAST_BIAS":
      return { metric: "forecastBias", baseline: insight.figures.share };
    case "QUALIFICATION_GAPS":
      return { metric: "compliance", baseline: insight.figures.compliance };
    case "QUOTA_MISS_CONCENTRATION":
      return { metric: "repsAtQuota", baseline: insight.figures.repsWithQuota === 0 ? null : insight.figures.repsAtQuota / insight.figures.repsWithQuota };
  }
}
