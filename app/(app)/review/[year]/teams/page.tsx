import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireViewer } from "@/lib/auth/require-viewer";
import { getOrganization } from "@/lib/data/get-organization";
import { listTeamReviews } from "@/lib/data/review/list-team-reviews";
import { getFormatter } from "@/lib/i18n/get-formatter";
import { getTranslations } from "@/lib/i18n/get-translations";
import { REVIEW_SECTIONS, SECTION_QUESTIONS } from "@/lib/review/steps";
import { reviewYear } from "@/lib/validation/review";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("review.teams");
  return { title: t("title") };
}

const QUESTION_COUNT = REVIEW_SECTIONS.reduce((sum, section) => sum + SECTION_QUESTIONS[section].length, 0);

/** Admins: every team's review of the year and how far it got. */
export default async function TeamReviewsPage({ params }: { params: Promise<{ year: string }> }) {
  const viewer = await requireViewer();
  if (viewer.role !== "ADMIN") notFound();
  const year = reviewYear.safeParse((await params).year);
  if (!year.success) notFound();
  const org = await getOrganization(viewer);
  if (year.data > org.currentYear || year.data < Math.min(org.firstYear, org.currentYear)) notFound();
  const [rows, t, format] = await Promise.all([listTeamReviews(viewer, year.data), getTranslations("review.teams"), getFormatter(org)]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t("heading", { year: year.data })}</h1>
      <div className="overflow-x-auto rounded-xl border border-border bg-surface shadow-sm">
        <table className="w-full min-w-[760px] text-sm">
          <caption className="sr-only">{t("heading", { year: year.data })}</caption>
          <thead>
            <tr className="border-b border-border text-left text-xs uppercase tracking-wide text-muted">
              <th scope="col" className="px-4 py-3 font-medium">{t("team")}</th>
              <th scope="col" className="px-4 py-3 font-medium">{t("manager")}</th>
              <th scope="col" className="px-4 py-3 font-medium">{t("status")}</th>
              <th scope="col" className="px-4 py-3 text-right font-medium">{t("sections")}</th>
              <th scope="col" className="px-4 py-3 text-right font-medium">{t("answers")}</th>
              <th scope="col" className="px-4 py-3 text-right font-medium">{t("goals")}</th>
              <th scope="col" className="px-4 py-3 font-medium">{t("updated")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.team.id} className="border-b border-border/70 last:border-0">
                <th scope="row" className="px-4 py-3 text-left font-medium">
                  <Link href={`/review/${year.data}/summary?team=${row.team.id}`} className="underline decoration-border-strong underline-offset-4 hover:decoration-accent">
                    {row.team.name}
                  </Link>
                </th>
                <td className="px-4 py-3">{row.team.managerName ?? "—"}</td>
                <td className="px-4 py-3">{t(`statuses.${row.status ?? "NONE"}`)}</td>
                <td className="px-4 py-3 text-right tabular-nums">{t("ofTotal", { done: row.doneSections.length, total: REVIEW_SECTIONS.length })}</td>
                <td className="px-4 py-3 text-right tabular-nums">{t("ofTotal", { done: row.answers, total: QUESTION_COUNT })}</td>
                <td className="px-4 py-3 text-right tabular-nums">{format.number(row.goals)}</td>
                <td className="px-4 py-3 tabular-nums">{row.completedAt ? format.date(new Date(row.completedAt)) : row.updatedAt ? format.date(new Date(row.updatedAt)) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
