import type { Metadata } from "next";
import Link from "next/link";
import { StartMeetingForm } from "@/components/meeting/start-meeting-form";
import { buttonClass, muted } from "@/components/meeting/styles";
import { requireViewer } from "@/lib/auth/require-viewer";
import { getOrganization } from "@/lib/data/get-organization";
import { listMeetingTeams } from "@/lib/data/meeting/list-meeting-teams";
import { getFormatter } from "@/lib/i18n/get-formatter";
import { getTranslations } from "@/lib/i18n/get-translations";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meeting");
  return { title: t("title") };
}

/**
 * Where the weekly meeting starts: a manager (of several teams) or an admin picks the team and the walk order, or
 * resumes the meeting in progress; a rep follows their team's meeting from here. Past meetings open their summary.
 */
export default async function MeetingStartPage() {
  const viewer = await requireViewer();
  const [teams, org, t] = await Promise.all([listMeetingTeams(viewer), getOrganization(viewer), getTranslations("meeting")]);
  const format = await getFormatter(org);
  const time = new Intl.DateTimeFormat(format.locale, { day: "numeric", month: "long", hour: "2-digit", minute: "2-digit", timeZone: org.timeZone });
  const back = viewer.role === "REP" ? "/my-kpis" : "/pipeline";

  return (
    <main id="main" className="mx-auto max-w-6xl px-8 py-8">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-4xl font-bold tracking-tight">{t("start.heading")}</h1>
        <Link href={back} className={buttonClass("secondary")}>
          {t("start.back")}
        </Link>
      </div>
      <p className={`mt-3 max-w-4xl ${muted}`}>{viewer.role === "REP" ? t("start.introRep") : t("start.intro")}</p>

      {teams.length === 0 ? (
        <p className="mt-8 rounded-2xl border-2 border-black p-6">{t("start.noTeams")}</p>
      ) : (
        <ul className="mt-8 space-y-6">
          {teams.map((team) => (
            <li key={team.id}>
              <section aria-labelledby={`team-${team.id}`} className="rounded-2xl border-2 border-black p-6">
                <h2 id={`team-${team.id}`} className="text-3xl font-bold">
                  {team.name}
                </h2>
                {team.inProgress ? (
                  <>
                    <p className="mt-2">
                      {t("start.inProgress", { time: time.format(team.inProgress.heldAt), who: team.inProgress.facilitator ?? "—" })}
                    </p>
                    {team.canRun ? (
                      <StartMeetingForm teamId={team.id} teamName={team.name} resume />
                    ) : (
                      <Link href={`/meeting/${team.inProgress.id}`} className={buttonClass("primary", "mt-4")}>
                        {t("start.follow")}
                      </Link>
                    )}
                  </>
                ) : team.canRun ? (
                  <>
                    {team.planned && <p className="mt-2">{t("start.planned", { time: time.format(team.planned.heldAt) })}</p>}
                    <StartMeetingForm teamId={team.id} teamName={team.name} resume={false} />
                  </>
                ) : (
                  <p className="mt-2">{t("start.noneRunning")}</p>
                )}
                {team.recent.length > 0 && (
                  <div className="mt-6">
                    <h3 className="font-semibold">{t("start.recent")}</h3>
                    <ul className="mt-2 flex flex-wrap gap-3">
                      {team.recent.map((meeting) => (
                        <li key={meeting.id}>
                          <Link href={`/meeting/${meeting.id}/summary`} className="inline-flex min-h-12 items-center rounded-xl border-2 border-black px-4 underline underline-offset-4">
                            {t("start.summaryOf", { date: format.date(meeting.heldAt) })}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
              </section>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
