import type { DashboardScope } from "@/lib/dashboard/scope";
import type { ReviewView } from "@/lib/data/review/get-review";
import type { ReviewSection } from "@/lib/db/generated/enums";
import { getTranslations } from "@/lib/i18n/get-translations";
import { computeInsights } from "@/lib/review/insights/compute-insights";
import { insightMessage } from "@/lib/review/insights/insight-message";
import { InsightCard } from "./insight-card";

/** The section's insights as sentences with their numbers, each with its rows and the manager's decision. */
export async function ReviewInsights({ scope, review, section }: { scope: DashboardScope; review: ReviewView; section: ReviewSection }) {
  const [insights, t] = await Promise.all([computeInsights(scope.viewer, { year: review.year, teamId: review.team.id }), getTranslations("review.insight")]);
  const mine = insights.filter((insight) => insight.section === section);
  if (mine.length === 0) return <p className="rounded-xl border border-border bg-surface px-5 py-4 text-sm text-muted">{t("none")}</p>;
  return (
    <ul className="space-y-3">
      {mine.map((insight) => (
        <li key={insight.key}>
          <InsightCard
            teamId={review.team.id}
            year={review.year}
            insightKey={insight.key}
            code={insight.code}
            message={insightMessage(insight, scope.viewer.locale)}
            href={insight.drill}
            decision={review.insights[insight.key] ?? null}
            readOnly={review.status === "COMPLETED"}
          />
        </li>
      ))}
    </ul>
  );
}
