import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { CardsSkeleton, PanelSkeleton } from "@/components/kpi/panel";
import { PeriodFilter } from "@/components/kpi/period-filter";
import { RunningPeriodNote } from "@/components/kpi/running-period-note";
import { requireViewer } from "@/lib/auth/require-viewer";
import { getTranslations } from "@/lib/i18n/get-translations";
import { dashboardSearch } from "@/lib/validation/dashboard-query";
import { filterLabels } from "@/lib/dashboard/filter-labels";
import { GoalProgressPanel } from "@/components/goals/goal-progress-panel";
import { FunnelPanel } from "@/components/kpi/panels/funnel-panel";
import { HeadlinePanel } from "@/components/kpi/panels/headline-panel";
import { LeadsPanel } from "@/components/kpi/panels/leads-panel";
import { SdrPanel } from "@/components/kpi/panels/sdr-panel";
import { kpiDb } from "@/lib/kpi/kpi-db";
import { isSdrOnly, queryScopeMix } from "@/lib/kpi/lead-side";
import { loadScope, pickerYears } from "@/lib/dashboard/load-scope";
import { LostReasonsPanel } from "@/components/kpi/panels/lost-reasons-panel";
import { TrendsPanel } from "@/components/kpi/panels/trends-panel";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  return { title: t("dashboardTitle") };
}

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer();
  if (viewer.role === "REP") redirect("/my-kpis");
  const params = await searchParams;
  const [scope, t, tGoals, labels] = await Promise.all([loadScope(viewer, params), getTranslations("dashboard"), getTranslations("goals"), filterLabels()]);
  // A scope of SDRs only sells nothing itself: its dashboard shows their work and hand-overs, not revenue cards.
  const sdrOnly = isSdrOnly(await queryScopeMix(kpiDb, viewer, scope.filter));
  const teamName = scope.labels.teams.find((team) => team.id === scope.query.teamId)?.name;
  const scopeText =
    teamName !== undefined
      ? t("scope.team", { team: teamName })
      : viewer.role === "ADMIN"
        ? t("scope.org", { org: scope.org.name })
        : t("scope.teams", { teams: scope.labels.teams.map((team) => team.name).join(", ") || "—" });
  const exportSearch = (format: "json" | "csv") => `/api/export/report?${dashboardSearch(scope.query, { format }).toString()}`;
  // Each panel gets its own key so that changing the filter shows its skeleton again.
  const key = dashboardSearch(scope.query).toString();

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-foreground">{t("heading")}</h1>
          <p className="mt-1.5 text-sm text-muted">
            {scopeText}
            <span aria-hidden="true" className="mx-2">·</span>
            {t("periodLine", { period: scope.periodLabel, previous: scope.previousLabel })}
          </p>
          <RunningPeriodNote period={scope.period} periodLabel={scope.periodLabel} previousLabel={scope.previousLabel} formatDate={scope.format.date} />
        </div>
        <div className="flex flex-wrap gap-2 print:hidden">
          <a href={exportSearch("csv")} download className="inline-flex min-h-9 items-center rounded-lg border border-border-strong bg-surface px-3 text-sm font-medium text-foreground hover:bg-surface-muted">
            {t("export.csv")}
          </a>
          <a href={exportSearch("json")} download className="inline-flex min-h-9 items-center rounded-lg border border-border-strong bg-surface px-3 text-sm font-medium text-foreground hover:bg-surface-muted">
            {t("export.json")}
          </a>
        </div>
      </div>

      <PeriodFilter
        action="/dashboard"
        query={scope.query}
        years={pickerYears(scope.org)}
        pipelines={scope.labels.pipelines}
        teams={scope.labels.teams}
        labels={labels}
      />

      {sdrOnly ? (
        <Suspense key={`sdr-${key}`} fallback={<CardsSkeleton count={6} />}>
          <SdrPanel scope={scope} />
        </Suspense>
      ) : (
        <Suspense key={`cards-${key}`} fallback={<CardsSkeleton count={9} />}>
          <HeadlinePanel scope={scope} />
        </Suspense>
      )}
      <Suspense key={`goals-${key}`} fallback={<PanelSkeleton title={tGoals("title")} rows={3} />}>
        <GoalProgressPanel scope={scope} />
      </Suspense>
      <Suspense key={`leads-${key}`} fallback={<PanelSkeleton title={t("leads.title")} rows={5} />}>
        <LeadsPanel scope={scope} />
      </Suspense>
      {!sdrOnly && (
        <>
          <div className="grid gap-6 2xl:grid-cols-[2fr_3fr]">
            <Suspense key={`trends-${key}`} fallback={<PanelSkeleton title={t("trends.title")} rows={6} />}>
              <TrendsPanel scope={scope} />
            </Suspense>
            <Suspense key={`lost-${key}`} fallback={<PanelSkeleton title={t("lostReasons.title")} rows={6} />}>
              <LostReasonsPanel scope={scope} />
            </Suspense>
          </div>
          <Suspense key={`funnel-${key}`} fallback={<PanelSkeleton title={t("funnel.title")} rows={8} />}>
            <FunnelPanel scope={scope} />
          </Suspense>
        </>
      )}
      <p className="max-w-4xl text-xs leading-relaxed text-muted">{t("definitions")}</p>
    </div>
  );
}
