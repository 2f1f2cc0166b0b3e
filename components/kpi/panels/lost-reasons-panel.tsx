import Link from "next/link";
import { Panel } from "@/components/kpi/panel";
import { getLostReasons } from "@/lib/kpi/get-lost-reasons";
import { lostReasonsTable, type LostReasonsTableRow } from "@/lib/kpi/lost-reasons-table";
import { UNKNOWN_REASON } from "@/lib/kpi/query-lost-reasons";
import { getTranslations } from "@/lib/i18n/get-translations";
import { dealsHref, type DashboardScope } from "@/lib/dashboard/scope";

/** Deals lost in P by reason (rows) and the stage they were lost from (columns); each cell lists its deals. */
export async function LostReasonsPanel({ scope }: { scope: DashboardScope }) {
  const [lost, t] = await Promise.all([
    getLostReasons(scope.viewer, { period: scope.period, filter: scope.filter, pipelineId: scope.query.pipelineId }),
    getTranslations("dashboard.lostReasons"),
  ]);
  const { format } = scope;
  const table = lostReasonsTable(lost);
  const stageOrder = scope.labels.pipelines.flatMap((p) => p.stages.map((s) => s.id));
  const stageNames = new Map(scope.labels.pipelines.flatMap((p) => p.stages.map((s) => [s.id, { name: s.name, pipeline: p.name }] as const)));
  const order = (id: number | null) => (id === null ? Number.MAX_SAFE_INTEGER : stageOrder.indexOf(id));
  const stageIds = [...table.stageIds].sort((a, b) => order(a) - order(b));
  const multiplePipelines = new Set(lost.current.map((row) => row.pipelineId)).size > 1;
  const stageLabel = (id: number | null) => {
    if (id === null) return t("unknownStage");
    const stage = stageNames.get(id);
    return stage ? (multiplePipelines ? `${stage.name} (${stage.pipeline})` : stage.name) : String(id);
  };
  const reasonLabel = (row: LostReasonsTableRow) =>
    row.reason === null ? t("other", { count: row.reasons.length }) : row.reason === UNKNOWN_REASON ? t("unknownReason") : row.reason;
  const link = "underline decoration-border-strong underline-offset-4 hover:decoration-accent";
  // A count links to its deals where the drill can list them: one reason, or every reason (the total row).
  const countCell = (count: number, href: string | null) =>
    count === 0 ? (
      <span className="text-muted">·</span>
    ) : href ? (
      <Link className={link} href={href}>
        {format.number(count)}
      </Link>
    ) : (
      format.number(count)
    );
  const hrefFor = (reason: string | null | undefined, stageId?: number | null) =>
    reason === null || stageId === null
      ? null
      : dealsHref(scope, { basis: "closed", status: "LOST", ...(reason === undefined ? {} : { lostReason: reason }), ...(stageId === undefined ? {} : { lostFromStageId: stageId }) });

  return (
    <Panel id="lost-heading" title={t("title")} description={t("description")}>
      {table.rows.length === 0 ? (
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
              {table.rows.map((row) => (
                <tr key={row.reason ?? ""} className="border-b border-border/70 tabular-nums">
                  <th scope="row" className={`min-w-44 py-2 pr-3 text-left font-medium ${row.reason === null ? "text-muted" : "text-foreground"}`}>{reasonLabel(row)}</th>
                  {stageIds.map((id) => (
                    <td key={String(id)} className="px-2 py-2 text-right">
                      {countCell(row.byStage.get(id) ?? 0, hrefFor(row.reason, id))}
                    </td>
                  ))}
                  <td className="px-2 py-2 text-right font-semibold">{countCell(row.total, hrefFor(row.reason))}</td>
                  <td className="pl-2 py-2 text-right text-muted">{format.number(row.previous)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="border-t-2 border-border font-semibold tabular-nums">
                <th scope="row" className="py-2 pr-3 text-left text-foreground">{t("allLost")}</th>
                {stageIds.map((id) => (
                  <td key={String(id)} className="px-2 py-2 text-right">
                    {countCell(table.total.byStage.get(id) ?? 0, hrefFor(undefined, id))}
                  </td>
                ))}
                <td className="px-2 py-2 text-right">{countCell(table.total.total, hrefFor(undefined))}</td>
                <td className="pl-2 py-2 text-right text-muted">{format.number(table.total.previous)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </Panel>
  );
}
