import Link from "next/link";
import { GoalEditors } from "@/components/goals/goal-editors";
import { Panel } from "@/components/kpi/panel";
import type { DashboardScope } from "@/lib/dashboard/scope";
import type { ReviewGoalView, ReviewView } from "@/lib/data/review/get-review";
import { getTranslations } from "@/lib/i18n/get-translations";
import { isMetricKey, METRICS } from "@/lib/review/metric-catalogue";
import { STEP_OF_SECTION } from "@/lib/review/steps";
import { formatMetric } from "./format-metric";

/** The goals the review produced: KPIs ticked in section 2 and insights accepted, each with this year's baseline. */
export async function ActionPlanStep({ scope, review, editable = true }: { scope: DashboardScope; review: ReviewView; editable?: boolean }) {
  const [t, tUnits, tSteps, tGoals] = await Promise.all([getTranslations("review.plan"), getTranslations("review.units"), getTranslations("review.steps"), getTranslations("goals")]);
  const baseline = (goal: ReviewGoalView) => {
    const value = goal.baseline === null ? null : Number(goal.baseline);
    return formatMetric(scope.format, isMetricKey(goal.metric) ? METRICS[goal.metric].unit : "count", value, tUnits);
  };
  const groups = [
    { key: "fromInsights", goals: review.goals.filter((goal) => goal.source?.startsWith("insight:")) },
    { key: "fromKpis", goals: review.goals.filter((goal) => goal.source?.startsWith("kpi:")) },
    { key: "own", goals: review.goals.filter((goal) => goal.source === null) },
  ] as const;
  return (
    <div className="space-y-6">
      <p className="max-w-4xl text-base leading-relaxed">{t("intro", { next: review.year + 1 })}</p>
      {review.goals.length === 0 ? (
        <Panel id="plan-empty-heading" title={t("emptyTitle")}>
          <p className="text-sm text-muted">{t("empty")}</p>
          <p className="mt-3 flex flex-wrap gap-3 text-sm">
            <Link className="font-medium text-accent underline underline-offset-4" href={`/review/${review.year}/sales-kpis?team=${review.team.id}`}>
              {tSteps("sales-kpis")}
            </Link>
          </p>
        </Panel>
      ) : (
        groups
          .filter((group) => group.goals.length > 0)
          .map((group) => (
            <Panel key={group.key} id={`plan-${group.key}-heading`} title={t(group.key)}>
              <div className="overflow-x-auto">
                <table className="w-full min-w-[760px] text-sm">
                  <caption className="sr-only">{t(group.key)}</caption>
                  <thead>
                    <tr className="border-b border-border text-left text-xs uppercase tracking-wide text-muted">
                      <th scope="col" className="py-2 pr-3 font-medium">{t("goal")}</th>
                      <th scope="col" className="px-3 py-2 font-medium">{t("section")}</th>
                      <th scope="col" className="px-3 py-2 text-right font-medium">{t("baseline", { year: review.year })}</th>
                      <th scope="col" className="px-3 py-2 text-right font-medium">{t("target")}</th>
                      <th scope="col" className="px-3 py-2 font-medium">{t("owner")}</th>
                      <th scope="col" className="px-3 py-2 font-medium">{t("due")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {group.goals.map((goal) => (
                      <tr key={goal.id} className="border-b border-border/70 align-top last:border-0">
                        <th scope="row" className="max-w-md py-2 pr-3 text-left font-medium">
                          {goal.title}
                          {goal.draft && <span className="ml-2 rounded bg-warning-soft px-1.5 py-0.5 text-xs font-medium text-warning">{t("draft")}</span>}
                        </th>
                        <td className="px-3 py-2">
                          {goal.section ? (
                            <Link className="underline decoration-border-strong underline-offset-4" href={`/review/${review.year}/${STEP_OF_SECTION[goal.section]}?team=${review.team.id}`}>
                              {tSteps(STEP_OF_SECTION[goal.section])}
                            </Link>
                          ) : (
                            "—"
                          )}
                        </td>
                        <td className="px-3 py-2 text-right tabular-nums">{baseline(goal)}</td>
                        <td className="px-3 py-2 text-right tabular-nums">{goal.target === null ? t("noTarget") : formatMetric(scope.format, isMetricKey(goal.metric) ? METRICS[goal.metric].unit : "count", Number(goal.target), tUnits)}</td>
                        <td className="px-3 py-2">{goal.ownerName ?? "—"}</td>
                        <td className="px-3 py-2 tabular-nums">{scope.format.calendarDate(new Date(`${goal.dueAt}T00:00:00Z`))}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </Panel>
          ))
      )}
      <p className="max-w-4xl text-sm text-muted print:hidden">
        {t("targetsNext")}{" "}
        <Link className="font-medium text-accent underline underline-offset-4" href={`/plan/${review.year + 1}?team=${review.team.id}`}>
          {tGoals("panel.plan", { year: review.year + 1 })}
        </Link>
      </p>
      {/* A completed review is read-only here; its goals stay editable on the plan's own page. */}
      {editable && review.status !== "COMPLETED" && (
      <GoalEditors
        viewer={scope.viewer}
        teamId={review.team.id}
        year={review.year}
        timeZone={scope.org.timeZone}
        goals={review.goals.map((goal) => ({ ...goal, target: goal.target === null ? null : Number(goal.target) }))}
      />
      )}
    </div>
  );
}
