import Link from "next/link";
import { Panel } from "@/components/kpi/panel";
import { getLostReasons } from "@/lib/kpi/get-lost-reasons";
import { UNKNOWN_REASON } from "@/lib/kpi/query-lost-reasons";
import { getTranslations } from "@/lib/i18n/get-translations";
import { dealsHref, type DashboardScope } from "@/lib/dashboard/scope";

// More reasons than this would not fit a projector; the rest are one row.
const TOP_REASONS = 8;

/** Deals lost in P by reason (rows) and the stage they were lost from (columns); each cell lists its deals. */
export async function LostReasonsPanel({ scope }: { scope: DashboardScope }) {
  const [lost, t] = await Promise.all([
    getLostReasons(scope.viewer, { period: scope.period, filter: scope.filter, pipelineId: scope.query.pipelineId }),
    getTranslations("dashboard.lostReasons"),
  ]);
  const { format } = scope;
  const stageNames = new Map(scope.labels.pipelines.flatMap((p) => p.stages.map((s) => [s.id, { name: s.name, pipeline: p.name }] as const)));
  const stageIds = [...new Set(lost.current.map((row) => row.fromStageId))].sort((a, b) => {
    const order = (id: number | null) => (id === null ? Number.MAX_SAFE_INTEGER : scope.labels.pipelines.flatMap((p) => p.stages).findIndex((s) => s.id === id));
    return order(a) - order(b);
  });
  const totals = new Map<string, number>();
  for (const row of lost.current) totals.set(row.reason, (totals.get(row.reason) ?? 0) + row.count);
  const previousTotals = new Map<string, number>();
  for (const row of lost.previous) previousTotals.set(row.reason, (previousTotals.get(row.reason) ?? 0) + row.count);
  const reasons = [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP_REASONS).map(([reason]) => reason);
  const cell = (reason: string, stageId: number | null) =>
    lost.current.filter((row) => row.reason === reason && row.fromStageId === stageId).reduce((sum, row) => sum + row.count, 0);
  const multiplePipelines = new Set(lost.current.map((row) => row.pipelineId)).size > 1;
  const stageLabel = (id: number | null) => {
    if (id === null) return t("unknownStage");
    const stage = stageNames.get(id);
    return stage ? (multiplePipelines ? `${stage.name} (${stage.pipeline})` : stage.name) : String(id);
  };
  const reasonLabel = (reason: string) => (reason === UNKNOWN_REASON ? t("unknownReason") : reason);
  const link = "underline decoration-border-strong underline-offset-4 hover:decoration-accent";

  return (
    <Panel id="lost-heading" title={t("title")} description={t("description")}>
      {reasons.length === 0 ? (
        <p className="text-sm text-muted">{t("none")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">{t("caption", { period: scope.periodLabel })}</caption>
            <thead>
              <tr className="border-b border-border text-left text-xs text-muted">
                <th scope="col" className="py-2 pr-3 font-medium uppercase tracking-wide">{t("reason")}</th>
                {stageIds.map((id) => (
                  <th key={String(id)} scope="col" className="px-2 py-2 text-right font-medium">{stageLabel(id)}</th>
                ))}
                <th scope="col" className="px-2 py-2 text-right font-medium uppercase tracking-wide">{t("total")}</th>
                <th scope="col" className="pl-2 py-2 text-right font-medium uppercase tracking-wide">{scope.previousLabel}</th>
              </tr>
            </thead>
            <tbody>
              {reasons.map((reason) => (
                <tr key={reason} className="border-b border-border/70 tabular-nums last:border-0">
                  <th scope="row" className="min-w-44 py-2 pr-3 text-left font-medium text-foreground">{reasonLabel(reason)}</th>
                  {stageIds.map((id) => {
                    const count = cell(reason, id);
                    return (
                      <td key={String(id)} className="px-2 py-2 text-right">
                        {count > 0 && id !== null ? (
                          <Link className={link} href={dealsHref(scope, { basis: "closed", status: "LOST", lostReason: reason, lostFromStageId: id })}>
                            {format.number(count)}
                          </Link>
                        ) : count > 0 ? (
                          format.number(count)
                        ) : (
                          <span className="text-muted">·</span>
                        )}
                      </td>
                    );
                  })}
                  <td className="px-2 py-2 text-right font-semibold">
                    <Link className={link} href={dealsHref(scope, { basis: "closed", status: "LOST", lostReason: reason })}>
                      {format.number(totals.get(reason) ?? 0)}
                    </Link>
                  </td>
                  <td className="pl-2 py-2 text-right text-muted">{format.number(previousTotals.get(reason) ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
