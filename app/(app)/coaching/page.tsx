import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { CoachingHoursTable } from "@/components/coaching/coaching-hours-table";
import { CoachingImpactTable } from "@/components/coaching/coaching-impact-table";
import { Panel, PanelSkeleton } from "@/components/kpi/panel";
import { PeriodFilter } from "@/components/kpi/period-filter";
import { RunningPeriodNote } from "@/components/kpi/running-period-note";
import { requireViewer } from "@/lib/auth/require-viewer";
import { loadCoachingOverview } from "@/lib/coaching/load-coaching-overview";
import { filterLabels } from "@/lib/dashboard/filter-labels";
import { loadScope, pickerYears } from "@/lib/dashboard/load-scope";
import type { DashboardScope } from "@/lib/dashboard/scope";
import { getTranslations } from "@/lib/i18n/get-translations";
import { dashboardSearch } from "@/lib/validation/dashboard-query";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("coaching.page");
  return { title: t("title") };
}

async function HoursPanel({ scope }: { scope: DashboardScope }) {
  const [{ coaching }, t] = await Promise.all([loadCoachingOverview(scope), getTranslations("coaching.grid")]);
  const target = scope.format.number(Math.round((coaching.targetMinutes / 60) * 10) / 10);
  return (
    <Panel id="coaching-grid-heading" title={t("title")} description={t("description", { target })}>
      <CoachingHoursTable scope={scope} coaching={coaching} total />
    </Panel>
  );
}

async function ImpactPanel({ scope }: { scope: DashboardScope }) {
  const [{ coaching, impact }, t] = await Promise.all([loadCoachingOverview(scope), getTranslations("coaching.impact")]);
  const targetHours = coaching.targetMinutes / 60;
  return (
    <Panel
      id="coaching-impact-heading"
      title={t("title")}
      description={t("description", { target: scope.format.number(Math.round(targetHours * 10) / 10), period: scope.periodLabel, previous: scope.previousLabel })}
    >
      <CoachingImpactTable scope={scope} impact={impact} targetHours={targetHours} />
    </Panel>
  );
}

// Managers (their teams) and admins (every team); a rep is told the page does not exist.
export default async function CoachingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer();
  if (viewer.role === "REP") notFound();
  const [scope, t, labels] = await Promise.all([loadScope(viewer, await searchParams), getTranslations("coaching.page"), filterLabels()]);
  const teamName = scope.labels.teams.find((team) => team.id === scope.query.teamId)?.name;
  const scopeText =
    teamName !== undefined
      ? t("scopeTeam", { team: teamName })
      : viewer.role === "ADMIN"
        ? t("scopeOrg", { org: scope.org.name })
        : t("scopeTeams", { teams: scope.labels.teams.map((team) => team.name).join(", ") || "—" });
  const { coaching } = await loadCoachingOverview(scope);
  const key = dashboardSearch(scope.query).toString();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-foreground">{t("heading")}</h1>
        <p className="mt-1.5 text-sm text-muted">
          {t("subheading", { scope: scopeText, period: scope.periodLabel, target: scope.format.number(Math.round((coaching.targetMinutes / 60) * 10) / 10) })}
        </p>
        <RunningPeriodNote period={scope.period} periodLabel={scope.periodLabel} previousLabel={scope.previousLabel} formatDate={scope.format.date} />
      </div>
      <PeriodFilter action="/coaching" query={scope.query} years={pickerYears(scope.org)} pipelines={[]} teams={scope.labels.teams} labels={labels} />
      <Suspense key={`grid-${key}`} fallback={<PanelSkeleton title={t("heading")} rows={8} />}>
        <HoursPanel scope={scope} />
      </Suspense>
      <Suspense key={`impact-${key}`} fallback={<PanelSkeleton title={t("heading")} rows={3} />}>
        <ImpactPanel scope={scope} />
      </Suspense>
    </div>
  );
}
