import Link from "next/link";
import type { ReactNode } from "react";
import type { Formatter } from "@/lib/i18n/get-formatter";
import { getTranslations } from "@/lib/i18n/get-translations";
import type { RosterFigures, RosterTeam, TeamRoster } from "@/lib/data/get-team-roster";
import { winRate } from "./win-rate";

const NUMERIC = "px-4 py-3 text-right tabular-nums whitespace-nowrap";

export async function RosterTable({ roster, format, showGrandTotal }: { roster: TeamRoster; format: Formatter; showGrandTotal: boolean }) {
  const [t, tKinds, tCommon] = await Promise.all([
    getTranslations("roster.table"),
    getTranslations("repKinds"),
    getTranslations("common"),
  ]);

  const notAvailable = (
    <>
      <span aria-hidden="true">{tCommon("notAvailable")}</span>
      <span className="sr-only">{tCommon("notAvailableLabel")}</span>
    </>
  );

  // A rep's numbers open their rows: the deals they own and the activities they logged in the roster's year.
  function rowLinks(repId: number) {
    const deals = (extra: Record<string, string>) => `/drill/deals?${new URLSearchParams({ year: String(roster.year), rep: String(repId), ...extra })}`;
    return {
      open: deals({ basis: "openEnd", sort: "createdAt" }),
      won: deals({ basis: "closed", status: "WON" }),
      lost: deals({ basis: "closed", status: "LOST" }),
      winRate: deals({ basis: "closed" }),
      wonRevenue: deals({ basis: "closed", status: "WON", sort: "amount" }),
      activities: `/drill/activities?${new URLSearchParams({ year: String(roster.year), rep: String(repId) })}`,
    };
  }

  function figureCells(figures: RosterFigures, rep?: { repId: number; name: string }) {
    const rate = winRate(figures.won, figures.lost);
    const links = rep ? rowLinks(rep.repId) : null;
    const cell = (key: keyof ReturnType<typeof rowLinks>, text: ReactNode, plain: string) => (
      <td className={NUMERIC}>
        {links && rep ? (
          <Link href={links[key]} aria-label={t("showRows", { rep: rep.name, metric: t(key), value: plain })} className="underline decoration-border-strong underline-offset-4 hover:decoration-accent">
            {text}
          </Link>
        ) : (
          text
        )}
      </td>
    );
    const rateText = rate === undefined ? null : format.percent(rate);
    return (
      <>
        {cell("open", format.number(figures.open), format.number(figures.open))}
        {cell("won", format.number(figures.won), format.number(figures.won))}
        {cell("lost", format.number(figures.lost), format.number(figures.lost))}
        {cell("winRate", rateText ?? notAvailable, rateText ?? tCommon("notAvailableLabel"))}
        {cell("wonRevenue", format.money(figures.wonRevenue), format.money(figures.wonRevenue))}
        {cell("activities", format.number(figures.activities), format.number(figures.activities))}
      </>
    );
  }

  function teamBody(team: RosterTeam) {
    const teamName = team.name ?? t("noTeam");
    return (
      <tbody key={String(team.teamId)} className="border-t border-border first:border-t-0">
        <tr className="bg-surface-muted">
          <th scope="rowgroup" colSpan={8} className="px-4 py-2.5 text-left text-sm font-semibold text-foreground">
            {teamName}
            <span className="ml-2 font-normal text-muted">· {t("teamReps", { count: team.totals.reps })}</span>
          </th>
        </tr>
        {team.reps.map((rep) => (
          <tr key={rep.repId} className={`border-t border-border ${rep.isViewer ? "bg-accent-soft/60" : "hover:bg-surface-muted/60"}`}>
            <th scope="row" className="px-4 py-3 text-left font-medium text-foreground">
              <span className="flex items-center gap-2">
                <Link href={`/reps/${rep.repId}`} className="underline decoration-border-strong underline-offset-4 hover:decoration-accent">
                  {rep.name}
                </Link>
                {rep.isViewer && (
                  <span className="rounded-full bg-accent px-2 py-0.5 text-xs font-semibold text-accent-foreground">{t("you")}</span>
                )}
                {!rep.active && (
                  <span className="rounded-full border border-border-strong px-2 py-0.5 text-xs font-medium text-muted">{t("inactive")}</span>
                )}
              </span>
            </th>
            <td className="px-4 py-3">
              <abbr title={tKinds(`${rep.kind}Long`)} className="rounded-md bg-surface-muted px-2 py-0.5 text-xs font-semibold text-muted no-underline">
                {tKinds(rep.kind)}
              </abbr>
            </td>
            {figureCells(rep, rep)}
          </tr>
        ))}
        <tr className="border-t border-border-strong/40 font-semibold">
          <th scope="row" colSpan={2} className="px-4 py-3 text-left text-foreground">
            {t("teamTotal", { team: teamName })}
          </th>
          {figureCells(team.totals)}
        </tr>
      </tbody>
    );
  }

  return (
    <div className="overflow-x-auto rounded-xl border border-border bg-surface shadow-sm">
      <table className="w-full min-w-[56rem] border-collapse text-sm text-foreground">
        <caption className="sr-only">{t("caption", { year: roster.year })}</caption>
        <thead>
          <tr className="border-b border-border text-xs font-semibold uppercase tracking-wide text-muted">
            <th scope="col" className="px-4 py-3 text-left">{t("rep")}</th>
            <th scope="col" className="px-4 py-3 text-left">{t("kind")}</th>
            <th scope="col" className="px-4 py-3 text-right">{t("open")}</th>
            <th scope="col" className="px-4 py-3 text-right">{t("won")}</th>
            <th scope="col" className="px-4 py-3 text-right">{t("lost")}</th>
            <th scope="col" className="px-4 py-3 text-right">{t("winRate")}</th>
            <th scope="col" className="px-4 py-3 text-right">{t("wonRevenue")}</th>
            <th scope="col" className="px-4 py-3 text-right">{t("activities")}</th>
          </tr>
        </thead>
        {roster.teams.map(teamBody)}
        {showGrandTotal && (
          <tfoot>
            <tr className="border-t-2 border-border-strong bg-surface-muted font-semibold">
              <th scope="row" colSpan={2} className="px-4 py-3.5 text-left">
                {t("grandTotal")}
                <span className="ml-2 font-normal text-muted">· {t("teamReps", { count: roster.totals.reps })}</span>
              </th>
              {figureCells(roster.totals)}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
