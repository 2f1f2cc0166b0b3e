import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";
import { ActionPlanStep } from "@/components/review/action-plan-step";
import { CoachingEvidence } from "@/components/review/evidence/coaching-evidence";
import { PipelineReviewEvidence } from "@/components/review/evidence/pipeline-review-evidence";
import { SalesKpisEvidence } from "@/components/review/evidence/sales-kpis-evidence";
import { SalesProcessEvidence } from "@/components/review/evidence/sales-process-evidence";
import { PrintButton } from "@/components/review/print-button";
import { requireViewer } from "@/lib/auth/require-viewer";
import type { ReviewSection } from "@/lib/db/generated/enums";
import { getTranslations } from "@/lib/i18n/get-translations";
import { messagesFor } from "@/lib/i18n/messages";
import { computeInsights } from "@/lib/review/insights/compute-insights";
import { insightMessage } from "@/lib/review/insights/insight-message";
import { loadReviewPage } from "@/lib/review/load-review-page";
import { REVIEW_SECTIONS, SECTION_QUESTIONS, STEP_OF_SECTION } from "@/lib/review/steps";

export async function generateMetadata({ params }: { params: Promise<{ year: string }> }): Promise<Metadata> {
  const t = await getTranslations("review");
  return { title: t("titleYear", { year: (await params).year }) };
}

/** The whole review as one A4 document: the browser's print (or Save as PDF) gives the file. */
export default async function ReviewPrintPage({ params, searchParams }: { params: Promise<{ year: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer();
  const loaded = await loadReviewPage(viewer, (await params).year, await searchParams);
  if ("pickTeam" in loaded) redirect(`/review/${loaded.year}`);
  const { scope, review } = loaded;
  const [t, insights] = await Promise.all([getTranslations("review"), computeInsights(viewer, { year: review.year, teamId: review.team.id })]);
  const evidence: Record<ReviewSection, ReactNode> = {
    SALES_PROCESS: <SalesProcessEvidence scope={scope} />,
    SALES_KPIS: <SalesKpisEvidence scope={scope} review={review} />,
    PIPELINE_REVIEW: <PipelineReviewEvidence scope={scope} />,
    COACHING: <CoachingEvidence scope={scope} />,
  };
  const messageOf = (insight: (typeof insights)[number]) => insightMessage(insight, scope.viewer.locale);
  const messages = messagesFor(viewer.locale);
  return (
    // The KPI list's ticks are client components: they need the review's messages here too.
    <NextIntlClientProvider locale={viewer.locale} messages={{ review: messages.review, errors: messages.errors }} formats={{}} now={new Date()} timeZone={scope.org.timeZone}>
      <article className="review-print space-y-8">
        <header className="flex flex-wrap items-start justify-between gap-4 border-b border-border pb-4">
          <div>
            <h1 className="text-2xl font-semibold tracking-tight">{t("print.heading", { team: review.team.name, year: review.year })}</h1>
            <p className="text-sm text-muted">
              {t("print.meta", { manager: review.team.managerName ?? "—", date: scope.format.date(new Date()) })}
              {review.completedAt && ` · ${t("completedLine", { name: review.completedBy ?? "—", date: scope.format.date(new Date(review.completedAt)) })}`}
            </p>
          </div>
          <PrintButton label={t("print.print")} hint={t("print.hint")} />
        </header>
        {REVIEW_SECTIONS.map((section, index) => (
          <section key={section} aria-labelledby={`print-${section}`} className={`space-y-5 ${index > 0 ? "print:break-before-page" : ""}`}>
            <h2 id={`print-${section}`} className="text-xl font-semibold">
              {index + 1}. {t(`steps.${STEP_OF_SECTION[section]}`)}
            </h2>
            <div>
              <h3 className="text-base font-semibold">{t("insightsHeading")}</h3>
              {insights.filter((insight) => insight.section === section).length === 0 ? (
                <p className="text-sm text-muted">{t("insight.none")}</p>
              ) : (
                <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
                  {insights
                    .filter((insight) => insight.section === section)
                    .map((insight) => (
                      <li key={insight.key}>
                        {messageOf(insight)} <span className="text-muted">({t(`insight.status.${review.insights[insight.key]?.status ?? "OPEN"}`)})</span>
                      </li>
                    ))}
                </ul>
              )}
            </div>
            {evidence[section]}
            <div className="space-y-3">
              <h3 className="text-base font-semibold">{t("questionsHeading")}</h3>
              <dl className="space-y-3">
                {SECTION_QUESTIONS[section].map((key) => (
                  <div key={key} className="break-inside-avoid">
                    <dt className="text-sm font-medium">{t(`questions.${section}.${key}.text` as "questions.SALES_PROCESS.buyerHelp.text")}</dt>
                    <dd className="mt-1 whitespace-pre-wrap text-sm">{review.answers[key]?.answer || t("summary.notAnswered")}</dd>
                  </div>
                ))}
              </dl>
            </div>
          </section>
        ))}
        <section aria-labelledby="print-plan" className="space-y-5 print:break-before-page">
          <h2 id="print-plan" className="text-xl font-semibold">5. {t("steps.action-plan")}</h2>
          <ActionPlanStep scope={scope} review={review} editable={false} />
        </section>
      </article>
    </NextIntlClientProvider>
  );
}
