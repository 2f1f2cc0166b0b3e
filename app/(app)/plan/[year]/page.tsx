import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { GoalEditors } from "@/components/goals/goal-editors";
import { GoalProgressTable } from "@/components/goals/goal-progress-table";
import { Panel } from "@/components/kpi/panel";
import { requireViewer } from "@/lib/auth/require-viewer";
import { loadGoalsPage } from "@/lib/goals/load-goals-page";
import { getFormatter } from "@/lib/i18n/get-formatter";
import { getTranslations } from "@/lib/i18n/get-translations";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("goals");
  return { title: t("title") };
}

/** The goals of a team's plan (issue 16): a manager of the team or an admin; a rep is not found (their goals are on My KPIs). */
export default async function GoalsPage({ params, searchParams }: { params: Promise<{ year: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer();
  const { year } = await params;
  const loaded = await loadGoalsPage(viewer, year, await searchParams);
  const t = await getTranslations("goals");
  if ("pickTeam" in loaded) {
    if (loaded.pickTeam.length === 1) redirect(`/plan/${loaded.year}?team=${loaded.pickTeam[0]!.id}`);
    return (
      <div className="max-w-3xl space-y-6">
        <h1 className="text-2xl font-semibold tracking-tight">{t("pickTeam", { year: loaded.year })}</h1>
        <ul className="grid gap-3 sm:grid-cols-2">
          {loaded.pickTeam.map((team) => (
            <li key={team.id}>
              <Link href={`/plan/${loaded.year}?team=${team.id}`} className="flex min-h-16 flex-col justify-center rounded-xl border border-border bg-surface px-4 py-3 shadow-sm hover:border-accent">
                <span className="font-semibold text-foreground">{team.name}</span>
                <span className="text-sm text-muted">{team.managerName ?? t("noManager")}</span>
              </Link>
            </li>
          ))}
        </ul>
      </div>
    );
  }
  const { team, progress, org } = loaded;
  const format = await getFormatter({ timeZone: org.timeZone, currency: org.currency });
  const base = loaded.year - 1;
  return (
    <div className="max-w-6xl space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">{t("heading", { team: team.name, year: loaded.year })}</h1>
        <p className="max-w-3xl text-muted">{t("intro", { year: loaded.year, base })}</p>
        <p className="flex flex-wrap gap-4 text-sm">
          <Link className="font-medium text-accent underline underline-offset-4" href={`/plan/${loaded.year}/pipeline?team=${team.id}`}>
            {t("pipelineLink", { year: loaded.year })}
          </Link>
          <Link className="font-medium text-accent underline underline-offset-4" href={`/review/${base}/action-plan?team=${team.id}`}>
            {t("reviewLink", { year: base })}
          </Link>
        </p>
        {loaded.teams.length > 1 && (
          <nav aria-label={t("teams")} className="flex flex-wrap gap-2 text-sm">
            {loaded.teams.map((other) => (
              <Link
                key={other.id}
                href={`/plan/${loaded.year}?team=${other.id}`}
                aria-current={other.id === team.id ? "page" : undefined}
                className="rounded-full border border-border px-3 py-1 hover:border-accent aria-[current=page]:border-accent aria-[current=page]:bg-accent-soft aria-[current=page]:font-semibold"
              >
                {other.name}
              </Link>
            ))}
          </nav>
        )}
      </header>
      <Panel
        id="goals-heading"
        title={t("panel.title", { year: loaded.year })}
        description={progress.throughDate === null ? t("panel.notStarted", { year: loaded.year }) : t("panel.intro", { year: loaded.year, date: format.calendarDate(new Date(`${progress.throughDate}T00:00:00Z`)) })}
      >
        {progress.goals.length === 0 ? (
          <p className="text-sm text-muted">{t("empty")}</p>
        ) : (
          <GoalProgressTable list={progress} format={format} caption={t("tableCaption", { year: loaded.year })} />
        )}
      </Panel>
      <GoalEditors
        viewer={viewer}
        teamId={team.id}
        year={base}
        timeZone={org.timeZone}
        goals={progress.goals.map((goal) => ({ id: goal.id, title: goal.title, metric: goal.metric, target: goal.target, ownerId: goal.ownerId, dueAt: goal.dueAt, horizon: goal.horizon, section: goal.section, draft: goal.draft }))}
      />
    </div>
  );
}
