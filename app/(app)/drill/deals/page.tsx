import type { Metadata } from "next";
import Link from "next/link";
import { DrillHeader } from "@/components/kpi/drill-header";
import { DrillPagination } from "@/components/kpi/drill-pagination";
import { PeriodFilter } from "@/components/kpi/period-filter";
import { SortHeader } from "@/components/kpi/sort-header";
import { requireViewer } from "@/lib/auth/require-viewer";
import { listDrillDeals } from "@/lib/data/drill-deals";
import { getTranslations } from "@/lib/i18n/get-translations";
import { dealDrillEntries, parseDealDrill, type DealDrillFilter } from "@/lib/validation/dashboard-drill";
import { dashboardSearch } from "@/lib/validation/dashboard-query";
import { filterLabels } from "@/lib/dashboard/filter-labels";
import { loadScope, pickerYears } from "@/lib/dashboard/load-scope";
import { drillBackHref, drillPageCount, presentChips, teamChip } from "../_shared/drill-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  return { title: t("drillDealsTitle") };
}

const DASH = "—";

export default async function DrillDealsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer();
  const params = await searchParams;
  const [scope, t, labels] = await Promise.all([loadScope(viewer, params), getTranslations("drill"), filterLabels()]);
  const filter = parseDealDrill(params);
  const deals = await listDrillDeals(viewer, { period: scope.period, pipelineId: scope.query.pipelineId, teamId: scope.query.teamId, filter });
  const { format } = scope;
  const pages = drillPageCount(deals.total);
  const href = (change: Partial<DealDrillFilter>) => `/drill/deals?${dashboardSearch(scope.query, dealDrillEntries({ ...filter, ...change })).toString()}`;
  const sortHref = (sort: DealDrillFilter["sort"]) => href({ sort, dir: filter.sort === sort && filter.dir === "desc" ? "asc" : "desc", page: 1 });
  const stageName = new Map(scope.labels.pipelines.flatMap((p) => p.stages.map((s) => [s.id, s.name] as const)));
  const chips = presentChips([
    t(`dealBasis.${filter.basis}`, { period: scope.periodLabel }),
    filter.status && t(`status.${filter.status}`),
    filter.stageId !== undefined && t("chips.stage", { stage: stageName.get(filter.stageId) ?? String(filter.stageId) }),
    filter.basis === "entered" && filter.flow && t(`flow.${filter.flow}`),
    filter.lostFromStageId !== undefined && t("chips.lostFrom", { stage: stageName.get(filter.lostFromStageId) ?? String(filter.lostFromStageId) }),
    filter.lostReason && t("chips.reason", { reason: filter.lostReason }),
    scope.query.pipelineId !== undefined && scope.labels.pipelines.find((p) => p.id === scope.query.pipelineId)?.name,
    teamChip(scope),
  ]);
  const csv = `/api/export/deals?${dashboardSearch(scope.query, dealDrillEntries({ ...filter, page: 1 })).toString()}`;

  return (
    <div className="space-y-6">
      <DrillHeader
        backHref={drillBackHref(scope)}
        backLabel={t("back")}
        heading={t("dealsHeading")}
        chips={chips}
        chipsLabel={t("filtersLabel")}
        total={t("dealsTotal", { count: deals.total, amount: format.money(deals.amount) })}
        csvHref={csv}
        csvLabel={t("csv")}
      />

      <PeriodFilter
        action="/drill/deals"
        query={scope.query}
        years={pickerYears(scope.org)}
        pipelines={scope.labels.pipelines}
        teams={viewer.role === "REP" ? null : scope.labels.teams}
        labels={labels}
        hidden={{ ...dealDrillEntries({ ...filter, page: 1 }) }}
      />

      {deals.total === 0 ? (
        <p className="rounded-xl border border-border bg-surface p-6 text-sm text-muted">{t("empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-border bg-surface shadow-sm">
          <table className="w-full min-w-[1100px] text-sm">
            <caption className="sr-only">{t("dealsCaption", { page: filter.page, pages })}</caption>
            <thead className="border-b border-border bg-surface-muted text-xs text-muted">
              <tr>
                <SortHeader label={t("columns.name")} active={filter.sort === "name"} dir={filter.dir} href={sortHref("name")} />
                <SortHeader label={t("columns.owner")} active={filter.sort === "owner"} dir={filter.dir} href={sortHref("owner")} />
                <th scope="col" className="px-3 py-2 text-left font-medium">{t("columns.pipeline")}</th>
                <SortHeader label={t("columns.stage")} active={filter.sort === "stage"} dir={filter.dir} href={sortHref("stage")} />
                <th scope="col" className="px-3 py-2 text-left font-medium">{t("columns.type")}</th>
                <SortHeader label={t("columns.amount")} active={filter.sort === "amount"} dir={filter.dir} href={sortHref("amount")} align="right" />
                <SortHeader label={t("columns.createdAt")} active={filter.sort === "createdAt"} dir={filter.dir} href={sortHref("createdAt")} />
                <SortHeader label={t("columns.closedAt")} active={filter.sort === "closedAt"} dir={filter.dir} href={sortHref("closedAt")} />
                <SortHeader label={t("columns.cycle")} active={filter.sort === "cycle"} dir={filter.dir} href={sortHref("cycle")} align="right" />
                <th scope="col" className="px-3 py-2 text-left font-medium">{t("columns.lostReason")}</th>
              </tr>
            </thead>
            <tbody>
              {deals.rows.map((deal) => (
                <tr key={deal.id} className="border-b border-border/70 tabular-nums last:border-0">
                  <th scope="row" className="px-3 py-2 text-left font-medium text-foreground">
                    {deal.restricted ? deal.name : <Link href={`/deals/${deal.id}`} className="text-accent underline-offset-4 hover:underline">{deal.name}</Link>}
                    {deal.account && <span className="block text-xs font-normal text-muted">{deal.account}</span>}
                  </th>
                  <td className="px-3 py-2">
                    {deal.owner}
                    {deal.team && <span className="block text-xs text-muted">{deal.team}</span>}
                  </td>
                  <td className="px-3 py-2">{deal.pipeline}</td>
                  <td className="px-3 py-2">{deal.stage}</td>
                  <td className="px-3 py-2">{t(`type.${deal.type}`)}</td>
                  <td className="px-3 py-2 text-right">{deal.amount === null ? DASH : format.money(deal.amount)}</td>
                  <td className="whitespace-nowrap px-3 py-2">{format.date(deal.createdAt)}</td>
                  <td className="whitespace-nowrap px-3 py-2">{deal.closedAt ? format.date(deal.closedAt) : deal.expectedCloseAt ? t("expected", { date: format.calendarDate(deal.expectedCloseAt) }) : DASH}</td>
                  <td className="px-3 py-2 text-right">{deal.cycleDays === null ? DASH : format.days(deal.cycleDays)}</td>
                  <td className="px-3 py-2">{deal.lostReason ?? (deal.status === "LOST" ? t("unknownReason") : "")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <DrillPagination page={filter.page} pages={pages} href={(page) => href({ page })} />
    </div>
  );
}
