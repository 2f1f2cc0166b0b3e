import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import { Suspense, type ReactNode } from "react";
import { PanelSkeleton } from "@/components/kpi/panel";
import { AnswerField } from "@/components/review/answer-field";
import { CoachingEvidence } from "@/components/review/evidence/coaching-evidence";
import { PipelineReviewEvidence } from "@/components/review/evidence/pipeline-review-evidence";
import { SalesKpisEvidence } from "@/components/review/evidence/sales-kpis-evidence";
import { SalesProcessEvidence } from "@/components/review/evidence/sales-process-evidence";
import { ActionPlanStep } from "@/components/review/action-plan-step";
import { PipelinePlanLink } from "@/components/plan/pipeline-plan-link";
import { ReviewInsights } from "@/components/review/review-insights";
import { ReviewStatusForm, SectionDoneForm } from "@/components/review/review-forms";
import { ReviewStepper } from "@/components/review/review-stepper";
import { SummaryStep } from "@/components/review/summary-step";
import { requireViewer } from "@/lib/auth/require-viewer";
import type { DashboardScope } from "@/lib/dashboard/scope";
import type { ReviewView } from "@/lib/data/review/get-review";
import type { ReviewSection } from "@/lib/db/generated/enums";
import { getTranslations } from "@/lib/i18n/get-translations";
import { messagesFor } from "@/lib/i18n/messages";
import { loadReviewPage } from "@/lib/review/load-review-page";
import { REVIEW_STEPS, SECTION_OF_STEP, SECTION_QUESTIONS, sectionState, type ReviewStep } from "@/lib/review/steps";
import { REVIEW_ANSWER_MAX_LENGTH } from "@/lib/validation/review";

type Params = Promise<{ year: string; step: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

function isStep(value: string): value is ReviewStep {
  return (REVIEW_STEPS as readonly string[]).includes(value);
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { year, step } = await params;
  const t = await getTranslations("review");
  return { title: isStep(step) ? `${t(`steps.${step}`)} · ${t("titleYear", { year })}` : t("title") };
}

export default async function ReviewStepPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const viewer = await requireViewer();
  const { year, step } = await params;
  if (!isStep(step)) notFound();
  const loaded = await loadReviewPage(viewer, year, await searchParams);
  if ("pickTeam" in loaded) redirect(`/review/${loaded.year}`);
  const { scope, review, teams } = loaded;
  const t = await getTranslations("review");
  const hrefOf = (target: ReviewStep) => `/review/${review.year}/${target}?team=${review.team.id}`;
  const index = REVIEW_STEPS.indexOf(step);
  const section = SECTION_OF_STEP[step];
  const completed = review.status === "COMPLETED";
  const messages = messagesFor(viewer.locale);

  return (
    <NextIntlClientProvider locale={viewer.locale} messages={{ review: messages.review, errors: messages.errors }} formats={{}} now={new Date()} timeZone={scope.org.timeZone}>
      <div className="space-y-6">
        <header className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <p className="text-sm font-medium text-muted">{t("eyebrow", { team: review.team.name, year: review.year })}</p>
            <h1 className="text-2xl font-semibold tracking-tight text-foreground">{t(`steps.${step}`)}</h1>
            <p className="mt-1 text-sm text-muted">
              {completed
                ? t("completedLine", { name: review.completedBy ?? "—", date: scope.format.date(new Date(review.completedAt!)) })
                : t("periodLine", { period: scope.periodLabel, previous: scope.previousLabel })}
            </p>
          </div>
          <div className="flex flex-wrap items-center gap-2 print:hidden">
            {teams.length > 1 && (
              <nav aria-label={t("otherTeams")} className="flex flex-wrap gap-1">
                {teams.map((team) => (
                  <Link
                    key={team.id}
                    href={`/review/${review.year}/${step}?team=${team.id}`}
                    aria-current={team.id === review.team.id ? "page" : undefined}
                    className={`inline-flex min-h-9 items-center rounded-lg border px-3 text-sm ${team.id === review.team.id ? "border-accent bg-accent-soft text-accent-soft-foreground" : "border-border bg-surface"}`}
                  >
                    {team.name}
                  </Link>
                ))}
              </nav>
            )}
            <Link href={`/review/${review.year}/print?team=${review.team.id}`} className="inline-flex min-h-9 items-center rounded-lg border border-border-strong bg-surface px-3 text-sm font-medium hover:bg-surface-muted">
              {t("printView")}
            </Link>
            <a href={`/api/review/${review.year}/pdf?team=${review.team.id}`} download className="inline-flex min-h-9 items-center rounded-lg border border-border-strong bg-surface px-3 text-sm font-medium hover:bg-surface-muted">
              {t("downloadPdf")}
            </a>
          </div>
        </header>

        <ReviewStepper
          label={t("stepperLabel")}
          items={REVIEW_STEPS.map((target) => {
            const targetSection = SECTION_OF_STEP[target];
            const state = targetSection ? sectionState(targetSection, review) : null;
            return { href: hrefOf(target), label: t(`steps.${target}`), state, stateLabel: state ? t(`states.${state}`) : null, current: target === step };
          })}
        />

        {completed && (
          <p role="note" className="rounded-lg border border-success/30 bg-success-soft px-4 py-3 text-sm text-success">
            {t("readOnlyNote")}
          </p>
        )}

        {section ? (
          <SectionStep scope={scope} review={review} section={section} />
        ) : step === "action-plan" ? (
          <>
            <ActionPlanStep scope={scope} review={review} />
            <PipelinePlanLink teamId={review.team.id} year={review.year} />
          </>
        ) : (
          <SummaryStep scope={scope} review={review}>
            <ReviewStatusForm teamId={review.team.id} year={review.year} completed={completed} />
          </SummaryStep>
        )}

        <nav aria-label={t("stepNavigation")} className="flex justify-between gap-4 border-t border-border pt-4 print:hidden">
          {index > 0 ? <StepLink href={hrefOf(REVIEW_STEPS[index - 1]!)}>← {t(`steps.${REVIEW_STEPS[index - 1]!}`)}</StepLink> : <span />}
          {index < REVIEW_STEPS.length - 1 && <StepLink href={hrefOf(REVIEW_STEPS[index + 1]!)}>{t(`steps.${REVIEW_STEPS[index + 1]!}`)} →</StepLink>}
        </nav>
      </div>
    </NextIntlClientProvider>
  );
}

function StepLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="inline-flex min-h-10 items-center rounded-lg border border-border-strong bg-surface px-4 text-sm font-medium hover:bg-surface-muted">
      {children}
    </Link>
  );
}

/** A section reads like a conversation: what the year says, the evidence, then the questions and the answers. */
async function SectionStep({ scope, review, section }: { scope: DashboardScope; review: ReviewView; section: ReviewSection }) {
  const t = await getTranslations("review");
  const readOnly = review.status === "COMPLETED";
  const evidence: Record<ReviewSection, ReactNode> = {
    SALES_PROCESS: <SalesProcessEvidence scope={scope} />,
    SALES_KPIS: <SalesKpisEvidence scope={scope} review={review} />,
    PIPELINE_REVIEW: <PipelineReviewEvidence scope={scope} />,
    COACHING: <CoachingEvidence scope={scope} />,
  };
  return (
    <div className="space-y-8">
      <p className="max-w-4xl text-base leading-relaxed text-foreground">{t(`intro.${section}`)}</p>
      <section aria-labelledby="insights-heading" className="space-y-3">
        <h2 id="insights-heading" className="text-lg font-semibold">{t("insightsHeading")}</h2>
        <Suspense fallback={<PanelSkeleton title={t("insightsHeading")} rows={2} />}>
          <ReviewInsights scope={scope} review={review} section={section} />
        </Suspense>
      </section>
      <section aria-labelledby="evidence-heading" className="space-y-3">
        <h2 id="evidence-heading" className="text-lg font-semibold">{t("evidenceHeading")}</h2>
        <Suspense fallback={<PanelSkeleton title={t("evidenceHeading")} rows={8} />}>{evidence[section]}</Suspense>
      </section>
      <section aria-labelledby="questions-heading" className="space-y-5 rounded-xl border border-border bg-surface p-5 shadow-sm">
        <h2 id="questions-heading" className="text-lg font-semibold">{t("questionsHeading")}</h2>
        {SECTION_QUESTIONS[section].map((key) => (
          <AnswerField
            key={key}
            teamId={review.team.id}
            year={review.year}
            section={section}
            questionKey={key}
            question={t(`questions.${section}.${key}.text` as "questions.SALES_PROCESS.buyerHelp.text")}
            hint={t(`questions.${section}.${key}.hint` as "questions.SALES_PROCESS.buyerHelp.hint")}
            initial={review.answers[key] ?? null}
            readOnly={readOnly}
            maxLength={REVIEW_ANSWER_MAX_LENGTH}
          />
        ))}
        <SectionDoneForm teamId={review.team.id} year={review.year} section={section} done={review.doneSections.includes(section)} disabled={readOnly} />
      </section>
    </div>
  );
}
