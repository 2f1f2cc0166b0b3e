import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { MoveRepForm } from "@/components/admin/move-rep-form";
import { CreateTeamForm, EditTeamForm } from "@/components/admin/team-form";
import { requireViewer } from "@/lib/auth/require-viewer";
import { listTeams, type TeamRep } from "@/lib/data/list-teams";
import { getTranslations } from "@/lib/i18n/get-translations";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  return { title: t("adminTeamsTitle") };
}

export default async function AdminTeamsPage() {
  const viewer = await requireViewer();
  if (viewer.role !== "ADMIN") notFound();
  const [{ teams, unassigned, managers }, t, tKinds] = await Promise.all([listTeams(viewer), getTranslations("admin"), getTranslations("repKinds")]);
  const teamOptions = teams.map((team) => ({ id: team.id, name: team.name }));

  const repList = (reps: TeamRep[], teamId: number | null, label: string) => (
    <ul aria-label={label} className="divide-y divide-border">
      {reps.map((rep) => (
        <li key={rep.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
          <span className="text-sm text-foreground">
            {rep.name}
            <span className="ml-2 text-xs text-muted">
              {tKinds(rep.kind)}
              {!rep.active && ` · ${t("teams.inactive")}`}
              {!rep.hasLogin && ` · ${t("teams.noLogin")}`}
            </span>
          </span>
          <MoveRepForm rep={{ id: rep.id, name: rep.name }} teamId={teamId} teams={teamOptions} />
        </li>
      ))}
    </ul>
  );

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-foreground">{t("teams.heading")}</h1>
        <p className="mt-1.5 text-sm text-muted">
          {t("teams.intro")} {t("teams.count", { count: teams.length })}.
        </p>
      </div>

      <details className="group rounded-xl border border-border bg-surface shadow-sm">
        <summary className="flex cursor-pointer list-none items-center justify-between gap-3 rounded-xl px-5 py-4 text-base font-semibold text-foreground hover:bg-surface-muted">
          <span>{t("teams.add")}</span>
          <span aria-hidden="true" className="text-xl leading-none text-muted transition-transform group-open:rotate-45">
            +
          </span>
        </summary>
        <div className="border-t border-border px-5 py-5">
          {managers.length === 0 && <p className="mb-4 text-sm text-muted">{t("teams.noManagers")}</p>}
          <CreateTeamForm managers={managers} />
        </div>
      </details>

      <div className="grid items-start gap-6 xl:grid-cols-2">
        {teams.map((team) => (
          <section key={team.id} aria-labelledby={`team-${team.id}`} className="rounded-xl border border-border bg-surface p-5 shadow-sm">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id={`team-${team.id}`} className="text-lg font-semibold text-foreground">
                {team.name}
              </h2>
              <p className="text-sm text-muted">
                {tKinds(`${team.kind}Long`)} · {t("teams.reps", { count: team.reps.length })}
              </p>
            </div>
            <div className="mt-4 rounded-lg bg-surface-muted/60 p-4">
              <EditTeamForm team={{ id: team.id, name: team.name, managerId: team.manager?.active ? team.manager.id : null }} managers={managers} />
            </div>
            <h3 className="mt-5 text-sm font-semibold text-foreground">{t("teams.repsOf", { team: team.name })}</h3>
            {team.reps.length === 0 ? <p className="mt-2 text-sm text-muted">{t("teams.noReps")}</p> : repList(team.reps, team.id, t("teams.repsOf", { team: team.name }))}
          </section>
        ))}
      </div>

      <section aria-labelledby="unassigned" className="rounded-xl border border-dashed border-border-strong bg-surface p-5">
        <h2 id="unassigned" className="text-lg font-semibold text-foreground">
          {t("teams.unassigned")}
        </h2>
        {unassigned.length === 0 ? <p className="mt-2 text-sm text-muted">{t("teams.unassignedNone")}</p> : repList(unassigned, null, t("teams.unassigned"))}
      </section>
    </div>
  );
}
