import type { ActivityMetrics } from "@/lib/kpi/query-activity-metrics";

/** Ours (KPI.md gives the diagnosis no minimum): a team median of fewer than 3 reps mostly compares a rep with themself. */
export const MIN_TEAM_REPS = 3;

/** The teams with at least MIN_TEAM_REPS reps that have an activity rate in P: the only ones whose median means something. */
export function teamsWithMedian(activities: ActivityMetrics): Set<number | null> {
  const sizes = new Map<number | null, number>();
  for (const rep of activities.reps) if (rep.current.perWorkingDay !== null) sizes.set(rep.teamId, (sizes.get(rep.teamId) ?? 0) + 1);
  return new Set([...sizes].filter(([, size]) => size >= MIN_TEAM_REPS).map(([teamId]) => teamId));
}
