import type { Metadata } from "next";
import Link from "next/link";
import { ActivityFilter } from "@/components/drill/activity-filter";
import { DrillHeader } from "@/components/kpi/drill-header";
import { DrillPagination } from "@/components/kpi/drill-pagination";
import { PeriodFilter } from "@/components/kpi/period-filter";
import { SortHeader } from "@/components/kpi/sort-header";
import { requireViewer } from "@/lib/auth/require-viewer";
import { listActivityReps, listDrillActivities } from "@/lib/data/drill-activities";
import { getTranslations } from "@/lib/i18n/get-translations";
import { ACTIVITY_DRILL_TYPES, activityDrillEntries, parseActivityDrill, type ActivityDrillFilter } from "@/lib/validation/activity-drill";
import { dashboardSearch } from "@/lib/validation/dashboard-query";
import { filterLabels } from "@/lib/dashboard/filter-labels";
import { loadScope, pickerYears } from "@/lib/dashboard/load-scope";
import { drillBackHref, drillPageCount, presentChips, teamChip } from "../_shared/drill-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  return { title: t("drillActivitiesTitle") };
}

const DASH = "—";

export default async function DrillActivitiesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer();
  const params = await searchParams;
  const [scope, t, labels] = await Promise.all([loadScope(viewer, params), getTranslations("drill"), filterLabels()]);
  const filter = parseActivityDrill(params);
  const teamId = scope.query.teamId;
  const [activities, reps] = await Promise.all([
    listDrillActivities(viewer, { period: scope.period, teamId, filter }),
    viewer.role === "REP" ? Promise.resolve(null) : listActivityReps(viewer, { teamId }),
  ]);
  const { format } = scope;
  // The time of day matters here (a call at 9:05), shown in the organisation's time zone like every date.
  const time = new Intl.DateTimeFormat(format.locale, { timeZone: scope.org.timeZone, dateStyle: "medium", timeStyle: "short" });
  const pages = drillPageCount(activities.total);
  const search = (change: Partial<ActivityDrillFilter>) => dashboardSearch(scope.query, activityDrillEntries({ ...filter, ...change })).toString();
  const href = (change: Partial<ActivityDrillFilter>) => `/drill/activities?${search(change)}`;
  const sortHref = (sort: ActivityDrillFilter["sort"]) => href({ sort, dir: filter.sort === sort && filter.dir === "desc" ? "asc" : "desc", page: 1 });
  const first = activities.rows[0];
  const chips = presentChips([
    t("activityBasis", { period: scope.periodLabel }),
    filter.type && t(`activityFilter.types.${filter.type}`),
    filter.repId !== undefined && t("chips.rep", { rep: reps?.find((rep) => rep.id === filter.repId)?.name ?? first?.rep ?? `#${filter.repId}` }),
    filter.response && t(`activityFilter.responseChip.${filter.response}`),
    filter.subject && t(`activityFilter.subjectChip.${filter.subject}`),
    filter.dealId !== undefined && t("chips.deal", { name: first?.deal ?? `#${filter.dealId}` }),
    filter.leadId !== undefined && t("chips.lead", { name: first?.lead ?? `#${filter.leadId}` }),
    teamChip(scope),
  ]);
  const csv = `/api/export/activities?${search({ page: 1 })}`;
  const sortAndSubject = { sort: filter.sort, dir: filter.dir, deal: filter.dealId?.toString(), lead: filter.leadId?.toString() };
  const pipeline = scope.query.pipelineId?.toString();
  const typeLabels = ACTIVITY_DRILL_TYPES.map((type) => ({ value: type, label: t(`activityFilter.types.${type}`) }));

  return (
    <div className="space-y-6">
      <DrillHeader
        backHref={drillBackHref(scope)}
        backLabel={t("back")}
        heading={t("activitiesHeading")}
        chips={chips}
        chipsLabel={t("filtersLabel")}
        total={t("activitiesTotal", {
          count: activities.total,
          responded: format.number(activities.responded),
          rate: activities.total === 0 ? DASH : format.percent(activities.responded / activities.total),
        })}
        csvHref={csv}
        csvLabel={t("csv")}
      />

      <PeriodFilter
        action="/drill/activities"
        query={scope.query}
        years={pickerYears(scope.org)}
        pipelines={[]}
        teams={viewer.role === "REP" ? null : scope.labels.teams}
        labels={labels}
        hidden={{ ...activityDrillEntries({ ...filter, page: 1 }), pipeline }}
      />
      <ActivityFilter
        action="/drill/activities"
        values={{ type: filter.type, rep: filter.repId?.toString(), response: filter.response, on: filter.subject }}
        types={typeLabels}
        reps={reps}
        hidden={{ ...Object.fromEntries(dashboardSearch(scope.query)), ...sortAndSubject }}
        labels={{
          legend: t("activityFilter.legend"),
          type: t("activityFilter.type"),
          allTypes: t("activityFilter.allTypes"),
          rep: t("activityFilter.rep"),
          allReps: t("activityFilter.allReps"),
          response: t("activityFilter.response"),
          anyResponse: t("activityFilter.anyResponse"),
          yes: t("activityFilter.yes"),
          no: t("activityFilter.no"),
          subject: t("activityFilter.subject"),
          anySubject: t("activityFilter.anySubject"),
          subjects: { deal: t("activityFilter.subjects.deal"), lead: t("activityFilter.subjects.lead"), none: t("activityFilter.subjects.none") },
          apply: t("activityFilter.apply"),
        }}
      />

      {activities.total === 0 ? (
        <p className="rounded-xl border border-border bg-surface p-6 text-sm text-muted">{t("empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-border bg-surface shadow-sm">
          <table className="w-full min-w-[900px] text-sm">
            <caption className="sr-only">{t("activitiesCaption", { page: filter.page, pages })}</caption>
            <thead className="border-b border-border bg-surface-muted text-xs text-muted">
              <tr>
                <SortHeader label={t("columns.at")} active={filter.sort === "at"} dir={filter.dir} href={sortHref("at")} />
                <th scope="col" className="px-3 py-2 text-left font-medium">{t("columns.activityType")}</th>
                <SortHeader label={t("columns.owner")} active={filter.sort === "rep"} dir={filter.dir} href={sortHref("rep")} />
                <th scope="col" className="px-3 py-2 text-left font-medium">{t("columns.team")}</th>
                <th scope="col" className="px-3 py-2 text-left font-medium">{t("columns.subject")}</th>
                <th scope="col" className="px-3 py-2 text-left font-medium">{t("columns.response")}</th>
              </tr>
            </thead>
            <tbody>
              {activities.rows.map((activity) => (
                <tr key={activity.id} className="border-b border-border/70 tabular-nums last:border-0">
                  <th scope="row" className="whitespace-nowrap px-3 py-2 text-left font-normal text-foreground">{time.format(activity.at)}</th>
                  <td className="px-3 py-2">{t(`activityFilter.types.${activity.type}`)}</td>
                  <td className="px-3 py-2">{activity.rep}</td>
                  <td className="px-3 py-2">{activity.team ?? DASH}</td>
                  <td className="px-3 py-2">
                    {activity.dealId !== null ? (
                      <>
                        <span className="mr-1.5 text-xs text-muted">{t("subjectDeal")}</span>
                        {activity.dealVisible ? (
                          <Link href={`/deals/${activity.dealId}`} className="text-accent underline-offset-4 hover:underline">{activity.deal}</Link>
                        ) : (
                          activity.deal
                        )}
                      </>
                    ) : activity.leadId !== null ? (
                      <>
                        <span className="mr-1.5 text-xs text-muted">{t("subjectLead")}</span>
                        {activity.lead}
                      </>
                    ) : (
                      DASH
                    )}
                  </td>
                  <td className="px-3 py-2">{activity.responded ? t("activityFilter.yes") : t("activityFilter.no")}</td>
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
