import Link from "next/link";
import { BarListChart } from "@/components/charts/bar-list-chart";
import { MetricCard } from "@/components/kpi/metric-card";
import { Panel } from "@/components/kpi/panel";
import { deltaFor } from "@/components/kpi/panels/delta-for";
import { dealsHref, type DashboardScope } from "@/lib/dashboard/scope";
import { kpiDb } from "@/lib/kpi/kpi-db";
import { queryDealFlags } from "@/lib/kpi/query-deal-flags";
import { queryForecastAccuracy } from "@/lib/kpi/query-forecast-accuracy";
import { queryMeetingsHeld } from "@/lib/kpi/query-meetings-held";
import { queryQualification } from "@/lib/kpi/query-qualification";
import { getTranslations } from "@/lib/i18n/get-translations";

const DASH = "—";
// Enough teaching moments to discuss in one sitting; the drill lists the rest.
const TEACHING_MOMENTS_SHOWN = 12;

/** Section 3: one set of stage rules all year? Compliance, meetings held, misqualified deals and forecast accuracy. */
export async function PipelineReviewEvidence({ scope }: { scope: DashboardScope }) {
  const { viewer, period, previous, filter, format } = scope;
  const [qualification, qualificationBefore, meetings, meetingsBefore, forecast, flagged, t, tFlags] = await Promise.all([
    queryQualification(kpiDb, viewer, { at: period.end, filter }),
    queryQualification(kpiDb, viewer, { at: previous.end, filter }),
    queryMeetingsHeld(kpiDb, viewer, { period, filter }),
    queryMeetingsHeld(kpiDb, viewer, { period: previous, filter }),
    queryForecastAccuracy(kpiDb, viewer, { period, filter }),
    queryDealFlags(kpiDb, viewer, { at: period.end, filter }),
    getTranslations("review.evidence.pipeline"),
    getTranslations("review.flags"),
  ]);
  const percent = (value: number | null) => (value === null ? DASH : format.percent(value));
  const cur = qualification.total;
  const before = qualificationBefore.total;
  const misqualified = flagged.filter((deal) => deal.flags.includes("MISQUALIFIED"));
  const repName = new Map(qualification.reps.map((rep) => [rep.repId, rep.name]));
  const stageName = new Map(scope.labels.pipelines.flatMap((p) => p.stages.map((s) => [s.id, s.name] as const)));
  const bias = forecast.total.bias === null ? null : Number(forecast.total.bias);
  const cards = [
    {
      key: "compliance",
      label: t("compliance"),
      value: percent(cur.compliance),
      href: dealsHref(scope, { basis: "openEnd", sort: "amount" }),
      delta: await deltaFor(scope, cur.compliance, before.compliance, { kind: "points", previousText: percent(before.compliance) }),
      detail: t("complianceDetail", { qualified: format.number(cur.qualified), open: format.number(cur.openDeals) }),
    },
    {
      key: "meetings",
      label: t("meetings"),
      value: format.number(meetings.meetings),
      href: undefined,
      delta: await deltaFor(scope, meetings.meetings, meetingsBefore.meetings, { kind: "relative", previousText: format.number(meetingsBefore.meetings) }),
      detail: t("meetingsDetail", { weeks: meetings.weeks, deals: format.number(meetings.dealsReviewed), decisions: format.number(meetings.decisions) }),
    },
    {
      key: "forecast",
      label: t("forecastAccuracy"),
      value: percent(forecast.total.meanAccuracy),
      href: dealsHref(scope, { basis: "closed", status: "WON" }),
      delta: null,
      detail:
        bias === null
          ? t("noForecast")
          : t(bias >= 0 ? "overForecast" : "underForecast", { amount: format.money(Math.abs(bias)) }),
    },
  ];
  const months = forecast.total.months.filter((month) => month.hasSnapshot);
  const monthName = new Intl.DateTimeFormat(format.locale, { month: "short", year: "numeric", timeZone: "UTC" });
  return (
    <div className="space-y-6">
      <dl className="grid grid-cols-1 gap-4 md:grid-cols-3">
        {cards.map((card) => (
          <MetricCard key={card.key} label={card.label} value={card.value} href={card.href} linkLabel={t("showRows", { metric: card.label, value: card.value })} delta={card.delta ?? undefined} detail={card.detail} />
        ))}
      </dl>
      <Panel id="teaching-heading" title={t("teachingTitle", { count: misqualified.length })} description={t("teachingDescription", { date: format.date(new Date(period.end.getTime() - 1)) })}>
        {misqualified.length === 0 ? (
          <p className="text-sm text-muted">{t("noTeaching")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[720px] text-sm">
              <caption className="sr-only">{t("teachingCaption")}</caption>
              <thead>
                <tr className="border-b border-border text-left text-xs uppercase tracking-wide text-muted">
                  <th scope="col" className="py-2 pr-3 font-medium">{t("deal")}</th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("rep")}</th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("stage")}</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">{t("amount")}</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">{t("daysInStage")}</th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("flags")}</th>
                </tr>
              </thead>
              <tbody>
                {misqualified.slice(0, TEACHING_MOMENTS_SHOWN).map((deal) => (
                  <tr key={deal.dealId} className="border-b border-border/70 last:border-0">
                    <th scope="row" className="py-2 pr-3 text-left font-medium">
                      <Link href={`/deals/${deal.dealId}`} className="underline decoration-border-strong underline-offset-4 hover:decoration-accent">
                        {deal.name}
                      </Link>
                    </th>
                    <td className="px-3 py-2">{repName.get(deal.repId) ?? DASH}</td>
                    <td className="px-3 py-2">{stageName.get(deal.stageId) ?? DASH}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{deal.amount === null ? DASH : format.money(deal.amount)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{format.number(deal.daysInStage)}</td>
                    <td className="px-3 py-2 text-xs">{deal.flags.map((flag) => tFlags(flag)).join(" · ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {misqualified.length > TEACHING_MOMENTS_SHOWN && (
              <p className="mt-2 text-sm text-muted">{t("moreTeaching", { count: misqualified.length - TEACHING_MOMENTS_SHOWN })}</p>
            )}
          </div>
        )}
      </Panel>
      <Panel id="compliance-reps-heading" title={t("repsTitle")} description={t("repsDescription")}>
        <div className="overflow-x-auto">
          <table className="w-full min-w-[560px] text-sm">
            <caption className="sr-only">{t("repsTitle")}</caption>
            <thead>
              <tr className="border-b border-border text-left text-xs uppercase tracking-wide text-muted">
                <th scope="col" className="py-2 pr-3 font-medium">{t("rep")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{t("openDeals")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{t("compliance")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{tFlags("MISQUALIFIED")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{tFlags("STALE")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{tFlags("PAST_CLOSE_DATE")}</th>
              </tr>
            </thead>
            <tbody>
              {qualification.reps.map((rep) => (
                <tr key={rep.repId} className="border-b border-border/70 tabular-nums last:border-0">
                  <th scope="row" className="py-2 pr-3 text-left font-medium">
                    <Link href={dealsHref(scope, { basis: "openEnd", repId: rep.repId, sort: "amount" })} className="underline decoration-border-strong underline-offset-4 hover:decoration-accent">
                      {rep.name}
                    </Link>
                  </th>
                  <td className="px-3 py-2 text-right">{format.number(rep.openDeals)}</td>
                  <td className="px-3 py-2 text-right font-medium">{percent(rep.compliance)}</td>
                  <td className="px-3 py-2 text-right">{format.number(rep.flags.MISQUALIFIED)}</td>
                  <td className="px-3 py-2 text-right">{format.number(rep.flags.STALE)}</td>
                  <td className="px-3 py-2 text-right">{format.number(rep.flags.PAST_CLOSE_DATE)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Panel>
      <Panel id="forecast-heading" title={t("forecastTitle")} description={t("forecastDescription")}>
        {months.length === 0 ? (
          <p className="text-sm text-muted">{t("noForecast")}</p>
        ) : (
          <BarListChart
            data={months.map((month) => ({ label: monthName.format(new Date(`${month.month}-15T12:00:00Z`)), current: Number(month.actual), previous: month.forecast === null ? null : Number(month.forecast) }))}
            format="money"
            locale={{ locale: format.locale, currency: scope.org.currency }}
            labels={{ current: t("actual"), previous: t("forecast"), category: t("month"), value: t("amountAxis"), caption: t("forecastCaption", { period: scope.periodLabel }) }}
          />
        )}
      </Panel>
    </div>
  );
}
