import type { Metadata } from "next";
import { DrillHeader } from "@/components/kpi/drill-header";
import { DrillPagination } from "@/components/kpi/drill-pagination";
import { PeriodFilter } from "@/components/kpi/period-filter";
import { SortHeader } from "@/components/kpi/sort-header";
import { requireViewer } from "@/lib/auth/require-viewer";
import { listDrillLeads } from "@/lib/data/drill-leads";
import { getTranslations } from "@/lib/i18n/get-translations";
import { leadDrillEntries, parseLeadDrill, type LeadDrillFilter } from "@/lib/validation/dashboard-drill";
import { dashboardSearch } from "@/lib/validation/dashboard-query";
import { filterLabels } from "@/lib/dashboard/filter-labels";
import { loadScope, pickerYears } from "@/lib/dashboard/load-scope";
import { drillBackHref, drillPageCount, presentChips, teamChip } from "../_shared/drill-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  return { title: t("drillLeadsTitle") };
}

const DASH = "—";

export default async function DrillLeadsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer();
  const params = await searchParams;
  const [scope, t, tSources, labels] = await Promise.all([loadScope(viewer, params), getTranslations("drill"), getTranslations("dashboard.sources"), filterLabels()]);
  const filter = parseLeadDrill(params);
  const leads = await listDrillLeads(viewer, { period: scope.period, teamId: scope.query.teamId, filter });
  const { format } = scope;
  const pages = drillPageCount(leads.total);
  const href = (change: Partial<LeadDrillFilter>) => `/drill/leads?${dashboardSearch(scope.query, leadDrillEntries({ ...filter, ...change })).toString()}`;
  const sortHref = (sort: LeadDrillFilter["sort"]) => href({ sort, dir: filter.sort === sort && filter.dir === "desc" ? "asc" : "desc", page: 1 });
  const chips = presentChips([
    t(`leadBasis.${filter.basis}`, { period: scope.periodLabel }),
    filter.outcome && t(`outcome.${filter.outcome}`),
    filter.source && tSources(filter.source),
    teamChip(scope),
  ]);
  const csv = `/api/export/leads?${dashboardSearch(scope.query, leadDrillEntries({ ...filter, page: 1 })).toString()}`;

  return (
    <div className="space-y-6">
      <DrillHeader
        backHref={drillBackHref(scope)}
        backLabel={t("back")}
        heading={t("leadsHeading")}
        chips={chips}
        chipsLabel={t("filtersLabel")}
        total={t("leadsTotal", { count: leads.total })}
        csvHref={csv}
        csvLabel={t("csv")}
      />

      <PeriodFilter
        action="/drill/leads"
        query={scope.query}
        years={pickerYears(scope.org)}
        pipelines={[]}
        teams={viewer.role === "REP" ? null : scope.labels.teams}
        labels={labels}
        hidden={{ ...leadDrillEntries({ ...filter, page: 1 }) }}
      />

      {leads.total === 0 ? (
        <p className="rounded-xl border border-border bg-surface p-6 text-sm text-muted">{t("empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-border bg-surface shadow-sm">
          <table className="w-full min-w-[1000px] text-sm">
            <caption className="sr-only">{t("leadsCaption", { page: filter.page, pages })}</caption>
            <thead className="border-b border-border bg-surface-muted text-xs text-muted">
              <tr>
                <SortHeader label={t("columns.lead")} active={filter.sort === "name"} dir={filter.dir} href={sortHref("name")} />
                <SortHeader label={t("columns.source")} active={filter.sort === "source"} dir={filter.dir} href={sortHref("source")} />
                <SortHeader label={t("columns.sdr")} active={filter.sort === "owner"} dir={filter.dir} href={sortHref("owner")} />
                <th scope="col" className="px-3 py-2 text-left font-medium">{t("columns.ae")}</th>
                <SortHeader label={t("columns.createdAt")} active={filter.sort === "createdAt"} dir={filter.dir} href={sortHref("createdAt")} />
                <SortHeader label={t("columns.handedOverAt")} active={filter.sort === "handedOverAt"} dir={filter.dir} href={sortHref("handedOverAt")} />
                <th scope="col" className="px-3 py-2 text-right font-medium">{t("columns.deals")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{t("columns.wonDeals")}</th>
              </tr>
            </thead>
            <tbody>
              {leads.rows.map((lead) => (
                <tr key={lead.id} className="border-b border-border/70 tabular-nums last:border-0">
                  <th scope="row" className="px-3 py-2 text-left font-medium text-foreground">
                    {lead.name}
                    {lead.account && <span className="block text-xs font-normal text-muted">{lead.account}</span>}
                  </th>
                  <td className="px-3 py-2">{tSources(lead.source as LeadDrillFilter["source"] & string)}</td>
                  <td className="px-3 py-2">
                    {lead.owner ?? DASH}
                    {lead.team && <span className="block text-xs text-muted">{lead.team}</span>}
                  </td>
                  <td className="px-3 py-2">{lead.ae ?? DASH}</td>
                  <td className="px-3 py-2">{format.date(lead.createdAt)}</td>
                  <td className="px-3 py-2">{lead.handedOverAt ? format.date(lead.handedOverAt) : DASH}</td>
                  <td className="px-3 py-2 text-right">{format.number(lead.deals)}</td>
                  <td className="px-3 py-2 text-right">{format.number(lead.wonDeals)}</td>
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
