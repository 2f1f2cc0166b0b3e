import { Panel } from "@/components/kpi/panel";
import { HeadlinePanel } from "@/components/kpi/panels/headline-panel";
import { LeadsPanel } from "@/components/kpi/panels/leads-panel";
import type { DashboardScope } from "@/lib/dashboard/scope";
import type { ReviewView } from "@/lib/data/review/get-review";
import { getTranslations } from "@/lib/i18n/get-translations";
import { METRICS, TRACKABLE_KPIS } from "@/lib/review/metric-catalogue";
import { getTeamYearFigures } from "@/lib/review/team-year-figures";
import { formatMetric } from "../format-metric";
import { KpiTracker } from "../kpi-tracker";

/** Section 2: the surface KPIs beside the deep ones, the hand-over chain, and the KPIs to track next year. */
export async function SalesKpisEvidence({ scope, review }: { scope: DashboardScope; review: ReviewView }) {
  const [figures, t, tMetrics, tUnits] = await Promise.all([
    getTeamYearFigures(scope.viewer, scope),
    getTranslations("review.kpis"),
    getTranslations("review.metrics"),
    getTranslations("review.units"),
  ]);
  const goalBySource = new Map(review.goals.map((goal) => [goal.source, goal]));
  const kpis = TRACKABLE_KPIS.map((metric) => {
    const definition = METRICS[metric];
    const goal = goalBySource.get(`kpi:${metric}`);
    return {
      metric,
      label: tMetrics(metric),
      depth: definition.depth,
      current: formatMetric(scope.format, definition.unit, definition.value(figures.current), tUnits),
      previous: formatMetric(scope.format, definition.unit, definition.value(figures.previous), tUnits),
      tracked: goal !== undefined,
      locked: goal !== undefined && !goal.draft,
    };
  });
  return (
    <div className="space-y-6">
      <HeadlinePanel scope={scope} />
      <LeadsPanel scope={scope} />
      <Panel id="track-heading" title={t("title")} description={t("description")}>
        <KpiTracker teamId={review.team.id} year={review.year} kpis={kpis} readOnly={review.status === "COMPLETED"} previousLabel={scope.previousLabel} />
      </Panel>
    </div>
  );
}
