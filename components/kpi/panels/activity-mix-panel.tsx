import Link from "next/link";
import { BarListChart } from "@/components/charts/bar-list-chart";
import { Panel } from "@/components/kpi/panel";
import { getActivityMetrics } from "@/lib/kpi/get-activity-metrics";
import { ACTIVITY_TYPES } from "@/lib/kpi/query-activity-metrics";
import { getTranslations } from "@/lib/i18n/get-translations";
import { activitiesHref, type DashboardScope } from "@/lib/dashboard/scope";

/** The rep's activities by type in P and P′, with the response rate of each type. */
export async function ActivityMixPanel({ scope }: { scope: DashboardScope }) {
  const { viewer, period, format } = scope;
  const [activities, t, tTypes] = await Promise.all([
    getActivityMetrics(viewer, { period, filter: { repId: viewer.repId ?? undefined } }),
    getTranslations("myKpis.mix"),
    getTranslations("dashboard.activityTypes"),
  ]);
  const cur = activities.total.current;
  const prev = activities.total.previous;
  const link = "underline decoration-border-strong underline-offset-4 hover:decoration-accent";
  const data = ACTIVITY_TYPES.map((type) => ({ label: tTypes(type), current: cur.byType[type].count, previous: prev.byType[type].count }));
  return (
    <Panel id="mix-heading" title={t("title")} description={t("description", { count: cur.count })}>
      <div className="grid gap-6 xl:grid-cols-[3fr_2fr]">
        <BarListChart
          data={data}
          format="number"
          locale={{ locale: format.locale, currency: scope.org.currency }}
          labels={{ current: scope.periodLabel, previous: scope.previousLabel, category: t("type"), value: t("axis"), caption: t("caption", { period: scope.periodLabel }) }}
        />
        <table className="w-full self-start text-sm">
          <caption className="mb-2 text-left text-sm font-medium text-foreground">{t("responseCaption")}</caption>
          <thead>
            <tr className="border-b border-border text-left text-xs text-muted">
              <th scope="col" className="py-2 pr-3 font-medium">{t("type")}</th>
              <th scope="col" className="px-3 py-2 text-right font-medium">{t("count")}</th>
              <th scope="col" className="px-3 py-2 text-right font-medium">{t("responseRate")}</th>
              <th scope="col" className="pl-3 py-2 text-right font-medium">{scope.previousLabel}</th>
            </tr>
          </thead>
          <tbody>
            {ACTIVITY_TYPES.map((type) => (
              <tr key={type} className="border-b border-border/70 tabular-nums last:border-0">
                <th scope="row" className="py-2 pr-3 text-left font-medium">{tTypes(type)}</th>
                <td className="px-3 py-2 text-right">
                  {cur.byType[type].count > 0 ? (
                    <Link className={link} href={activitiesHref(scope, { type })} aria-label={t("showType", { type: tTypes(type), value: format.number(cur.byType[type].count) })}>
                      {format.number(cur.byType[type].count)}
                    </Link>
                  ) : (
                    format.number(cur.byType[type].count)
                  )}
                </td>
                <td className="px-3 py-2 text-right">
                  {cur.byType[type].responseRate === null ? (
                    "—"
                  ) : (
                    <Link
                      className={link}
                      href={activitiesHref(scope, { type, response: "yes" })}
                      aria-label={t("showResponded", { type: tTypes(type), value: format.percent(cur.byType[type].responseRate ?? 0) })}
                    >
                      {format.percent(cur.byType[type].responseRate ?? 0)}
                    </Link>
                  )}
                </td>
                <td className="pl-3 py-2 text-right text-muted">{prev.byType[type].responseRate === null ? "—" : format.percent(prev.byType[type].responseRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
