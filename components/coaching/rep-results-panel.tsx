import { num } from "@/components/kpi/change";
import { MetricCard } from "@/components/kpi/metric-card";
import { deltaFor } from "@/components/kpi/panels/delta-for";
import { loadRepProfile } from "@/lib/coaching/load-rep-profile";
import { dealsHref, type DashboardScope } from "@/lib/dashboard/scope";
import type { CoachedRep } from "@/lib/data/coaching/get-coached-rep";
import { getTranslations } from "@/lib/i18n/get-translations";

const DASH = "—";

/** Win rate, cycle and quota attainment (with revenue and deals won) for P against P′ and the team's median rep. */
export async function RepResultsPanel({ scope, rep }: { scope: DashboardScope; rep: CoachedRep }) {
  const [profile, t] = await Promise.all([loadRepProfile(scope, rep), getTranslations("repProfile.results")]);
  const { format } = scope;
  const cur = profile.deals.current;
  const prev = profile.deals.previous;
  const median = profile.team;
  const money = (value: string | number | null) => (value === null ? DASH : format.money(value));
  const percent = (value: number | null) => (value === null ? DASH : format.percent(value));
  const one = (value: number | null) => (value === null ? DASH : format.number(Math.round(value * 10) / 10));
  const days = (value: number | null) => (value === null ? DASH : t("days", { value: one(value) }));
  const won = { basis: "closed" as const, status: "WON" as const, repId: rep.id };
  const cards = [
    {
      key: "winRate",
      value: percent(cur.winRate),
      median: percent(median.winRate),
      href: dealsHref(scope, { basis: "closed", repId: rep.id }),
      delta: await deltaFor(scope, cur.winRate, prev.winRate, { kind: "points", previousText: percent(prev.winRate) }),
      detail: t("winRateDetail", { won: cur.won, lost: cur.lost }),
    },
    {
      key: "cycle",
      value: days(cur.cycleMeanDays),
      median: days(median.cycleMeanDays),
      href: dealsHref(scope, { ...won, sort: "cycle" }),
      delta: await deltaFor(scope, cur.cycleMeanDays, prev.cycleMeanDays, { kind: "relative", higherIsBetter: false, previousText: days(prev.cycleMeanDays) }),
      detail: t("cycleDetail", { median: days(cur.cycleMedianDays) }),
    },
    {
      key: "attainment",
      value: percent(cur.quotaAttainment),
      median: percent(median.quotaAttainment),
      href: dealsHref(scope, won),
      delta: await deltaFor(scope, cur.quotaAttainment, prev.quotaAttainment, { kind: "points", previousText: percent(prev.quotaAttainment) }),
      detail: t("attainmentDetail", { revenue: money(cur.revenue), quota: money(cur.quota) }),
    },
    {
      key: "revenue",
      value: money(cur.revenue),
      median: money(median.revenue),
      href: dealsHref(scope, won),
      delta: await deltaFor(scope, num(cur.revenue), num(prev.revenue), { kind: "relative", previousText: money(prev.revenue) }),
      detail: null,
    },
  ] as const;
  return (
    <section aria-labelledby="rep-results-heading">
      <h2 id="rep-results-heading" className="mb-3 text-lg font-semibold tracking-tight text-foreground">
        {t("title")}
      </h2>
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {cards.map((card) => (
          <MetricCard
            key={card.key}
            label={t(`cards.${card.key}`)}
            value={card.value}
            href={card.href}
            linkLabel={t("showDeals", { metric: t(`cards.${card.key}`), value: card.value })}
            delta={card.delta}
            detail={
              <>
                {card.detail && <span className="block">{card.detail}</span>}
                <span className="block">{t("median", { value: card.median, reps: median.reps })}</span>
              </>
            }
          />
        ))}
      </dl>
    </section>
  );
}
