import Link from "next/link";
import { BarListChart } from "@/components/charts/bar-list-chart";
import { changeOf } from "@/components/kpi/change";
import { Delta } from "@/components/kpi/delta";
import { formatChange } from "@/components/kpi/format-change";
import { CohortOpenNote } from "@/components/kpi/cohort-open-note";
import { Panel } from "@/components/kpi/panel";
import { getLeadMetrics } from "@/lib/kpi/get-lead-metrics";
import { handoffBottleneck } from "@/lib/review/insights/handoff-bottleneck";
import { LEAD_SOURCES } from "@/lib/kpi/query-lead-metrics";
import { getTranslations } from "@/lib/i18n/get-translations";
import { firstMeetingsHref, handedOverDealsHref, handedOverWonHref, leadsHref, type DashboardScope } from "@/lib/dashboard/scope";

// A step whose conversion fell by at least this many points on P′ is called out (KPI.md HANDOFF_BOTTLENECK spirit).
const BOTTLENECK_DROP = 0.05;

/** Lead flow by source, and the SDR → AE hand-over chain with each step's conversion against the previous period. */
export async function LeadsPanel({ scope }: { scope: DashboardScope }) {
  const [leads, t, tSources] = await Promise.all([
    // A scope without SDRs (an AE team) follows the leads handed over to it (lib/kpi/lead-side.ts).
    getLeadMetrics(scope.viewer, { period: scope.period, filter: scope.filter, side: "auto" }),
    getTranslations("dashboard.leads"),
    getTranslations("dashboard.sources"),
  ]);
  const { format } = scope;
  const received = leads.side === "receiver";
  const title = received ? t("received.title") : t("title");
  const description = received ? t("received.description") : t("description");
  const cur = leads.total.current;
  const prev = leads.total.previous;
  const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);
  const steps = [
    { key: "handedOver", count: cur.handedOver, before: prev.handedOver, rate: null, rateBefore: null, href: leadsHref(scope, { basis: "handedOver" }) },
    { key: "opportunity", count: cur.converted, before: prev.converted, rate: share(cur.converted, cur.handedOver), rateBefore: share(prev.converted, prev.handedOver), href: leadsHref(scope, { basis: "handedOver", outcome: "converted" }) },
    { key: "firstMeeting", count: cur.firstMeetings, before: prev.firstMeetings, rate: share(cur.firstMeetings, cur.converted), rateBefore: share(prev.firstMeetings, prev.converted), href: firstMeetingsHref(scope) },
    { key: "won", count: cur.wonDeals, before: prev.wonDeals, rate: share(cur.wonDeals, cur.firstMeetings), rateBefore: share(prev.wonDeals, prev.firstMeetings), href: handedOverWonHref(scope) },
  ] as const;
  const drops = steps.map((step) => (step.rate !== null && step.rateBefore !== null ? step.rateBefore - step.rate : 0));
  const worst = drops.reduce((best, drop, index) => (drop > (drops[best] ?? 0) ? index : best), 0);
  const bottleneck = (drops[worst] ?? 0) >= BOTTLENECK_DROP ? worst : -1;
  const percent = (value: number | null) => (value === null ? "—" : format.percent(value));
  const sources = LEAD_SOURCES.map((source) => ({ label: tSources(source), current: cur.createdBySource[source], previous: prev.createdBySource[source] }));
  const link = "underline decoration-border-strong underline-offset-4 hover:decoration-accent";
  const rule = handoffBottleneck(cur, prev);
  const handoff = rule
    ? t("handoff", {
        handed: format.percent(rule.handedOver.change),
        handedNow: format.number(rule.handedOver.current),
        handedBefore: format.number(rule.handedOver.previous),
        meetings: new Intl.NumberFormat(format.locale, { style: "percent", maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(rule.firstMeetings.change),
        meetingsNow: format.number(rule.firstMeetings.current),
        meetingsBefore: format.number(rule.firstMeetings.previous),
        rateNow: format.percent(rule.conversion.current),
        rateBefore: format.percent(rule.conversion.previous),
      })
    : null;

  if (cur.created + cur.handedOver + prev.created + prev.handedOver === 0) {
    return (
      <Panel id="leads-heading" title={title} description={description}>
        <p className="text-sm text-muted">{received ? t("received.noLeads") : t("noLeads")}</p>
      </Panel>
    );
  }

  return (
    <Panel id="leads-heading" title={title} description={description}>
      {handoff && (
        <p className="mb-4 rounded-lg border border-danger bg-danger-soft px-4 py-3 text-sm text-foreground">
          <span aria-hidden="true" className="font-semibold text-danger">⚠ </span>
          {handoff}
        </p>
      )}
      <div className="grid gap-8 xl:grid-cols-[3fr_2fr]">
        <div>
          <h3 className="text-base font-semibold text-foreground">{t("chainTitle")}</h3>
          <ol className="mt-3 grid gap-3 sm:grid-cols-2 2xl:grid-cols-4">
            {steps.map((step, index) => {
              const change = changeOf(step.count, step.before, { kind: "relative" });
              const rateChange = changeOf(step.rate, step.rateBefore, { kind: "points" });
              const isBottleneck = index === bottleneck;
              return (
                <li
                  key={step.key}
                  className={`rounded-lg border p-4 ${isBottleneck ? "border-danger bg-danger-soft" : "border-border bg-surface-muted/60"}`}
                >
                  <p className="text-sm font-medium text-muted">
                    <span aria-hidden="true">{index + 1}. </span>
                    {t(`steps.${step.key}`)}
                  </p>
                  <p className="mt-1 text-2xl font-semibold tabular-nums text-foreground">
                    {step.href && step.count > 0 ? (
                      <Link
                        className={link}
                        href={step.href}
                        aria-label={t(step.key === "firstMeeting" ? "showDeals" : "showRows", { step: t(`steps.${step.key}`), value: format.number(step.count) })}
                      >
                        {format.number(step.count)}
                      </Link>
                    ) : (
                      format.number(step.count)
                    )}
                  </p>
                  <p className="mt-1 text-sm">
                    <Delta
                      change={change}
                      text={formatChange(change, format.locale)}
                      label={t("countChange", { change: formatChange(change, format.locale), previous: format.number(step.before), period: scope.previousLabel })}
                    />{" "}
                    <span className="text-xs text-muted">{t("was", { previous: format.number(step.before), period: scope.previousLabel })}</span>
                  </p>
                  {step.rate !== null || step.rateBefore !== null ? (
                    <p className="mt-2 text-sm text-foreground">
                      {t("stepRate", { rate: percent(step.rate), before: percent(step.rateBefore), period: scope.previousLabel })}
                      {rateChange && (
                        <span className="ml-1">
                          <Delta
                            change={rateChange}
                            text={t("points", { value: formatChange(rateChange, format.locale) })}
                            label={t("rateChange", { change: formatChange(rateChange, format.locale) })}
                          />
                        </span>
                      )}
                    </p>
                  ) : null}
                  {isBottleneck && (
                    <p className="mt-2 text-sm font-semibold text-danger">
                      <span aria-hidden="true">⚠ </span>
                      {t("bottleneck", { drop: format.number(Math.round((drops[index] ?? 0) * 1000) / 10) })}
                    </p>
                  )}
                </li>
              );
            })}
          </ol>
          <p className="mt-3 text-xs text-muted">{t("chainNote", { closeRate: percent(cur.closeRate), before: percent(prev.closeRate) })}</p>
          <CohortOpenNote
            period={scope.period}
            periodLabel={scope.periodLabel}
            kind="chain"
            open={cur.openDeals}
            href={handedOverDealsHref(scope, "OPEN")}
            formatNumber={format.number}
          />
        </div>
        <div>
          <h3 className="text-base font-semibold text-foreground">
            {received ? t("received.flowTitle") : t("flowTitle")}{" "}
            <Link className={`${link} font-normal text-muted`} href={leadsHref(scope, { basis: "created" })}>
              {t("created", { count: cur.created })}
            </Link>
          </h3>
          <div className="mt-3">
            <BarListChart
              data={sources}
              format="number"
              locale={{ locale: format.locale, currency: scope.org.currency }}
              labels={{ current: scope.periodLabel, previous: scope.previousLabel, category: t("source"), value: t("leadsAxis"), caption: t("flowCaption", { period: scope.periodLabel }) }}
            />
          </div>
        </div>
      </div>
    </Panel>
  );
}
