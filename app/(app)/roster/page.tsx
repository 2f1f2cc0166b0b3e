import type { Metadata } from "next";
import { EmptyState } from "@/components/roster/empty-state";
import { HeadlineCard } from "@/components/roster/headline-card";
import { RosterTable } from "@/components/roster/roster-table";
import { winRate } from "@/components/roster/win-rate";
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
  const [roster, format, t, tCommon] = await Promise.all([
    getTeamRoster(viewer, { year }),
    getFormatter(org),
    getTranslations("roster"),
    getTranslations("common"),
  ]);

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
  const rate = winRate(totals.won, totals.lost);
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
          <section aria-labelledby="headline-heading">
            <h2 id="headline-heading" className="sr-only">
              {t("headline.label", { year })}
            </h2>
            <dl className="grid grid-cols-2 gap-4 md:grid-cols-3 xl:grid-cols-5">
              <HeadlineCard emphasis label={t("headline.wonRevenue")} value={format.money(totals.wonRevenue)} detail={t("subtitle", { year })} />
              <HeadlineCard label={t("headline.won")} value={format.number(totals.won)} />
              <HeadlineCard
                label={t("headline.winRate")}
                value={
                  rate === undefined ? (
                    <>
                      <span aria-hidden="true">{tCommon("notAvailable")}</span>
                      <span className="sr-only">{tCommon("notAvailableLabel")}</span>
                    </>
                  ) : (
                    format.percent(rate)
                  )
                }
                detail={t("headline.winRateDetail", { won: format.number(totals.won), closed: format.number(totals.won + totals.lost) })}
              />
              <HeadlineCard
                label={t("headline.open")}
                value={format.number(totals.open)}
                detail={yearInProgress ? t("headline.openDetailNow") : t("headline.openDetailYearEnd", { date: format.date(lastDay) })}
              />
              <HeadlineCard
                label={t("headline.activities")}
                value={format.number(totals.activities)}
                detail={t("headline.activitiesDetail", { reps: totals.reps })}
              />
            </dl>
          </section>

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
