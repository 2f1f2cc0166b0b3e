import type { ReactNode } from "react";
import { Panel } from "@/components/kpi/panel";
import type { DashboardScope } from "@/lib/dashboard/scope";
import type { ReviewView } from "@/lib/data/review/get-review";
import { getTranslations } from "@/lib/i18n/get-translations";
import { REVIEW_SECTIONS, SECTION_QUESTIONS, sectionState, STEP_OF_SECTION } from "@/lib/review/steps";

/** What is answered and what is left, section by section, and the button that completes the review. */
export async function SummaryStep({ scope, review, children }: { scope: DashboardScope; review: ReviewView; children: ReactNode }) {
  const t = await getTranslations("review");
  const open = REVIEW_SECTIONS.filter((section) => sectionState(section, review) !== "done");
  const drafts = review.goals.filter((goal) => goal.draft).length;
  const decided = Object.values(review.insights).filter((decision) => decision.status !== "OPEN").length;
  return (
    <div className="space-y-6">
      <Panel id="summary-state-heading" title={t("summary.stateTitle")}>
        <ul className="space-y-1 text-sm">
          <li>{t("summary.sectionsDone", { done: REVIEW_SECTIONS.length - open.length, total: REVIEW_SECTIONS.length })}</li>
          <li>{t("summary.insightsDecided", { count: decided })}</li>
          <li>
            {t("summary.goals", { count: review.goals.length })}
            {drafts > 0 && ` (${t("summary.drafts", { drafts })})`}
          </li>
        </ul>
        {open.length > 0 && review.status !== "COMPLETED" && (
          <p className="mt-3 text-sm text-warning">{t("summary.openSections", { sections: open.map((section) => t(`steps.${STEP_OF_SECTION[section]}`)).join(", ") })}</p>
        )}
        <div className="mt-4">{children}</div>
      </Panel>
      {REVIEW_SECTIONS.map((section) => (
        <Panel key={section} id={`summary-${section}-heading`} title={t(`steps.${STEP_OF_SECTION[section]}`)} description={t(`states.${sectionState(section, review)}`)}>
          <dl className="space-y-4">
            {SECTION_QUESTIONS[section].map((key) => {
              const answer = review.answers[key];
              return (
                <div key={key}>
                  <dt className="text-sm font-medium text-foreground">{t(`questions.${section}.${key}.text` as "questions.SALES_PROCESS.buyerHelp.text")}</dt>
                  <dd className={`mt-1 whitespace-pre-wrap text-sm ${answer?.answer ? "text-foreground" : "text-muted italic"}`}>
                    {answer?.answer || t("summary.notAnswered")}
                    {answer?.updatedBy && (
                      <span className="mt-1 block text-xs not-italic text-muted">
                        {t("summary.answeredBy", { name: answer.updatedBy, date: scope.format.date(new Date(answer.updatedAt)) })}
                      </span>
                    )}
                  </dd>
                </div>
              );
            })}
          </dl>
        </Panel>
      ))}
    </div>
  );
}
