import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { RepActivityPanel } from "@/components/coaching/rep-activity-panel";
import { RepCoachingPanel } from "@/components/coaching/rep-coaching-panel";
import { RepConversionPanel } from "@/components/coaching/rep-conversion-panel";
import { RepDiagnosisPanel } from "@/components/coaching/rep-diagnosis-panel";
import { RepResultsPanel } from "@/components/coaching/rep-results-panel";
import { CardsSkeleton, PanelSkeleton } from "@/components/kpi/panel";
import { PeriodFilter } from "@/components/kpi/period-filter";
import { RunningPeriodNote } from "@/components/kpi/running-period-note";
import { requireViewer } from "@/lib/auth/require-viewer";
import type { Viewer } from "@/lib/auth/viewer";
import { filterLabels } from "@/lib/dashboard/filter-labels";
import { loadScope, pickerYears } from "@/lib/dashboard/load-scope";
import { getCoachedRep, type CoachedRep } from "@/lib/data/coaching/get-coached-rep";
import { isAppError } from "@/lib/errors";
import { getTranslations } from "@/lib/i18n/get-translations";
import { idField } from "@/lib/validation/admin-fields";
import { dashboardSearch } from "@/lib/validation/dashboard-query";

type Params = Promise<{ repId: string }>;

/** The rep of the URL, or null: another rep's id is not found, exactly like a missing one. */
async function repOf(viewer: Viewer, params: Params): Promise<CoachedRep | null> {
  const repId = idField.safeParse((await params).repId);
  if (!repId.success) return null;
  try {
    return await getCoachedRep(viewer, repId.data);
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") return null;
    throw error;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const [viewer, t] = await Promise.all([requireViewer(), getTranslations("repProfile")]);
  const rep = await repOf(viewer, params);
  return { title: rep ? t("title", { name: rep.name }) : undefined };
}

// Managers see their teams' reps, admins everyone, a rep only themselves.
export default async function RepProfilePage({ params, searchParams }: { params: Params; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer();
  const rep = await repOf(viewer, params);
  if (!rep) notFound();
  const [scope, t, tKinds, labels] = await Promise.all([loadScope(viewer, { ...(await searchParams), team: undefined }), getTranslations("repProfile"), getTranslations("repKinds"), filterLabels()]);
  const key = `${rep.id}-${dashboardSearch(scope.query).toString()}`;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-foreground">
          {t("heading", { name: rep.name })}
          {!rep.active && <span className="ml-3 rounded-full border border-border-strong px-2 py-0.5 align-middle text-xs font-medium text-muted">{t("inactive")}</span>}
        </h1>
        <p className="mt-1.5 text-sm text-muted">
          {t("subheading", { team: rep.teamName ?? t("noTeam"), kind: tKinds(`${rep.kind}Long`), period: scope.periodLabel, previous: scope.previousLabel })}
        </p>
        <RunningPeriodNote period={scope.period} periodLabel={scope.periodLabel} previousLabel={scope.previousLabel} formatDate={scope.format.date} />
      </div>
      <PeriodFilter action={`/reps/${rep.id}`} query={scope.query} years={pickerYears(scope.org)} pipelines={scope.labels.pipelines} teams={null} labels={labels} />
      {viewer.role === "REP" && <p className="rounded-lg border border-accent/30 bg-accent-soft px-4 py-3 text-sm text-accent-soft-foreground">{t("privacy")}</p>}
      <Suspense key={`diagnosis-${key}`} fallback={<PanelSkeleton title={t("diagnosis.title")} rows={2} />}>
        <RepDiagnosisPanel scope={scope} rep={rep} />
      </Suspense>
      <Suspense key={`results-${key}`} fallback={<CardsSkeleton count={4} />}>
        <RepResultsPanel scope={scope} rep={rep} />
      </Suspense>
      <Suspense key={`activity-${key}`} fallback={<PanelSkeleton title={t("activity.title")} rows={5} />}>
        <RepActivityPanel scope={scope} rep={rep} />
      </Suspense>
      <Suspense key={`conversion-${key}`} fallback={<PanelSkeleton title={t("conversion.title")} rows={5} />}>
        <RepConversionPanel scope={scope} rep={rep} />
      </Suspense>
      <Suspense key={`coaching-${key}`} fallback={<PanelSkeleton title={t("coaching.title")} rows={6} />}>
        <RepCoachingPanel scope={scope} rep={rep} />
      </Suspense>
    </div>
  );
}
