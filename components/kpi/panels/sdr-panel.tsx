import Link from "next/link";
import { MetricCard } from "@/components/kpi/metric-card";
import { Panel } from "@/components/kpi/panel";
import { getActivityMetrics } from "@/lib/kpi/get-activity-metrics";
import { getLeadMetrics } from "@/lib/kpi/get-lead-metrics";
import { handOverToFirstMeeting } from "@/lib/kpi/query-lead-metrics";
import { getTranslations } from "@/lib/i18n/get-translations";
import { dealDrillEntries } from "@/lib/validation/dashboard-drill";
import { dashboardSearch } from "@/lib/validation/dashboard-query";
import { activitiesHref, firstMeetingsHref, handedOverWonHref, leadsHref, type DashboardScope } from "@/lib/dashboard/scope";
import { deltaFor } from "./delta-for";

const DASH = "—";
const NUMERIC = "px-3 py-2.5 text-right tabular-nums whitespace-nowrap";
const LINK = "underline decoration-border-strong underline-offset-4 hover:decoration-accent";

/**
 * The dashboard of a scope whose reps are all SDRs (lib/kpi/lead-side.ts): they sell nothing themselves, so instead
 * of revenue cards it shows their work (leads, activities and response rate) and what their hand-overs became
 * (first meetings, won deals), for the scope and per SDR. Every number opens its rows.
 */
