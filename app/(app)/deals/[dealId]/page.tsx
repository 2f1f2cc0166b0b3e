import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";
import { CriterionAnswerForm } from "@/components/deal/criterion-answer-form";
import { NextStepForm } from "@/components/deal/next-step-form";
import { requireViewer } from "@/lib/auth/require-viewer";
import { FlagBadges } from "@/components/pipeline/flag-badges";
import { getDeal } from "@/lib/data/get-deal";
import { kpiDb } from "@/lib/kpi/kpi-db";
import { addDays, daysBetweenDates, localDate } from "@/lib/kpi/period";
import { DEAL_FLAGS, type DealFlag } from "@/lib/kpi/qualification-sql";
import { queryDealFlags } from "@/lib/kpi/query-deal-flags";
import { liveFlagsAt } from "@/lib/kpi/qualification-sql";
import { activityDrillEntries } from "@/lib/validation/activity-drill";
import { dashboardSearch, MAX_CUSTOM_DAYS } from "@/lib/validation/dashboard-query";
import { getOrganization } from "@/lib/data/get-organization";
import { getFormatter } from "@/lib/i18n/get-formatter";
import { getTranslations } from "@/lib/i18n/get-translations";
import { messagesFor } from "@/lib/i18n/messages";
import { idField } from "@/lib/validation/admin-fields";
import { NEXT_STEP_MAX_LENGTH } from "@/lib/validation/deal-edit";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  return { title: t("dealTitle") };
}

function Panel({ id, title, intro, children }: { id: string; title: string; intro?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-xl border border-border bg-surface p-5 shadow-sm">
      <h2 id={id} className="text-base font-semibold text-foreground">
        {title}
      </h2>
      {intro && <p className="mt-1 text-sm text-muted">{intro}</p>}
      <div className="mt-4">{children}</div>
    </section>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium uppercase tracking-wide text-muted">{label}</dt>
      <dd className="mt-1 text-sm text-foreground tabular-nums">{children}</dd>
    </div>
  );
}

const STATUS_LOOK = {
  OPEN: "bg-accent-soft text-accent-soft-foreground",
  WON: "bg-success-soft text-success",
  LOST: "bg-surface-muted text-muted",
} as const;

