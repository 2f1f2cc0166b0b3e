import { formatMetric } from "@/components/review/format-metric";
import type { GoalProgressList } from "@/lib/goals/goal-progress";
import type { Formatter } from "@/lib/i18n/get-formatter";
import { getTranslations } from "@/lib/i18n/get-translations";
import { GoalStateBadge } from "./goal-state-badge";

/** Each goal with its baseline, target and value so far, and whether it is on track (docs/metrics.md, "Goals"). */
export async function GoalProgressTable({ list, format, caption, showTeam = false }: { list: GoalProgressList; format: Formatter; caption: string; showTeam?: boolean }) {
  const [t, tUnits, tMetrics] = await Promise.all([getTranslations("goals"), getTranslations("review.units"), getTranslations("review.metrics")]);
  const started = list.throughDate !== null;
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[820px] text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-border text-left text-xs uppercase tracking-wide text-muted">
            <th scope="col" className="py-2 pr-3 font-medium">{t("goal")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("owner")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("due")}</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">{t("baseline", { year: list.planYear - 1 })}</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">{t("target")}</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">{t("soFar")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("status")}</th>
          </tr>
        </thead>
        <tbody>
          {list.goals.map((goal) => {
            const show = (value: number | null) => formatMetric(format, goal.unit, value, tUnits);
            return (
              <tr key={goal.id} className="border-b border-border/70 align-top last:border-0">
                <th scope="row" className="max-w-md py-2 pr-3 text-left font-medium">
                  <span className="block">{goal.title}</span>
                  <span className="block text-xs font-normal text-muted">
                    {showTeam ? `${goal.teamName} · ` : ""}
                    {tMetrics.has(goal.metric as never) ? tMetrics(goal.metric as never) : goal.metric} · {t(`horizons.${goal.horizon}`)}
                  </span>
                </th>
                <td className="px-3 py-2">{goal.ownerName === null ? "—" : goal.ownerIsRep ? goal.ownerName : t("ownerTeam", { name: goal.ownerName })}</td>
                <td className="whitespace-nowrap px-3 py-2 tabular-nums">{format.calendarDate(new Date(`${goal.dueAt}T00:00:00Z`))}</td>
                <td className="px-3 py-2 text-right tabular-nums">{show(goal.baseline)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{show(goal.target)}</td>
                <td className="px-3 py-2 text-right tabular-nums">
                  <span className="block font-semibold">{show(goal.value)}</span>
                  {goal.expected !== null && (goal.unit === "count" || goal.unit === "money") && (
                    <span className="block text-xs text-muted">{t("expected", { value: show(goal.unit === "count" ? Math.round(goal.expected) : goal.expected) })}</span>
                  )}
                </td>
                <td className="px-3 py-2">
                  <GoalStateBadge goal={goal} started={started} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