export async function SdrPanel({ scope }: { scope: DashboardScope }) {
  const { viewer, period, filter, format } = scope;
  const [leads, activities, t] = await Promise.all([
    getLeadMetrics(viewer, { period, filter }),
    getActivityMetrics(viewer, { period, filter }),
    getTranslations("dashboard.sdr"),
  ]);
  const cur = leads.total.current;
  const prev = leads.total.previous;
  const act = activities.total.current;
  const actBefore = activities.total.previous;
  const percent = (value: number | null) => (value === null ? DASH : format.percent(value));
  const number = (value: number | null) => (value === null ? DASH : format.number(Math.round(value * 10) / 10));
  const meetingRate = handOverToFirstMeeting(cur);
  const meetingRateBefore = handOverToFirstMeeting(prev);
  const cards = [
    {
      key: "leads",
      value: format.number(cur.created),
      href: leadsHref(scope, { basis: "created" }),
      delta: await deltaFor(scope, cur.created, prev.created, { kind: "relative", previousText: format.number(prev.created) }),
      detail: t("leadsDetail"),
    },
    {
      key: "activities",
      value: format.number(act.count),
      href: activitiesHref(scope, {}),
      delta: await deltaFor(scope, act.count, actBefore.count, { kind: "relative", previousText: format.number(actBefore.count) }),
      detail: t("activitiesDetail", { perDay: number(act.perWorkingDay) }),
    },
    {
      key: "responseRate",
      value: percent(act.responseRate),
      href: activitiesHref(scope, {}),
      delta: await deltaFor(scope, act.responseRate, actBefore.responseRate, { kind: "points", previousText: percent(actBefore.responseRate) }),
      detail: t("responseRateDetail", { responded: format.number(act.responded), count: format.number(act.count) }),
    },
    {
      key: "handedOver",
      value: format.number(cur.handedOver),
      href: leadsHref(scope, { basis: "handedOver" }),
      delta: await deltaFor(scope, cur.handedOver, prev.handedOver, { kind: "relative", previousText: format.number(prev.handedOver) }),
      detail: t("handedOverDetail", { rate: percent(cur.leadToOpportunity) }),
    },
    {
      key: "firstMeetings",
      value: percent(meetingRate),
      href: firstMeetingsHref(scope),
      delta: await deltaFor(scope, meetingRate, meetingRateBefore, { kind: "points", previousText: percent(meetingRateBefore) }),
      detail: t("firstMeetingsDetail", { count: cur.firstMeetings }),
    },
    {
      key: "won",
      value: percent(cur.closeRate),
      href: handedOverWonHref(scope),
      delta: await deltaFor(scope, cur.closeRate, prev.closeRate, { kind: "points", previousText: percent(prev.closeRate) }),
      detail: t("wonDetail", { count: cur.wonDeals }),
    },
  ] as const;

  const activityOf = new Map(activities.reps.map((rep) => [rep.repId, rep.current]));
  // The hand-over chain ignores the pipeline filter (as firstMeetingsHref and handedOverWonHref do).
  const chainQuery = { ...scope.query, pipelineId: undefined };
  const chainHref = (repId: number, extra: { basis: "firstMeeting" | "fromHandedOver"; status?: "WON" }) =>
    `/drill/deals?${dashboardSearch(chainQuery, dealDrillEntries({ ...extra, repId, sort: "createdAt" })).toString()}`;
  const cell = (href: string | null, text: string, label: string) =>
    href && text !== DASH ? (
      <Link href={href} aria-label={label} className={LINK}>
        {text}
      </Link>
    ) : (
      text
    );

  return (
    <>
      <section aria-labelledby="sdr-cards-heading">
        <h2 id="sdr-cards-heading" className="sr-only">
          {t("heading")}
        </h2>
        <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-3">
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
      <Panel id="sdr-reps-heading" title={t("repsTitle")} description={t("repsDescription", { period: scope.periodLabel })}>
        {leads.reps.length === 0 ? (
          <p className="text-sm text-muted">{t("noReps")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[52rem] text-sm">
              <caption className="sr-only">{t("repsCaption", { period: scope.periodLabel })}</caption>
              <thead>
                <tr className="border-b border-border text-xs text-muted">
                  <th scope="col" className="px-3 py-2 text-left font-medium">{t("columns.rep")}</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">{t("columns.leads")}</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">{t("columns.activities")}</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">{t("columns.responseRate")}</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">{t("columns.handedOver")}</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">{t("columns.firstMeetings")}</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">{t("columns.won")}</th>
                </tr>
              </thead>
              <tbody>
                {leads.reps.map((rep) => {
                  const a = activityOf.get(rep.repId);
                  const f = rep.current;
                  const rate = handOverToFirstMeeting(f);
                  const label = (column: "leads" | "activities" | "responseRate" | "handedOver" | "firstMeetings" | "won", value: string) => t("showRepRows", { rep: rep.name, metric: t(`columns.${column}`), value });
                  return (
                    <tr key={rep.repId} className="border-t border-border">
                      <th scope="row" className="px-3 py-2.5 text-left font-medium text-foreground">
                        <Link href={`/reps/${rep.repId}`} className={LINK}>
                          {rep.name}
                        </Link>
                      </th>
                      <td className={NUMERIC}>{cell(leadsHref(scope, { basis: "created", repId: rep.repId }), format.number(f.created), label("leads", format.number(f.created)))}</td>
                      <td className={NUMERIC}>{cell(activitiesHref(scope, { repId: rep.repId }), format.number(a?.count ?? 0), label("activities", format.number(a?.count ?? 0)))}</td>
                      <td className={NUMERIC}>{cell(activitiesHref(scope, { repId: rep.repId }), percent(a?.responseRate ?? null), label("responseRate", percent(a?.responseRate ?? null)))}</td>
                      <td className={NUMERIC}>{cell(leadsHref(scope, { basis: "handedOver", repId: rep.repId }), format.number(f.handedOver), label("handedOver", format.number(f.handedOver)))}</td>
                      <td className={NUMERIC}>
                        {cell(chainHref(rep.repId, { basis: "firstMeeting" }), format.number(f.firstMeetings), label("firstMeetings", format.number(f.firstMeetings)))}
                        <span className="ml-1.5 text-xs text-muted">{percent(rate)}</span>
                      </td>
                      <td className={NUMERIC}>
                        {cell(chainHref(rep.repId, { basis: "fromHandedOver", status: "WON" }), format.number(f.wonDeals), label("won", format.number(f.wonDeals)))}
                        <span className="ml-1.5 text-xs text-muted">{percent(f.closeRate)}</span>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <p className="mt-3 text-xs text-muted">{t("repsNote")}</p>
      </Panel>
    </>
  );
}
