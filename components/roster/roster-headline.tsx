import type { RosterFigures } from "@/lib/data/get-team-roster";
import type { Formatter } from "@/lib/i18n/get-formatter";
import { getTranslations } from "@/lib/i18n/get-translations";
import { HeadlineCard } from "./headline-card";
import { winRate } from "./win-rate";

const COMPACT_FROM = 1_000_000;

/**
 * The five headline numbers. Managers and admins see their scope's totals; a rep sees their own
 * figures, each with the team's beside it.
 */
export async function RosterHeadline({
  year,
  figures,
  team,
  openCountedOn,
  format,
}: {
  year: number;
  figures: RosterFigures;
  /** Set for a rep: their team's totals, shown as the comparison. */
  team: RosterFigures | null;
  /** null while the year is in progress (open deals are counted today). */
  openCountedOn: Date | null;
  format: Formatter;
}) {
  const [t, tCommon] = await Promise.all([getTranslations("roster.headline"), getTranslations("common")]);
  const rateOf = (f: RosterFigures) => winRate(f.won, f.lost);
  const percentOrDash = (value: number | undefined) =>
    value === undefined ? (
      <>
        <span aria-hidden="true">{tCommon("notAvailable")}</span>
        <span className="sr-only">{tCommon("notAvailableLabel")}</span>
      </>
    ) : (
      format.percent(value)
    );
  const teamDetail = (value: string) => (team ? t("team", { value }) : undefined);
  const averageDeal = figures.won === 0 ? undefined : Number(figures.wonRevenue) / figures.won;
  // Seven-figure sums do not fit a card at 1280 px; the table below has the exact amounts.
  const headlineMoney = (value: string) => (Math.abs(Number(value)) >= COMPACT_FROM ? format.compactMoney(value) : format.money(value));

  return (
    <section aria-labelledby="headline-heading">
      <h2 id="headline-heading" className="sr-only">
        {team ? t("labelRep", { year }) : t("label", { year })}
      </h2>
      <dl className="grid grid-cols-2 gap-4 md:grid-cols-3 xl:grid-cols-5">
        <HeadlineCard
          emphasis
          label={t("wonRevenue")}
          value={headlineMoney(figures.wonRevenue)}
          detail={team ? teamDetail(headlineMoney(team.wonRevenue)) : averageDeal !== undefined ? t("avgDeal", { amount: format.money(averageDeal) }) : undefined}
        />
        <HeadlineCard
          label={t("won")}
          value={format.number(figures.won)}
          detail={team ? teamDetail(format.number(team.won)) : t("lostDetail", { lost: format.number(figures.lost) })}
        />
        <HeadlineCard
          label={t("winRate")}
          value={percentOrDash(rateOf(figures))}
          detail={
            team
              ? teamDetail(rateOf(team) === undefined ? tCommon("notAvailable") : format.percent(rateOf(team) ?? 0))
              : t("winRateDetail", { won: format.number(figures.won), closed: format.number(figures.won + figures.lost) })
          }
        />
        <HeadlineCard
          label={t("open")}
          value={format.number(figures.open)}
          detail={
            team
              ? teamDetail(format.number(team.open))
              : openCountedOn
                ? t("openDetailYearEnd", { date: format.dayMonth(openCountedOn) })
                : t("openDetailNow")
          }
        />
        <HeadlineCard
          label={t("activities")}
          value={format.number(figures.activities)}
          detail={team ? teamDetail(format.number(team.activities)) : t("activitiesDetail", { reps: figures.reps })}
        />
      </dl>
    </section>
  );
}
