import type { Metadata } from "next";
import Link from "next/link";
import { NextIntlClientProvider } from "next-intl";
import { redirect } from "next/navigation";
import { PipelinePlanEditor } from "@/components/plan/pipeline-plan-editor";
import { requireViewer } from "@/lib/auth/require-viewer";
import { getTranslations } from "@/lib/i18n/get-translations";
import { messagesFor } from "@/lib/i18n/messages";
import { loadPipelinePlanPage } from "@/lib/plan/load-pipeline-plan-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("plan");
  return { title: t("title") };
}

/** Next year's pipeline plan for a team (issue 16): a manager of the team or an admin; a rep is not found. */
export default async function PipelinePlanPage({ params, searchParams }: { params: Promise<{ year: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer();
  const { year } = await params;
  const loaded = await loadPipelinePlanPage(viewer, year, await searchParams);
  const t = await getTranslations("plan");
  if ("pickTeam" in loaded) {
    if (loaded.pickTeam.length === 1) redirect(`/plan/${loaded.year}/pipeline?team=${loaded.pickTeam[0]!.id}`);
    return (
      <div className="max-w-3xl space-y-6">
        <h1 className="text-2xl font-semibold tracking-tight">{t("pickTeam", { year: loaded.year })}</h1>
        <ul className="grid gap-3 sm:grid-cols-2">
          {loaded.pickTeam.map((team) => (
            <li key={team.id}>
              <Link href={`/plan/${loaded.year}/pipeline?team=${team.id}`} className="flex min-h-16 flex-col justify-center rounded-xl border border-border bg-surface px-4 py-3 shadow-sm hover:border-accent">
                <span className="font-semibold text-foreground">{team.name}</span>
                <span className="text-sm text-muted">{team.managerName ?? t("noManager")}</span>
              </Link>
            </li>
          ))}
        </ul>
      </div>
    );
  }
  const { defaults, saved, actuals, org, team } = loaded;
  return (
    <div className="max-w-6xl space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">{t("heading", { team: team.name, year: loaded.year })}</h1>
        <p className="max-w-3xl text-muted">{t("intro", { year: defaults.baseYear })}</p>
        {loaded.teams.length > 1 && (
          <nav aria-label={t("teams")} className="flex flex-wrap gap-2 text-sm">
            {loaded.teams.map((other) => (
              <Link
                key={other.id}
                href={`/plan/${loaded.year}/pipeline?team=${other.id}`}
                aria-current={other.id === team.id ? "page" : undefined}
                className="rounded-full border border-border px-3 py-1 hover:border-accent aria-[current=page]:border-accent aria-[current=page]:bg-accent-soft aria-[current=page]:font-semibold"
              >
                {other.name}
              </Link>
            ))}
          </nav>
        )}
      </header>
      <NextIntlClientProvider locale={viewer.locale} messages={{ plan: messagesFor(viewer.locale).plan, errors: messagesFor(viewer.locale).errors }} formats={{}} now={new Date()} timeZone={org.timeZone}>
      <PipelinePlanEditor
        key={`${team.id}-${loaded.year}`}
        teamId={team.id}
        year={loaded.year}
        baseYear={defaults.baseYear}
        editable={loaded.editable}
        defaults={{
          sdrFed: defaults.sdrFed,
          baseRevenue: defaults.baseRevenue,
          monthlyRevenue: defaults.monthlyRevenue,
          pipelineCreatedByMonth: defaults.pipelineCreatedByMonth.map((m) => ({ month: m.month, amount: m.amount })),
          reps: defaults.reps.map((rep) => ({ name: rep.name, quota: rep.quota })),
          assumptions: defaults.assumptions,
        }}
        saved={saved ? { target: saved.target, assumptions: saved.assumptions, plan: saved.plan, requiredByMonth: saved.requiredByMonth, savedBy: saved.savedBy, savedAt: saved.updatedAt.toISOString() } : null}
        actuals={actuals}
        links={loaded.links}
        locale={{ locale: viewer.locale, currency: org.currency }}
      />
      </NextIntlClientProvider>
    </div>
  );
}
