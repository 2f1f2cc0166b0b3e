import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { requireViewer } from "@/lib/auth/require-viewer";
import { getTranslations } from "@/lib/i18n/get-translations";
import { loadReviewPage } from "@/lib/review/load-review-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("review");
  return { title: t("title") };
}

/** A manager of one team goes straight to its review; a manager of several, and an admin, pick the team. */
export default async function ReviewYearPage({ params, searchParams }: { params: Promise<{ year: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer();
  const { year } = await params;
  const loaded = await loadReviewPage(viewer, year, await searchParams);
  if (!("pickTeam" in loaded)) redirect(`/review/${loaded.review.year}/sales-process?team=${loaded.review.team.id}`);
  const t = await getTranslations("review");
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t("pickTeamHeading", { year: loaded.year })}</h1>
      <p className="text-muted">{t("pickTeamIntro")}</p>
      <ul className="grid gap-3 sm:grid-cols-2">
        {loaded.pickTeam.map((team) => (
          <li key={team.id}>
            <Link href={`/review/${loaded.year}/sales-process?team=${team.id}`} className="flex min-h-16 flex-col justify-center rounded-xl border border-border bg-surface px-4 py-3 shadow-sm hover:border-accent">
              <span className="font-semibold text-foreground">{team.name}</span>
              <span className="text-sm text-muted">{team.managerName ?? t("noManager")}</span>
            </Link>
          </li>
        ))}
      </ul>
      {viewer.role === "ADMIN" && (
        <p>
          <Link href={`/review/${loaded.year}/teams`} className="font-medium text-accent underline underline-offset-4">
            {t("allTeamsLink")}
          </Link>
        </p>
      )}
    </div>
  );
}
