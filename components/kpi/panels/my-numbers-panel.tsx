import { num } from "@/components/kpi/change";
import { MetricCard } from "@/components/kpi/metric-card";
import { getActivityMetrics } from "@/lib/kpi/get-activity-metrics";
import { getDealMetrics } from "@/lib/kpi/get-deal-metrics";
import { getTeamMedians } from "@/lib/kpi/get-team-medians";
import { getTranslations } from "@/lib/i18n/get-translations";
import { deltaFor } from "./delta-for";
import { activitiesHref, dealsHref, type DashboardScope } from "@/lib/dashboard/scope";

const DASH = "—";

/** The rep's own figures, each with its change on the previous period and the team median beside it. */
export async function MyNumbersPanel({ scope }: { scope: DashboardScope }) {
  const { viewer, period, format } = scope;
  const own = { repId: viewer.repId ?? undefined };
  const pipelineId = scope.query.pipelineId;
  const [deals, activities, median, t] = await Promise.all([
    getDealMetrics(viewer, { period, filter: own, pipelineId }),
    getActivityMetrics(viewer, { period, filter: own }),
    getTeamMedians(viewer, { period, pipelineId }),
    getTranslations("myKpis"),
  ]);
  const cur = deals.total.current;
  const prev = deals.total.previous;
  const act = activities.total.current;
  const actBefore = activities.total.previous;
  const money = (value: string | number | null) => (value === null ? DASH : format.money(value));
  const percent = (value: number | null) => (value === null ? DASH : format.percent(value));
  const number = (value: number | null) => (value === null ? DASH : format.number(Math.round(value * 10) / 10));
  const days = (value: number | null) => (value === null ? DASH : t("days", { value: format.days(value) }));
  const won = { basis: "closed" as const, status: "WON" as const };
  const cards = [
    { key: "revenue", value: money(cur.revenue), median: money(median.revenue), href: dealsHref(scope, won), delta: await deltaFor(scope, num(cur.revenue), num(prev.revenue), { kind: "relative", previousText: money(prev.revenue) }) },
    { key: "won", value: format.number(cur.won), median: number(median.won), href: dealsHref(scope, won), delta: await deltaFor(scope, cur.won, prev.won, { kind: "relative", previousText: format.number(prev.won) }) },
    { key: "winRate", value: percent(cur.winRate), median: percent(median.winRate), href: dealsHref(scope, { basis: "closed" }), delta: await deltaFor(scope, cur.winRate, prev.winRate, { kind: "points", previousText: percent(prev.winRate) }) },
    { key: "avgDealSize", value: money(cur.avgDealSize), median: money(median.avgDealSize), href: dealsHref(scope, { ...won, sort: "amount" }), delta: await deltaFor(scope, num(cur.avgDealSize), num(prev.avgDealSize), { kind: "relative", previousText: money(prev.avgDealSize) }) },
    { key: "cycle", value: days(cur.cycleMeanDays), median: days(median.cycleMeanDays), href: dealsHref(scope, { ...won, sort: "cycle" }), delta: await deltaFor(scope, cur.cycleMeanDays, prev.cycleMeanDays, { kind: "relative", higherIsBetter: false, previousText: days(prev.cycleMeanDays) }) },
    { key: "attainment", value: percent(cur.quotaAttainment), median: percent(median.quotaAttainment), href: dealsHref(scope, won), delta: await deltaFor(scope, cur.quotaAttainment, prev.quotaAttainment, { kind: "points", previousText: percent(prev.quotaAttainment) }) },
    { key: "pipelineCreated", value: format.number(cur.pipelineCreated.count), median: number(median.pipelineCreated), href: dealsHref(scope, { basis: "created", sort: "createdAt" }), delta: await deltaFor(scope, cur.pipelineCreated.count, prev.pipelineCreated.count, { kind: "relative", previousText: format.number(prev.pipelineCreated.count) }) },
    { key: "activitiesPerDay", value: number(act.perWorkingDay), median: number(median.activitiesPerWorkingDay), href: activitiesHref(scope, {}), delta: await deltaFor(scope, act.perWorkingDay, actBefore.perWorkingDay, { kind: "relative", previousText: number(actBefore.perWorkingDay) }) },
    { key: "responseRate", value: percent(act.responseRate), median: percent(median.responseRate), href: activitiesHref(scope, {}), delta: await deltaFor(scope, act.responseRate, actBefore.responseRate, { kind: "points", previousText: percent(actBefore.responseRate) }) },
  ] as const;
  return (
    <section aria-labelledby="mine-heading">
      <h2 id="mine-heading" className="sr-only">
        {t("cardsHeading")}
      </h2>
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-3 2xl:grid-cols-5">
        {cards.map((card) => (
          <MetricCard
            key={card.key}
            label={t(`cards.${card.key}`)}
            value={card.value}
            href={card.href}
            linkLabel={t(card.key === "activitiesPerDay" || card.key === "responseRate" ? "showActivities" : "showRows", { metric: t(`cards.${card.key}`), value: card.value })}
            delta={card.delta}
            detail={t("median", { value: card.median, reps: median.reps })}
          />
        ))}
      </dl>
    </section>
  );
}
