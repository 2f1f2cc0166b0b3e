import Link from "next/link";
import { NextIntlClientProvider } from "next-intl";
import { Panel } from "@/components/kpi/panel";
import { formatMetric } from "@/components/review/format-metric";
import { loadRepProfile } from "@/lib/coaching/load-rep-profile";
import { dashboardSearch } from "@/lib/validation/dashboard-query";
import type { DashboardScope } from "@/lib/dashboard/scope";
import type { CoachedRep } from "@/lib/data/coaching/get-coached-rep";
import { listRepCoaching } from "@/lib/data/coaching/list-rep-coaching";
import { getTranslations } from "@/lib/i18n/get-translations";
import { messagesFor } from "@/lib/i18n/messages";
import { addDays, localDate, monthBuckets } from "@/lib/kpi/period";
import { COACHING_METRICS, METRICS } from "@/lib/review/metric-catalogue";
import {
  COMMITMENT_TEXT_MAX_LENGTH,
  MAX_COMMITMENTS_PER_SESSION,
  NOTES_MAX_LENGTH,
  SESSION_MAX_MINUTES,
  TOPIC_MAX_LENGTH,
} from "@/lib/validation/coaching";
import { AcknowledgeButton, CommitmentStatusForm } from "./commitment-actions";
import { formatTarget } from "./commitment-target";
import { LogSessionForm } from "./log-session-form";

const DASH = "—";
const link = "underline decoration-border-strong underline-offset-4 hover:decoration-accent";

const STATUS_LOOK = {
  OPEN: "bg-accent-soft text-accent-soft-foreground",
  KEPT: "bg-success-soft text-success",
  MISSED: "bg-danger-soft text-danger",
} as const;

