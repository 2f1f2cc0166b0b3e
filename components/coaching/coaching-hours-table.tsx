import Link from "next/link";
import type { DashboardScope } from "@/lib/dashboard/scope";
import { getTranslations } from "@/lib/i18n/get-translations";
import { addDays, localDate, monthBuckets } from "@/lib/kpi/period";
import type { CoachingMetrics } from "@/lib/kpi/query-coaching-metrics";
import { dashboardSearch } from "@/lib/validation/dashboard-query";

const DASH = "—";
const link = "underline decoration-border-strong underline-offset-4 hover:decoration-accent";

/** Rep × month coaching hours against the target; each rep opens their profile, each month their sessions of that month. */
export async function CoachingHoursTable({ scope, coaching, total = false }: { scope: DashboardScope; coaching: CoachingMetrics; total?: boolean }) {
  const t = await getTranslations("coaching.grid");
  const { format, org } = scope;
  const one = (value: number) => format.number(Math.round(value * 10) / 10);
  const targetHours = coaching.targetMinutes / 60;
  const buckets = monthBuckets(coaching.period);
  const monthName = new Intl.DateTimeFormat(format.locale, { month: "short", timeZone: "UTC" });
  const monthLabel = (month: string) => monthName.format(new Date(`${month}-15T12:00:00Z`));
  const profileHref = (repId: number, spec = scope.query.spec) => `/reps/${repId}?${dashboardSearch({ ...scope.query, teamId: undefined, spec }).toString()}`;
  const monthHref = (repId: number, index: number) => {
    const bucket = buckets[index]!;
    const spec = { kind: "custom" as const, from: localDate(bucket.start, org.timeZone), to: addDays(localDate(bucket.end, org.timeZone), -1) };
    return `${profileHref(repId, spec)}#sessions`;
  };
  if (coaching.reps.length === 0) return <p className="text-sm text-muted">{t("noReps")}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[900px] text-sm">
        <caption className="sr-only">{t("caption", { period: scope.periodLabel, target: one(targetHours) })}</caption>
        <thead>
          <tr className="border-b border-border text-left text-xs uppercase tracking-wide text-muted">
            <th scope="col" className="py-2 pr-3 font-medium">{t("rep")}</th>
            {buckets.map((bucket) => (
              <th key={bucket.month} scope="col" className="px-1.5 py-2 text-right font-medium">{monthLabel(bucket.month)}</th>
            ))}
            <th scope="col" className="px-3 py-2 text-right font-medium">{t("mean")}</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">{t("kept")}</th>
          </tr>
        </thead>
        <tbody>
          {coaching.reps.map((rep) => (
            <tr key={rep.repId} className="border-b border-border/70 tabular-nums last:border-0">
              <th scope="row" className="py-2 pr-3 text-left font-medium">
                <Link className={link} href={profileHref(rep.repId)} aria-label={t("showProfile", { name: rep.name })}>
                  {rep.name}
                </Link>
              </th>
              {rep.months.map((month, index) => {
                const below = month.minutes < coaching.targetMinutes;
                return (
                  <td key={month.month} className={`px-1.5 py-2 text-right ${below ? "text-danger" : "text-foreground"}`}>
                    {month.minutes > 0 ? (
                      <Link className={link} href={monthHref(rep.repId, index)} aria-label={t("showMonth", { name: rep.name, month: monthLabel(month.month), value: one(month.minutes / 60) })}>
                        {one(month.minutes / 60)}
                      </Link>
                    ) : (
                      one(0)
                    )}
                    {below && <span className="sr-only"> {t("belowTarget")}</span>}
                  </td>
                );
              })}
              <td className={`px-3 py-2 text-right font-semibold ${rep.meanHoursPerMonth < targetHours ? "text-danger" : "text-success"}`}>{one(rep.meanHoursPerMonth)}</td>
              <td className="px-3 py-2 text-right">
                {rep.commitmentsKept === null ? DASH : <Link className={link} href={`${profileHref(rep.repId)}#commitments`}>{format.percent(rep.commitmentsKept)}</Link>}
              </td>
            </tr>
          ))}
        </tbody>
        {total && (
          <tfoot>
            <tr className="border-t-2 border-border-strong/60 font-semibold tabular-nums">
              <th scope="row" className="py-2 pr-3 text-left">{t("total")}</th>
              {coaching.total.months.map((month) => (
                <td key={month.month} className="px-1.5 py-2 text-right">{one(month.minutes / 60)}</td>
              ))}
              <td className={`px-3 py-2 text-right ${coaching.total.meanHoursPerMonth < targetHours ? "text-danger" : "text-success"}`}>{one(coaching.total.meanHoursPerMonth)}</td>
              <td className="px-3 py-2 text-right">{coaching.total.commitmentsKept === null ? DASH : format.percent(coaching.total.commitmentsKept)}</td>
            </tr>
          </tfoot>
        )}
      </table>
      {total && <p className="mt-2 text-xs text-muted">{t("totalNote")}</p>}
    </div>
  );
}
