import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { CardsSkeleton, PanelSkeleton } from "@/components/kpi/panel";
import { PeriodFilter } from "@/components/kpi/period-filter";
import { RunningPeriodNote } from "@/components/kpi/running-period-note";
import { requireViewer } from "@/lib/auth/require-viewer";
import { getTranslations } from "@/lib/i18n/get-translations";
import { dashboardSearch } from "@/lib/validation/dashboard-query";
import { filterLabels } from "@/lib/dashboard/filter-labels";
import { loadScope, pickerYears } from "@/lib/dashboard/load-scope";
import { ActivityMixPanel } from "@/components/kpi/panels/activity-mix-panel";
import { GoalProgressPanel } from "@/components/goals/goal-progress-panel";
import { MyNumbersPanel } from "@/components/kpi/panels/my-numbers-panel";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  return { title: t("myKpisTitle") };
}

export default async function MyKpisPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer();
  if (viewer.role !== "REP") redirect("/dashboard");
  const params = await searchParams;
  const [scope, t, tGoals, labels] = await Promise.all([loadScope(viewer, params), getTranslations("myKpis"), getTranslations("goals"), filterLabels()]);
  const key = dashboardSearch(scope.query).toString();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-foreground">{t("heading")}</h1>
        <p className="mt-1.5 text-sm text-muted">{t("subheading", { period: scope.periodLabel, previous: scope.previousLabel })}</p>
        <RunningPeriodNote period={scope.period} periodLabel={scope.periodLabel} previousLabel={scope.previousLabel} formatDate={scope.format.date} />
      </div>
      <PeriodFilter action="/my-kpis" query={scope.query} years={pickerYears(scope.org)} pipelines={scope.labels.pipelines} teams={null} labels={labels} />
      {viewer.repId === null ? (
        <p className="rounded-xl border border-border bg-surface p-6 text-sm text-muted">{t("noRep")}</p>
      ) : (
        <>
          <p className="rounded-lg border border-accent/30 bg-accent-soft px-4 py-3 text-sm text-accent-soft-foreground">{t("privacy")}</p>
          <nav aria-label={t("dealsNav")} className="flex flex-wrap gap-3 text-sm">
            <Link href="/pipeline" className="rounded-lg border border-border bg-surface px-4 py-2 font-medium text-foreground shadow-sm hover:border-accent hover:text-accent">
              {t("openDealsBoard")}
            </Link>
            <Link href="/pipeline?view=table" className="rounded-lg border border-border bg-surface px-4 py-2 font-medium text-foreground shadow-sm hover:border-accent hover:text-accent">
              {t("openDealsTable")}
            </Link>
          </nav>
          <Suspense key={`mine-${key}`} fallback={<CardsSkeleton count={8} />}>
            <MyNumbersPanel scope={scope} />
          </Suspense>
          <Suspense key={`goals-${key}`} fallback={<PanelSkeleton title={tGoals("title")} rows={3} />}>
            <GoalProgressPanel scope={scope} />
          </Suspense>
          <Suspense key={`mix-${key}`} fallback={<PanelSkeleton title={t("mix.title")} rows={4} />}>
            <ActivityMixPanel scope={scope} />
          </Suspense>
        </>
      )}
    </div>
  );
}
