import { MetricCard } from "@/components/kpi/metric-card";
import { num } from "@/components/kpi/change";
import { getOpenPipeline } from "@/lib/kpi/get-open-pipeline";
import { getPipelineCoverage } from "@/lib/kpi/get-pipeline-coverage";
import { salesVelocity } from "@/lib/kpi/sales-velocity";
import { getTranslations } from "@/lib/i18n/get-translations";
import { deltaFor } from "./delta-for";
import { cachedDealMetrics, dealsHref, type DashboardScope } from "@/lib/dashboard/scope";

const DASH = "—";

/** The headline cards: each number links to its deals and shows its change on the previous period. */
export async function HeadlinePanel({ scope }: { scope: DashboardScope }) {
  const { viewer, period, previous, filter, format } = scope;
  const pipelineId = scope.query.pipelineId;
  const [deals, openNow, openBefore, coverage, t] = await Promise.all([
    cachedDealMetrics(scope),
    getOpenPipeline(viewer, { at: period.start, filter, pipelineId }),
    getOpenPipeline(viewer, { at: previous.start, filter, pipelineId }),
    getPipelineCoverage(viewer, { period, filter, pipelineId }),
    getTranslations("dashboard.cards"),
  ]);
  const cur = deals.total.current;
  const prev = deals.total.previous;
  const openCount = (rows: typeof openNow) => rows.reduce((sum, row) => sum + row.count, 0);
  const velocity = salesVelocity({ openDeals: openCount(openNow), winRate: cur.winRate, avgDealSize: cur.avgDealSize, cycleMeanDays: cur.cycleMeanDays });
  const velocityBefore = salesVelocity({ openDeals: openCount(openBefore), winRate: prev.winRate, avgDealSize: prev.avgDealSize, cycleMeanDays: prev.cycleMeanDays });
  const money = (value: string | null) => (value === null ? DASH : format.money(value));
  const percent = (value: number | null) => (value === null ? DASH : format.percent(value));
  const days = (value: number | null) => (value === null ? DASH : t("days", { value: format.days(value) }));
  const times = (value: number | null) => (value === null ? DASH : t("times", { value: format.number(Math.round(value * 100) / 100) }));
  const won = { basis: "closed" as const, status: "WON" as const };
  const cards = [
    {
      key: "revenue",
      value: format.money(cur.revenue),
      href: dealsHref(scope, won),
      delta: await deltaFor(scope, num(cur.revenue), num(prev.revenue), { kind: "relative", previousText: format.money(prev.revenue) }),
      detail: t("revenueDetail", {
        // "none" selects the message's "no quota set" sentence: no dash in running text.
        quota: num(cur.quota) ? format.money(cur.quota) : "none",
        attainment: percent(cur.quotaAttainment),
        atQuota: percent(cur.repsAtQuota),
      }),
    },
    {
      key: "winRate",
      value: percent(cur.winRate),
      href: dealsHref(scope, { basis: "closed" }),
      delta: await deltaFor(scope, cur.winRate, prev.winRate, { kind: "points", previousText: percent(prev.winRate) }),
      detail: t("winRateDetail", { won: format.number(cur.won), lost: format.number(cur.lost) }),
    },
    {
      key: "avgDealSize",
      value: money(cur.avgDealSize),
      href: dealsHref(scope, { ...won, sort: "amount" }),
      delta: await deltaFor(scope, num(cur.avgDealSize), num(prev.avgDealSize), { kind: "relative", previousText: money(prev.avgDealSize) }),
      detail: t("avgDealSizeDetail", { won: format.number(cur.won) }),
    },
    {
      key: "cycle",
      value: days(cur.cycleMeanDays),
      href: dealsHref(scope, { ...won, sort: "cycle" }),
      delta: await deltaFor(scope, cur.cycleMeanDays, prev.cycleMeanDays, { kind: "relative", higherIsBetter: false, previousText: days(prev.cycleMeanDays) }),
      detail: t("cycleDetail", { median: days(cur.cycleMedianDays) }),
    },
    {
      key: "pipelineCreated",
      value: format.money(cur.pipelineCreated.amount),
      href: dealsHref(scope, { basis: "created", sort: "createdAt" }),
      delta: await deltaFor(scope, num(cur.pipelineCreated.amount), num(prev.pipelineCreated.amount), { kind: "relative", previousText: format.money(prev.pipelineCreated.amount) }),
      detail: t("pipelineCreatedDetail", { count: cur.pipelineCreated.count }),
    },
    {
      key: "velocity",
      value: velocity === null ? DASH : t("perDay", { value: format.money(velocity) }),
      href: dealsHref(scope, { basis: "openStart", sort: "createdAt" }),
      delta: await deltaFor(scope, num(velocity), num(velocityBefore), { kind: "relative", previousText: velocityBefore === null ? DASH : format.money(velocityBefore) }),
      detail: t("velocityDetail", { open: format.number(openCount(openNow)) }),
    },
    {
      key: "coverage",
      value: times(coverage.current.coverage),
      href: dealsHref(scope, { basis: "coverage", sort: "amount" }),
      delta: await deltaFor(scope, coverage.current.coverage, coverage.previous.coverage, { kind: "relative", previousText: times(coverage.previous.coverage) }),
      detail: t("coverageDetail", {
        open: format.money(coverage.current.openAmount),
        quota: num(coverage.current.quota) ? format.money(coverage.current.quota) : DASH,
      }),
    },
    {
      key: "expansion",
      value: format.money(cur.expansion.revenue),
      href: dealsHref(scope, { basis: "expansion" }),
      delta: await deltaFor(scope, num(cur.expansion.revenue), num(prev.expansion.revenue), { kind: "relative", previousText: format.money(prev.expansion.revenue) }),
      detail: t("expansionDetail", { count: cur.expansion.count }),
    },
    {
      key: "churn",
      value: format.money(cur.churn.amount),
      href: dealsHref(scope, { basis: "churn" }),
      delta: await deltaFor(scope, num(cur.churn.amount), num(prev.churn.amount), { kind: "relative", higherIsBetter: false, previousText: format.money(prev.churn.amount) }),
      detail: t("churnDetail", { count: cur.churn.count, rate: percent(cur.churn.rate) }),
    },
  ] as const;
  return (
    <section aria-labelledby="headline-heading">
      <h2 id="headline-heading" className="sr-only">
        {t("heading")}
      </h2>
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-3 2xl:grid-cols-5">
        {cards.map((card) => (
          <MetricCard
            key={card.key}
            label={t(`${card.key}.label`)}
            value={card.value}
            href={card.href}
            linkLabel={t("showRows", { metric: t(`${card.key}.label`), value: card.value })}
            delta={card.delta}
            detail={card.detail}
          />
        ))}
      </dl>
    </section>
  );
}
