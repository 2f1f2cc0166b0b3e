import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import type { GoalFormOptions } from "@/components/goals/goal-form";
import { listTeamGoalOwners } from "@/lib/data/goals/goal-owners";
import { getTranslations } from "@/lib/i18n/get-translations";
import { METRIC_KEYS, METRICS } from "@/lib/review/metric-catalogue";
import { REVIEW_SECTIONS, STEP_OF_SECTION } from "@/lib/review/steps";

/** What the goal form offers for a team's plan: its owners, the metric catalogue, the review's sections. */
export async function goalFormOptions(viewer: Viewer, input: { teamId: number; year: number }): Promise<GoalFormOptions> {
  const [owners, t, tMetrics, tSteps] = await Promise.all([
    listTeamGoalOwners(viewer, input.teamId),
    getTranslations("goals"),
    getTranslations("review.metrics"),
    getTranslations("review.steps"),
  ]);
  return {
    teamId: input.teamId,
    year: input.year,
    owners: owners.map((owner) => ({ userId: owner.userId, label: owner.repId === null ? t("ownerTeam", { name: owner.name }) : owner.name })),
    metrics: METRIC_KEYS.map((key) => ({ key, label: tMetrics(key), unit: METRICS[key].unit })),
    sections: REVIEW_SECTIONS.map((section) => ({ key: section, label: tSteps(STEP_OF_SECTION[section]) })),
  };
}