/** Coaching hours per month, the commitments (with their automatic check) and the sessions; the coach's forms. */
export async function RepCoachingPanel({ scope, rep, now = new Date() }: { scope: DashboardScope; rep: CoachedRep; now?: Date }) {
  const { viewer, format, period, org } = scope;
  const [profile, coaching, t, tc, tMetrics, tUnits] = await Promise.all([
    loadRepProfile(scope, rep),
    listRepCoaching(viewer, { repId: rep.id, period }, now),
    getTranslations("repProfile.coaching"),
    getTranslations("coaching"),
    getTranslations("review.metrics"),
    getTranslations("review.units"),
  ]);
  const coach = viewer.role !== "REP";
  const own = viewer.role === "REP" && viewer.repId === rep.id;
  const targetMinutes = profile.coachingTargetMinutes;
  const one = (value: number) => format.number(Math.round(value * 10) / 10);
  const buckets = monthBuckets(period);
  // The year only when the period spans more than one.
  const oneYear = new Set(buckets.map((bucket) => bucket.month.slice(0, 4))).size === 1;
  const monthName = new Intl.DateTimeFormat(format.locale, { month: "short", ...(oneYear ? {} : { year: "numeric" }), timeZone: "UTC" });
  const monthHref = (bucket: { start: Date; end: Date; month: string }) => {
    const from = localDate(bucket.start, org.timeZone);
    const to = addDays(localDate(bucket.end, org.timeZone), -1);
    return `/reps/${rep.id}?${dashboardSearch({ ...scope.query, spec: { kind: "custom", from, to } }).toString()}#sessions`;
  };
  const dateTime = new Intl.DateTimeFormat(format.locale, { dateStyle: "medium", timeStyle: "short", timeZone: org.timeZone });
  const metricValue = (metric: (typeof COACHING_METRICS)[number], value: number | null) => formatMetric(format, METRICS[metric].unit, value, tUnits);
  const overdue = coaching.commitments.filter((c) => c.overdue).length;
  const unacknowledged = coaching.commitments.filter((c) => c.acknowledgedAt === null && c.status === "OPEN").length;
  const messages = messagesFor(viewer.locale);
  const wall = new Intl.DateTimeFormat("sv-SE", { timeZone: org.timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const defaultAt = wall.format(now).replace(" ", "T");

  return (
    <Panel id="rep-coaching-heading" title={t("title")} description={t("description", { target: one(targetMinutes / 60), period: scope.periodLabel })}>
      <div className="space-y-6">
        <div className="overflow-x-auto">
          <table className="w-full min-w-[640px] text-sm">
            <caption className="mb-2 text-left text-sm font-medium text-foreground">{t("hoursCaption", { period: scope.periodLabel })}</caption>
            <thead>
              <tr className="border-b border-border text-left text-xs uppercase tracking-wide text-muted">
                <th scope="col" className="py-2 pr-3 font-medium">{t("hours")}</th>
                {buckets.map((bucket) => (
                  <th key={bucket.month} scope="col" className="px-1.5 py-2 text-right font-medium">{monthName.format(new Date(`${bucket.month}-15T12:00:00Z`))}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr className="tabular-nums">
                <th scope="row" className="py-2 pr-3 text-left font-medium">{rep.name}</th>
                {profile.coaching.months.map((month, index) => {
                  const below = month.minutes < targetMinutes;
                  const bucket = buckets[index]!;
                  return (
                    <td key={month.month} className={`px-1.5 py-2 text-right ${below ? "text-danger" : "text-success"}`}>
                      {month.minutes > 0 ? (
                        <Link className={link} href={monthHref(bucket)} aria-label={t("showSessions", { month: monthName.format(new Date(`${month.month}-15T12:00:00Z`)), value: one(month.minutes / 60) })}>
                          {one(month.minutes / 60)}
                        </Link>
                      ) : (
                        one(0)
                      )}
                      {below && <span className="sr-only"> {t("belowTarget")}</span>}
                    </td>
                  );
                })}
              </tr>
            </tbody>
          </table>
          <p className="mt-2 text-sm text-muted">
            {t("mean", { value: one(profile.coaching.meanHoursPerMonth), atTarget: profile.coaching.monthsAtTarget, months: buckets.length })}
            <span aria-hidden="true" className="mx-2">·</span>
            {t("kept", {
              value: profile.coaching.commitmentsKept === null ? DASH : format.percent(profile.coaching.commitmentsKept),
              kept: profile.coaching.kept,
              missed: profile.coaching.missed,
              period: scope.periodLabel,
            })}
          </p>
        </div>

        <section aria-labelledby="commitments-heading" id="commitments">
          <h3 id="commitments-heading" className="text-base font-semibold text-foreground">
            {tc("commitment.heading", { count: coaching.commitments.length })}
          </h3>
          {(overdue > 0 || (own && unacknowledged > 0)) && (
            <p role="note" className="mt-2 rounded-lg border border-danger/40 bg-danger-soft px-3 py-2 text-sm font-medium text-danger">
              {overdue > 0 && tc("commitment.overdueSummary", { count: overdue })} {own && unacknowledged > 0 && tc("commitment.unacknowledgedSummary", { count: unacknowledged })}
            </p>
          )}
          {coaching.commitments.length === 0 ? (
            <p className="mt-2 text-sm text-muted">{tc("commitment.none", { period: scope.periodLabel })}</p>
          ) : (
            <NextIntlClientProvider locale={viewer.locale} messages={{ coaching: messages.coaching }} formats={{}} timeZone={org.timeZone} now={now}>
              <ul className="mt-3 space-y-3">
                {coaching.commitments.map((c) => {
                  const check = c.check;
                  return (
                    <li key={c.id} className={`rounded-lg border p-4 ${c.overdue ? "border-danger/50 bg-danger-soft/40" : "border-border"}`} aria-labelledby={`commitment-${c.id}-text`}>
                      <div className="flex flex-wrap items-start justify-between gap-3">
                        <div className="min-w-0">
                          <p id={`commitment-${c.id}-text`} className="font-medium text-foreground">{c.text}</p>
                          <p className="mt-0.5 text-sm text-muted">
                            {c.metric !== null && c.target !== null ? `${tMetrics(c.metric)} ${formatTarget(format, tUnits, { metric: c.metric, comparator: c.comparator, target: c.target })} · ` : ""}
                            {tc("commitment.due", { date: format.calendarDate(new Date(`${c.dueAt}T00:00:00Z`)) })}
                            {c.sessionAt && <> · {tc("commitment.madeOn", { date: format.date(c.sessionAt) })}</>}
                          </p>
                        </div>
                        <div className="flex flex-wrap items-center gap-2">
                          {c.overdue && <span className="rounded-full bg-danger px-2.5 py-0.5 text-xs font-semibold text-white">{tc("commitment.overdue")}</span>}
                          <span className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ${STATUS_LOOK[c.status]}`}>{tc(`commitment.status.${c.status}`)}</span>
                        </div>
                      </div>
                      {check && c.metric !== null && (
                        <p className="mt-2 text-sm text-foreground">
                          {check.final
                            ? tc("commitment.actualFinal", { value: metricValue(c.metric, check.actual), from: format.calendarDate(new Date(`${check.from}T00:00:00Z`)), to: format.calendarDate(new Date(`${check.to}T00:00:00Z`)) })
                            : tc("commitment.actualSoFar", { value: metricValue(c.metric, check.actual), from: format.calendarDate(new Date(`${check.from}T00:00:00Z`)) })}
                          {check.final && (
                            <span className={`ml-2 font-semibold ${check.proposed === "KEPT" ? "text-success" : check.proposed === "MISSED" ? "text-danger" : "text-muted"}`}>
                              {check.proposed ? tc("commitment.proposes", { status: tc(`commitment.status.${check.proposed}`) }) : tc("commitment.noValue")}
                              {check.proposed && c.status !== "OPEN" && check.proposed !== c.status && ` ${tc("commitment.differs")}`}
                            </span>
                          )}
                        </p>
                      )}
                      {c.statusNote && <p className="mt-1 text-sm text-muted">{tc("commitment.note", { note: c.statusNote })}</p>}
                      <p className="mt-1 text-xs text-muted">{c.acknowledgedAt ? tc("commitment.acknowledgedOn", { date: dateTime.format(c.acknowledgedAt) }) : tc("commitment.notAcknowledged")}</p>
                      {coach && <CommitmentStatusForm commitmentId={c.id} current={c.status} proposed={check?.final ? check.proposed : null} note={c.statusNote} />}
                      {own && c.acknowledgedAt === null && <AcknowledgeButton commitmentId={c.id} />}
                    </li>
                  );
                })}
              </ul>
            </NextIntlClientProvider>
          )}
        </section>

        <section aria-labelledby="sessions-heading" id="sessions">
          <h3 id="sessions-heading" className="text-base font-semibold text-foreground">
            {tc("session.heading", { count: coaching.sessions.length, period: scope.periodLabel })}
          </h3>
          {coaching.sessions.length === 0 ? (
            <p className="mt-2 text-sm text-muted">{tc("session.none", { period: scope.periodLabel })}</p>
          ) : (
            <ul className="mt-3 divide-y divide-border rounded-lg border border-border">
              {coaching.sessions.map((s) => (
                <li key={s.id} className="p-4">
                  <p className="text-sm font-medium text-foreground">
                    {s.topic}
                    <span className="ml-2 font-normal text-muted">
                      {dateTime.format(s.at)} · {tc("session.minutes", { minutes: s.minutes })}
                      {s.manager && <> · {tc("session.with", { manager: s.manager })}</>}
                    </span>
                  </p>
                  {s.notes && <p className="mt-1 whitespace-pre-line text-sm text-foreground">{s.notes}</p>}
                  {s.figures.length > 0 && (
                    <>
                      <dl className="mt-2 flex flex-wrap gap-x-5 gap-y-1 text-sm">
                        {s.figures.map((figure) => (
                          <div key={figure.metric} className="flex gap-1.5">
                            <dt className="text-muted">{tMetrics(figure.metric)}</dt>
                            <dd className="font-medium tabular-nums text-foreground">{metricValue(figure.metric, figure.value)}</dd>
                          </div>
                        ))}
                      </dl>
                      <p className="mt-1 text-xs text-muted">
                        {tc("session.figuresWindow", { from: format.calendarDate(new Date(`${s.figures[0]!.from}T00:00:00Z`)), to: format.calendarDate(new Date(`${s.figures[0]!.to}T00:00:00Z`)) })}
                      </p>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>

        {coach && (
          <div className="rounded-xl border border-border bg-surface-muted/40 p-4">
            <NextIntlClientProvider locale={viewer.locale} messages={{ coaching: messages.coaching }} formats={{}} timeZone={org.timeZone} now={now}>
              <LogSessionForm
                repId={rep.id}
                defaultAt={defaultAt}
                metrics={COACHING_METRICS.map((key) => ({ key, label: tMetrics(key), unit: METRICS[key].unit }))}
                limits={{ maxMinutes: SESSION_MAX_MINUTES, maxCommitments: MAX_COMMITMENTS_PER_SESSION, topic: TOPIC_MAX_LENGTH, notes: NOTES_MAX_LENGTH, text: COMMITMENT_TEXT_MAX_LENGTH }}
              />
            </NextIntlClientProvider>
          </div>
        )}
      </div>
    </Panel>
  );
}
