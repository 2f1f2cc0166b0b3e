import Link from "next/link";
import { BarListChart } from "@/components/charts/bar-list-chart";
import { CohortOpenNote } from "@/components/kpi/cohort-open-note";
import { Panel } from "@/components/kpi/panel";
import { getStageMetrics } from "@/lib/kpi/get-stage-metrics";
import { getTranslations } from "@/lib/i18n/get-translations";
import { dealsHref, type DashboardScope } from "@/lib/dashboard/scope";

const DASH = "—";

/** Per pipeline: the funnel of deals created in P, and each stage's flow, conversion and time in stage. */
export async function FunnelPanel({ scope }: { scope: DashboardScope }) {
  const [stages, t] = await Promise.all([
    getStageMetrics(scope.viewer, { period: scope.period, filter: scope.filter, pipelineId: scope.query.pipelineId }),
    getTranslations("dashboard.funnel"),
  ]);
  const { format } = scope;
  const percent = (value: number | null) => (value === null ? DASH : format.percent(value));
  const days = (value: number | null) => (value === null ? DASH : format.days(value));
  return (
    <Panel id="funnel-heading" title={t("title")} description={t("description")}>
      <div className="space-y-8">
        {stages.pipelines.map((pipeline) => {
          const data = [
            ...pipeline.current.stages.map((stage, index) => ({
              label: stage.name,
              current: stage.reachedShare,
              previous: pipeline.previous.stages[index]?.reachedShare ?? null,
            })),
            { label: t("won"), current: pipeline.current.won.reachedShare, previous: pipeline.previous.won.reachedShare },
          ];
          return (
            <div key={pipeline.pipelineId} className="space-y-4">
              <h3 className="text-base font-semibold text-foreground">
                {t("pipeline", { name: pipeline.name, created: format.number(pipeline.current.created) })}
              </h3>
              <CohortOpenNote
                period={scope.period}
                periodLabel={scope.periodLabel}
                kind="funnel"
                open={pipeline.current.stillOpen}
                created={pipeline.current.created}
                href={dealsHref({ ...scope, query: { ...scope.query, pipelineId: pipeline.pipelineId } }, { basis: "created", status: "OPEN", sort: "createdAt" })}
                formatNumber={format.number}
              />
              <BarListChart
                data={data}
                format="percent"
                locale={{ locale: format.locale, currency: scope.org.currency }}
                labels={{
                  current: scope.periodLabel,
                  previous: scope.previousLabel,
                  category: t("stage"),
                  value: t("reachedAxis"),
                  caption: t("chartCaption", { name: pipeline.name }),
                }}
              />
              <div className="overflow-x-auto">
                <table className="w-full min-w-[860px] text-sm">
                  <caption className="sr-only">{t("tableCaption", { name: pipeline.name, period: scope.periodLabel })}</caption>
                  <thead>
                    <tr className="border-b border-border text-left text-xs uppercase tracking-wide text-muted">
                      <th scope="col" className="py-2 pr-3 font-medium">{t("stage")}</th>
                      {(["entered", "advanced", "lost", "still", "conversion", "dropOff", "skipped", "meanDays", "medianDays"] as const).map((key) => (
                        <th key={key} scope="col" className="px-3 py-2 text-right font-medium">
                          {t(`columns.${key}`)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {pipeline.current.stages.map((stage) => (
                      <tr key={stage.stageId} className="border-b border-border/70 tabular-nums last:border-0">
                        <th scope="row" className="py-2 pr-3 text-left font-medium text-foreground">{stage.name}</th>
                        {(["entered", "advanced", "lost", "still"] as const).map((column) => (
                          <td key={column} className="px-3 py-2 text-right">
                            {stage[column] > 0 ? (
                              <Link
                                className="underline decoration-border-strong underline-offset-4 hover:decoration-accent"
                                href={dealsHref(scope, { basis: "entered", stageId: stage.stageId, flow: column === "entered" ? undefined : column, sort: "createdAt" })}
                                aria-label={t("showDeals", { stage: stage.name, column: t(`columns.${column}`), value: format.number(stage[column]) })}
                              >
                                {format.number(stage[column])}
                              </Link>
                            ) : (
                              format.number(stage[column])
                            )}
                          </td>
                        ))}
                        <td className="px-3 py-2 text-right font-medium">{percent(stage.conversion)}</td>
                        <td className="px-3 py-2 text-right">{stage.entered === 0 ? DASH : format.percent(stage.lost / stage.entered)}</td>
                        <td className="px-3 py-2 text-right">{format.number(stage.skipped)}</td>
                        <td className="px-3 py-2 text-right">{days(stage.timeInStage.meanDays)}</td>
                        <td className="px-3 py-2 text-right">{days(stage.timeInStage.medianDays)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          );
        })}
      </div>
    </Panel>
  );
}
