import { TrendChart } from "@/components/charts/trend-chart";
import { Panel } from "@/components/kpi/panel";
import { getMonthlyTrends } from "@/lib/kpi/get-monthly-trends";
import { getTranslations } from "@/lib/i18n/get-translations";
import { localDate, periodContains } from "@/lib/kpi/period";
import type { DashboardScope } from "@/lib/dashboard/scope";

/** Won revenue and win rate per month of the period. */
export async function TrendsPanel({ scope }: { scope: DashboardScope }) {
  const [months, t] = await Promise.all([
    getMonthlyTrends(scope.viewer, { period: scope.period, filter: scope.filter, pipelineId: scope.query.pipelineId }),
    getTranslations("dashboard.trends"),
  ]);
  const monthName = new Intl.DateTimeFormat(scope.format.locale, { month: "short", year: months.length > 12 ? "2-digit" : undefined, timeZone: "UTC" });
  // The month holding today (in the organisation's time zone) has not ended: its bar is marked, not read as a whole month.
  const now = new Date();
  const runningMonth = periodContains(scope.period, now) ? localDate(now, scope.org.timeZone).slice(0, 7) : null;
  const data = months.map((m) => {
    const name = monthName.format(new Date(`${m.month}-01T00:00:00Z`));
    const inProgress = m.month === runningMonth;
    return { month: inProgress ? `${name}*` : name, revenue: Number(m.revenue), winRate: m.winRate, inProgress: inProgress ? 1 : 0 };
  });
  const longMonth = new Intl.DateTimeFormat(scope.format.locale, { month: "long", year: "numeric", timeZone: "UTC" });
  return (
    <Panel id="trends-heading" title={t("title")} description={t("description")}>
      {runningMonth !== null && months.some((m) => m.month === runningMonth) && (
        <p className="mb-2 text-xs text-muted">
          {t("inProgress", { month: longMonth.format(new Date(`${runningMonth}-01T00:00:00Z`)), today: scope.format.date(now) })}
        </p>
      )}
      <TrendChart
        data={data}
        locale={{ locale: scope.format.locale, currency: scope.org.currency }}
        labels={{ revenue: t("revenue"), winRate: t("winRate"), month: t("month"), caption: t("caption", { period: scope.periodLabel }) }}
      />
    </Panel>
  );
}
