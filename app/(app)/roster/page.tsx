import type { Metadata } from "next";
import { EmptyState } from "@/components/roster/empty-state";
import { RosterHeadline } from "@/components/roster/roster-headline";
import { RosterTable } from "@/components/roster/roster-table";
import { YearPicker } from "@/components/roster/year-picker";
import { requireViewer } from "@/lib/auth/require-viewer";
import { getOrganization } from "@/lib/data/get-organization";
import { getTeamRoster } from "@/lib/data/get-team-roster";
import { getFormatter } from "@/lib/i18n/get-formatter";
import { getTranslations } from "@/lib/i18n/get-translations";
import { parseRosterYear } from "@/lib/validation/roster-query";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  return { title: t("rosterTitle") };
}

// The picker offers at most this many years back; older data stays reachable by URL.
const YEARS_IN_PICKER = 6;

export default async function RosterPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer();
  const org = await getOrganization(viewer);
  const year = parseRosterYear((await searchParams).year, org);
  const [roster, format, t] = await Promise.all([getTeamRoster(viewer, { year }), getFormatter(org), getTranslations("roster")]);

  const firstPickerYear = Math.max(org.firstYear, org.currentYear - YEARS_IN_PICKER + 1);
  const years = Array.from({ length: org.currentYear - firstPickerYear + 1 }, (_, index) => firstPickerYear + index);
  const lastDay = new Date(roster.yearEnd.getTime() - 1);
  const yearInProgress = roster.openAt < roster.yearEnd;
  const period = yearInProgress
    ? t("yearToDate", { date: format.date(roster.openAt) })
    : t("fullYear", { start: format.date(roster.yearStart), end: format.date(lastDay) });
  const scope =
    viewer.role === "ADMIN"
      ? t("scope.ADMIN", { org: org.name })
      : viewer.role === "MANAGER"
        ? t("scope.MANAGER", { count: viewer.teamIds.length })
        : t("scope.REP");

  const totals = roster.totals;
  // A rep's headline is their own row, compared with the team's totals.
  const ownRow = viewer.role === "REP" ? (roster.teams.flatMap((team) => team.reps).find((rep) => rep.isViewer) ?? null) : null;
  const hasReps = totals.reps > 0;
  const hasData = totals.open + totals.won + totals.lost + totals.activities > 0;

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-foreground">{t("heading")}</h1>
          <p className="mt-1.5 text-sm text-muted">
            {scope}
            <span aria-hidden="true" className="mx-2">·</span>
            {period}
          </p>
        </div>
        <YearPicker years={years} current={year} label={t("yearPicker")} />
      </div>

      {!hasReps ? (
        <EmptyState title={t("empty.noRepsTitle")} body={t("empty.noRepsBody")} />
      ) : (
        <>
          <RosterHeadline
            year={year}
            figures={ownRow ?? totals}
            team={ownRow ? totals : null}
            openCountedOn={yearInProgress ? null : lastDay}
            format={format}
          />

          {!hasData && <EmptyState title={t("empty.noDataTitle", { year })} body={t("empty.noDataBody")} />}

          <section aria-labelledby="roster-heading" className="space-y-3">
            <h2 id="roster-heading" className="sr-only">
              {t("table.caption", { year })}
            </h2>
            {viewer.role === "REP" && (
              <p className="rounded-lg border border-accent/30 bg-accent-soft px-4 py-3 text-sm text-accent-soft-foreground">{t("repNote")}</p>
            )}
            <RosterTable roster={roster} format={format} showGrandTotal={viewer.role !== "REP" && roster.teams.length > 1} />
            <p className="max-w-4xl text-xs leading-relaxed text-muted">{t("definitions", { year })}</p>
          </section>
        </>
      )}
    </div>
  );
}
