import Link from "next/link";
import { Panel } from "@/components/kpi/panel";
import type { DashboardScope } from "@/lib/dashboard/scope";
import { listGoalProgress } from "@/lib/goals/goal-progress";
import { getTranslations } from "@/lib/i18n/get-translations";
import { GoalProgressTable } from "./goal-progress-table";

/**
 * The goals of the plan for the year on screen that concern the viewer (a manager's or admin's teams, the team picked
 * in the filter; a rep's own goals), each with its baseline, target, value so far and whether it is on track. A rep
 * without goals sees nothing; a manager sees where to set them.
 */
export async function GoalProgressPanel({ scope }: { scope: DashboardScope }) {
  const planYear = Number(scope.period.startDate.slice(0, 4));
  const teamIds = scope.viewer.role === "REP" || scope.query.teamId === undefined ? undefined : [scope.query.teamId];
  const [list, t] = await Promise.all([listGoalProgress(scope.viewer, { planYear, teamIds }), getTranslations("goals")]);
  const isRep = scope.viewer.role === "REP";
  if (isRep && list.goals.length === 0) return null;
  const planHref = planYear >= Math.min(scope.org.firstYear, scope.org.currentYear) + 1 && planYear <= scope.org.currentYear + 1 ? `/plan/${planYear}${scope.query.teamId === undefined ? "" : `?team=${scope.query.teamId}`}` : null;
  const description =
    list.throughDate === null
      ? t("panel.notStarted", { year: planYear })
      : t("panel.intro", { year: planYear, date: scope.format.calendarDate(new Date(`${list.throughDate}T00:00:00Z`)) });
  return (
    <Panel
      id="goal-progress-heading"
      title={t("panel.title", { year: planYear })}
      description={description}
      actions={
        !isRep && planHref ? (
          <Link className="text-sm font-medium text-accent underline underline-offset-4 print:hidden" href={planHref}>
            {t("panel.plan", { year: planYear })}
          </Link>
        ) : undefined
      }
    >
      {list.goals.length === 0 ? (
        <p className="text-sm text-muted">{t("panel.empty", { year: planYear })}</p>
      ) : (
        <GoalProgressTable list={list} format={scope.format} caption={t("tableCaption", { year: planYear })} showTeam={!isRep && teamIds === undefined} />
      )}
    </Panel>
  );
}