// Visible to the deal's owner, the manager of the owner's team and admins; anyone else sees "not found".
export default async function DealPage({ params }: { params: Promise<{ dealId: string }> }) {
  const viewer = await requireViewer();
  const dealId = idField.safeParse((await params).dealId);
  if (!dealId.success) notFound();
  const deal = await getDeal(viewer, dealId.data);
  if (!deal) notFound();
  const now = new Date();
  const [org, t, tFlags, flagged] = await Promise.all([
    getOrganization(viewer),
    getTranslations("deal"),
    getTranslations("review.flags"),
    // The pipeline's flags for this one deal (none when it is closed): the same query the pipeline view reads.
    deal.status === "OPEN" ? queryDealFlags(kpiDb, viewer, { at: liveFlagsAt(now), dealId: deal.id, onlyFlagged: false }) : Promise.resolve([]),
  ]);
  const flags = flagged[0]?.flags ?? [];
  // Every activity on the deal: the activity drill over the days from the first one to today (within its longest range).
  const today = localDate(now, org.timeZone);
  const firstDay = deal.firstActivityAt === null ? today : localDate(deal.firstActivityAt, org.timeZone);
  const from = daysBetweenDates(firstDay, today) > MAX_CUSTOM_DAYS ? addDays(today, -MAX_CUSTOM_DAYS) : firstDay;
  const activitiesHref = `/drill/activities?${dashboardSearch({ spec: { kind: "custom", from, to: today }, pipelineId: undefined, teamId: undefined }, activityDrillEntries({ dealId: deal.id })).toString()}`;
  const flagNames = Object.fromEntries(DEAL_FLAGS.map((flag) => [flag, tFlags(flag)])) as Record<DealFlag, string>;
  const format = await getFormatter(org);
  const dateTime = new Intl.DateTimeFormat(format.locale, { dateStyle: "medium", timeStyle: "short", timeZone: org.timeZone });
  const messages = messagesFor(viewer.locale);
  const none = t("none");
  const isOpen = deal.status === "OPEN";
  const firstStage = deal.criteriaStages[0]?.stageId === deal.stage.id;
  const hasSynthesized = deal.history.some((step) => step.synthesized);

  return (
    <NextIntlClientProvider locale={viewer.locale} messages={{ deal: messages.deal, errors: messages.errors }} formats={{}} timeZone={org.timeZone} now={new Date()}>
      <div className="space-y-6">
        <div>
          <p className="text-sm font-semibold uppercase tracking-wide text-muted">{t("eyebrow")}</p>
          <div className="mt-1 flex flex-wrap items-center gap-3">
            <h1 className="text-2xl font-semibold tracking-tight text-foreground">{deal.name}</h1>
            <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold ${STATUS_LOOK[deal.status]}`}>{t(`statuses.${deal.status}`)}</span>
          </div>
          <p className="mt-1.5 text-sm text-muted">
            {deal.account ?? none}
            <span aria-hidden="true" className="mx-2">·</span>
            {deal.owner}
            <span aria-hidden="true" className="mx-2">·</span>
            {deal.pipeline} / {deal.stage.name}
          </p>
        </div>

        <section aria-label={t("facts")} className="rounded-xl border border-border bg-surface p-5 shadow-sm">
          <dl className="grid grid-cols-2 gap-x-6 gap-y-4 md:grid-cols-3 xl:grid-cols-5">
            <Fact label={t("owner")}>{deal.owner}</Fact>
            <Fact label={t("account")}>{deal.account ?? none}</Fact>
            <Fact label={t("pipeline")}>{deal.pipeline}</Fact>
            <Fact label={t("stage")}>{deal.stage.name}</Fact>
            <Fact label={t("amount")}>{deal.amount === null ? none : format.money(deal.amount)}</Fact>
            <Fact label={t("createdAt")}>{format.date(deal.createdAt)}</Fact>
            <Fact label={t("expectedCloseAt")}>{deal.expectedCloseAt ? format.calendarDate(deal.expectedCloseAt) : none}</Fact>
            <Fact label={t("closedAt")}>{deal.closedAt ? format.date(deal.closedAt) : none}</Fact>
            <Fact label={t("status")}>{t(`statuses.${deal.status}`)}</Fact>
            <Fact label={t("forecastCategory")}>{t(`forecast.${deal.forecastCategory}`)}</Fact>
          </dl>
        </section>

        <section
          aria-labelledby="deal-qualification"
          className={`rounded-xl border p-5 shadow-sm ${!isOpen ? "border-border bg-surface" : deal.qualified ? "border-success/40 bg-success-soft" : "border-danger/40 bg-danger-soft"}`}
        >
          <h2 id="deal-qualification" className="text-sm font-medium text-muted">
            {t("qualification")}
          </h2>
          {isOpen ? (
            <>
              <p className={`mt-1 text-xl font-semibold ${deal.qualified ? "text-success" : "text-danger"}`}>
                <span aria-hidden="true" className="mr-2">{deal.qualified ? "✓" : "✗"}</span>
                {deal.qualified ? t("qualified") : t("notQualified")}
              </p>
              <p className="mt-1 text-sm text-foreground">
                {!deal.qualified
                  ? t("notQualifiedHint", { count: deal.unqualifiedCount, stage: deal.stage.name })
                  : firstStage
                    ? t("qualifiedFirstStage", { stage: deal.stage.name })
                    : t("qualifiedHint", { stage: deal.stage.name })}
              </p>
            </>
          ) : (
            <p className="mt-1 text-sm text-foreground">{t("closedNotRated")}</p>
          )}
          {isOpen && (
            <div className="mt-3 border-t border-border/60 pt-3">
              <h3 className="text-sm font-medium text-muted">{t("flagsHeading")}</h3>
              <div className="mt-1.5">
                <FlagBadges flags={flags} labels={flagNames} noneLabel={t("noFlags")} />
              </div>
            </div>
          )}
        </section>

        <div className="grid items-start gap-6 2xl:grid-cols-2">
          <Panel id="deal-next-step-heading" title={t("nextStepHeading")} intro={isOpen ? t("nextStepIntro") : t("closedReadOnly")}>
            {isOpen ? (
              <NextStepForm
                deal={{ id: deal.id, nextStep: deal.nextStep, expectedCloseAt: deal.expectedCloseAt?.toISOString().slice(0, 10) ?? null }}
                maxLength={NEXT_STEP_MAX_LENGTH}
              />
            ) : (
              <p className="whitespace-pre-line text-sm text-foreground">{deal.nextStep ?? t("noNextStep")}</p>
            )}
          </Panel>

          <Panel id="deal-history-heading" title={t("historyHeading")}>
            {deal.history.length === 0 ? (
              <p className="text-sm text-muted">{t("historyEmpty")}</p>
            ) : (
              <div className="overflow-x-auto">
                <table className="w-full text-sm">
                  <caption className="sr-only">{t("historyCaption")}</caption>
                  <thead className="border-b border-border text-xs text-muted">
                    <tr>
                      <th scope="col" className="py-2 pr-3 text-left font-medium">{t("historyFrom")}</th>
                      <th scope="col" className="px-3 py-2 text-left font-medium">{t("historyTo")}</th>
                      <th scope="col" className="px-3 py-2 text-left font-medium">{t("historyAt")}</th>
                      <th scope="col" className="px-3 py-2 text-right font-medium">{t("historyDays")}</th>
                      <th scope="col" className="py-2 pl-3 text-left font-medium">{t("historyBy")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {deal.history.map((step, index) => (
                      <tr key={step.id} className="border-b border-border/70 last:border-0">
                        <td className="py-2 pr-3 text-muted">{step.from ?? t("historyStart")}</td>
                        <th scope="row" className="px-3 py-2 text-left font-medium text-foreground">
                          {step.to}
                          {step.synthesized && (
                            <span className="ml-2 rounded-full bg-surface-muted px-2 py-0.5 text-xs font-normal text-muted">{t("synthesized")}</span>
                          )}
                        </th>
                        <td className="whitespace-nowrap px-3 py-2 tabular-nums">{dateTime.format(step.at)}</td>
                        <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                          {step.stayDays !== null
                            ? format.days(step.stayDays)
                            : index === deal.history.length - 1 && isOpen && flagged[0]
                              ? t("historySoFar", { days: flagged[0].daysInStage })
                              : none}
                        </td>
                        <td className="whitespace-nowrap py-2 pl-3">{step.by ?? none}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {hasSynthesized && <p className="mt-3 text-xs text-muted">{t("synthesizedNote")}</p>}
              </div>
            )}
          </Panel>
        </div>

        <Panel id="deal-criteria-heading" title={t("criteriaHeading")} intro={isOpen ? t("criteriaIntro") : t("closedReadOnly")}>
          <ol className="space-y-5">
            {deal.criteriaStages.map((stage) => (
              <li key={stage.stageId}>
                <h3 className="flex flex-wrap items-center gap-2 text-sm font-semibold text-foreground">
                  {t("stageNumber", { position: stage.position, name: stage.name })}
                  {stage.isCurrent && (
                    <span className="rounded-full bg-accent-soft px-2 py-0.5 text-xs font-medium text-accent-soft-foreground">{t("currentStage")}</span>
                  )}
                </h3>
                {stage.criteria.length === 0 ? (
                  <p className="mt-2 text-sm text-muted">{t("noCriteria")}</p>
                ) : (
                  <ul className="mt-2 divide-y divide-border/70 rounded-lg border border-border">
                    {stage.criteria.map((criterion) => {
                      const answer = criterion.answer === null ? null : criterion.answer ? t("yes") : t("no");
                      return (
                        <li key={criterion.id} className="flex flex-wrap items-start justify-between gap-3 px-4 py-3">
                          <div className="min-w-0 flex-1 basis-72">
                            <p className="text-sm text-foreground">{criterion.question}</p>
                            <p className="mt-0.5 text-xs text-muted">
                              {answer === null || criterion.answeredAt === null
                                ? t("unanswered")
                                : criterion.answeredBy
                                  ? t("answeredBy", { answer, who: criterion.answeredBy, date: dateTime.format(criterion.answeredAt) })
                                  : t("answeredAt", { answer, date: dateTime.format(criterion.answeredAt) })}
                            </p>
                          </div>
                          {isOpen && <CriterionAnswerForm dealId={deal.id} criterion={{ id: criterion.id, question: criterion.question, answer: criterion.answer }} />}
                        </li>
                      );
                    })}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        </Panel>

        <div className="grid items-start gap-6 xl:grid-cols-2">
          <Panel id="deal-activities-heading" title={t("activitiesHeading")} intro={t("activitiesIntro")}>
            {deal.activities.length === 0 ? (
              <p className="text-sm text-muted">{t("activitiesEmpty")}</p>
            ) : (
              <div className="overflow-x-auto">
                <table className="w-full text-sm">
                  <caption className="sr-only">{t("activitiesCaption")}</caption>
                  <thead className="border-b border-border text-xs text-muted">
                    <tr>
                      <th scope="col" className="py-2 pr-3 text-left font-medium">{t("activityWhen")}</th>
                      <th scope="col" className="px-3 py-2 text-left font-medium">{t("activityType")}</th>
                      <th scope="col" className="px-3 py-2 text-left font-medium">{t("activityRep")}</th>
                      <th scope="col" className="py-2 pl-3 text-left font-medium">{t("activityResponse")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {deal.activities.map((activity) => (
                      <tr key={activity.id} className="border-b border-border/70 last:border-0">
                        <td className="whitespace-nowrap py-2 pr-3 tabular-nums">{dateTime.format(activity.at)}</td>
                        <td className="px-3 py-2">{t(`activityTypes.${activity.type}`)}</td>
                        <td className="px-3 py-2">{activity.rep}</td>
                        <td className={`py-2 pl-3 ${activity.responded ? "text-success" : "text-muted"}`}>{activity.responded ? t("responded") : t("notResponded")}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {deal.activityCount > deal.activities.length && (
                  <p className="mt-3 text-sm">
                    <Link href={activitiesHref} className="text-accent underline-offset-4 hover:underline">
                      {t("activitiesMore", { shown: deal.activities.length, count: deal.activityCount })}
                    </Link>
                  </p>
                )}
              </div>
            )}
          </Panel>

          <Panel id="deal-decisions-heading" title={t("decisionsHeading")} intro={t("decisionsIntro")}>
            {deal.decisions.length === 0 ? (
              <p className="text-sm text-muted">{t("decisionsEmpty")}</p>
            ) : (
              <ol className="divide-y divide-border/70 rounded-lg border border-border">
                {deal.decisions.map((decision) => (
                  <li key={decision.id} className="px-4 py-3">
                    <p className="text-sm font-semibold text-foreground">
                      {t(`decisionKinds.${decision.kind}`)}
                    </p>
                    <p className="mt-0.5 text-xs text-muted">
                      {t("decisionMeta", { date: format.date(decision.meetingAt) })}
                      {decision.by && <> · {t("decisionBy", { who: decision.by })}</>}
                    </p>
                    {decision.note && <p className="mt-1 text-sm text-foreground">{decision.note}</p>}
                    {decision.flags.length > 0 && (
                      <p className="mt-1 text-xs text-muted">
                        {t("decisionFlags", { flags: decision.flags.map((flag) => (flag in flagNames ? flagNames[flag as DealFlag] : flag)).join(", ") })}
                      </p>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </Panel>
        </div>
      </div>
    </NextIntlClientProvider>
  );
}
