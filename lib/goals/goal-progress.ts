import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { getOrganization } from "@/lib/data/get-organization";
import { listPlanGoals } from "@/lib/data/goals/list-plan-goals";
import { localDate, periodOf } from "@/lib/kpi/period";
import { kpiDb } from "@/lib/kpi/kpi-db";
import { isMetricKey, METRICS, type MetricKey, type MetricUnit } from "@/lib/review/metric-catalogue";
import { metricFigure } from "./metric-figure";
import { elapsedShareOfYear, onTrack } from "./on-track";

// The units of the figures an insight's draft may name outside the catalogue (lib/review/insight-goal.ts).
const DRAFT_UNITS: Record<string, MetricUnit> = { stageConversion: "rate", stageMedianDays: "days", forecastBias: "rate" };

export interface GoalProgress {
  id: number;
  teamId: number;
  teamName: string;
  title: string;
  /** A catalogue key; a draft from an insight may name a figure outside it (a stage's conversion) until completed. */
  metric: string;
  unit: MetricUnit;
  horizon: "SHORT_TERM" | "LONG_TERM";
  section: string | null;
  draft: boolean;
  ownerId: number | null;
  ownerName: string | null;
  /** The owner is a rep of the team (their own figure) rather than the manager (the team's). */
  ownerIsRep: boolean;
  dueAt: string;
  /** On the metric's scale (a rate as a fraction). */
  baseline: number | null;
  target: number | null;
  /** The same lib/kpi figure for the plan year to date; null before the year starts or without data. */
  value: number | null;
  /** Linear expectation for counts and amounts (target × elapsed share), the target for levels. */
  expected: number | null;
  onTrack: boolean | null;
}

export interface GoalProgressList {
  planYear: number;
  /** The share of the plan year elapsed by today in the organisation's time zone. */
  elapsedShare: number;
  /** The last day counted in the values so far (inclusive), or null before the year starts. */
  throughDate: string | null;
  goals: GoalProgress[];
}

/**
 * The goals of the plan of `planYear` (set in the review of the year before) that concern the viewer, with their
 * progress: a manager's teams (or `teamIds`), an admin's organisation (or `teamIds`), a rep the goals they own. Goals
 * written only as KPIs to track without a target are drafts and are listed as such. Outside the scope: nothing.
 */
export async function listGoalProgress(viewer: Viewer, input: { planYear: number; teamIds?: readonly number[]; includeDrafts?: boolean }): Promise<GoalProgressList> {
  const org = await getOrganization(viewer);
  const today = localDate(new Date(), org.timeZone);
  const elapsedShare = elapsedShareOfYear(input.planYear, today);
  const rows = await listPlanGoals(viewer, input);
  const started = elapsedShare > 0;
  const throughDate = !started ? null : today > `${input.planYear}-12-31` ? `${input.planYear}-12-31` : today;
  const period = throughDate === null ? null : periodOf({ kind: "custom", from: `${input.planYear}-01-01`, to: throughDate }, org.timeZone);
  const goals = await Promise.all(
    rows.flatMap((row) => {
      if (row.review.teamId === null) return [];
      const metric = row.metric;
      const catalogued: MetricKey | null = isMetricKey(metric) ? metric : null;
      if (!catalogued && !row.draft) return [];
      const teamId = row.review.teamId;
      const rep = row.owner?.rep && row.owner.rep.teamId === teamId ? row.owner.rep : null;
      // A rep sees only their own figure; a goal they own in a team they left has no figure of theirs to show.
      const subject = rep ? { repId: rep.id } : viewer.role === "REP" ? null : { teamId };
      return [
        (async (): Promise<GoalProgress> => {
          const value = period && subject && catalogued ? await metricFigure(kpiDb, viewer, { metric: catalogued, period, subject }) : null;
          const unit = catalogued ? METRICS[catalogued].unit : (DRAFT_UNITS[metric] ?? "count");
          const baseline = row.baseline === null ? null : Number(row.baseline);
          const target = row.target === null ? null : Number(row.target);
          const expected = target === null ? null : unit === "count" || unit === "money" ? target * elapsedShare : target;
          return {
            id: row.id,
            teamId,
            teamName: row.review.team?.name ?? "",
            title: row.title,
            metric,
            unit,
            horizon: row.horizon,
            section: row.section,
            draft: row.draft,
            ownerId: row.ownerId,
            ownerName: row.owner?.name ?? null,
            ownerIsRep: rep !== null,
            dueAt: row.dueAt.toISOString().slice(0, 10),
            baseline,
            target,
            value,
            expected: started ? expected : null,
            onTrack: target === null ? null : onTrack({ unit, baseline, target, value, elapsedShare, higherIsBetter: catalogued ? METRICS[catalogued].higherIsBetter : true }),
          };
        })(),
      ];
    }),
  );
  return { planYear: input.planYear, elapsedShare, throughDate, goals };
}
