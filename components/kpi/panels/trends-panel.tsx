import { TrendChart } from "@/components/charts/trend-chart";
import { Panel } from "@/components/kpi/panel";
import { getMonthlyTrends } from "@/lib/kpi/get-monthly-trends";
import { getTranslations } from "@/lib/i18n/get-translations";
import type { DashboardScope } from "@/lib/dashboard/scope";

/** Won revenue and win rate per month of the period. */
export async function TrendsPanel({ scope }: { scope: DashboardScope }) {
  const [months, t] = await Promise.all([
    getMonthlyTrends(scope.viewer, { period: scope.period, filter: scope.filter, pipelineId: scope.query.pipelineId }),
    getTranslations("dashboard.trends"),
  ]);
  const monthName = new Intl.DateTimeFormat(scope.format.locale, { month: "short", year: months.length > 12 ? "2-digit" : undefined, timeZone: "UTC" });
  const data = months.map((m) => ({ month: monthName.format(new Date(`${m.month}-01T00:00:00Z`)), revenue: Number(m.revenue), winRate: m.winRate }));
  return (
    <Panel id="trends-heading" title={t("title")} description={t("description")}>
      <TrendChart
        data={data}
        locale={{ locale: scope.format.locale, currency: scope.org.currency }}
        labels={{ revenue: t("revenue"), winRate: t("winRate"), month: t("month"), caption: t("caption", { period: scope.periodLabel }) }}
      />
    </Panel>
  );
}
