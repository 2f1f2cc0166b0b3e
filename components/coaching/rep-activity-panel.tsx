import Link from "next/link";
import { Panel } from "@/components/kpi/panel";
import { deltaFor } from "@/components/kpi/panels/delta-for";
import { loadRepProfile } from "@/lib/coaching/load-rep-profile";
import { activitiesHref, type DashboardScope } from "@/lib/dashboard/scope";
import type { CoachedRep } from "@/lib/data/coaching/get-coached-rep";
import { ACTIVITY_TYPES } from "@/lib/kpi/query-activity-metrics";
import { getTranslations } from "@/lib/i18n/get-translations";

const DASH = "—";
const link = "underline decoration-border-strong underline-offset-4 hover:decoration-accent";

/** What the rep did: activities by type and per working day, and which got a response, P against P′ and the team median. */
export async function RepActivityPanel({ scope, rep }: { scope: DashboardScope; rep: CoachedRep }) {
  const [profile, t, tTypes] = await Promise.all([loadRepProfile(scope, rep), getTranslations("repProfile.activity"), getTranslations("dashboard.activityTypes")]);
  const { format } = scope;
  const cur = profile.activities.current;
  const prev = profile.activities.previous;
  const percent = (value: number | null) => (value === null ? DASH : format.percent(value));
  const one = (value: number | null) => (value === null ? DASH : format.number(Math.round(value * 10) / 10));
  const rows = await Promise.all(
    [...ACTIVITY_TYPES, null].map(async (type) => {
      const now = type === null ? cur : cur.byType[type];
      const then = type === null ? prev : prev.byType[type];
      const label = type === null ? t("all") : tTypes(type);
      return {
        key: type ?? "ALL",
        label,
        type,
        now,
        then,
        perDayDelta: await deltaFor(scope, now.perWorkingDay, then.perWorkingDay, { kind: "relative", previousText: one(then.perWorkingDay) }),
        responseDelta: await deltaFor(scope, now.responseRate, then.responseRate, { kind: "points", previousText: percent(then.responseRate) }),
      };
    }),
  );
  return (
    <Panel
      id="rep-activity-heading"
      title={t("title")}
      description={t("description", {
        perDay: one(cur.perWorkingDay),
        median: one(profile.team.activitiesPerWorkingDay),
        response: percent(cur.responseRate),
        medianResponse: percent(profile.team.responseRate),
        reps: profile.team.reps,
      })}
    >
      <div className="overflow-x-auto">
        <table className="w-full min-w-[760px] text-sm">
          <caption className="sr-only">{t("caption", { period: scope.periodLabel, previous: scope.previousLabel })}</caption>
          <thead>
            <tr className="border-b border-border text-left text-xs uppercase tracking-wide text-muted">
              <th scope="col" className="py-2 pr-3 font-medium">{t("type")}</th>
              <th scope="col" className="px-3 py-2 text-right font-medium">{t("count")}</th>
              <th scope="col" className="px-3 py-2 text-right font-medium">{t("perDay")}</th>
              <th scope="col" className="px-3 py-2 font-medium">{t("change", { period: scope.previousLabel })}</th>
              <th scope="col" className="px-3 py-2 text-right font-medium">{t("responseRate")}</th>
              <th scope="col" className="px-3 py-2 font-medium">{t("change", { period: scope.previousLabel })}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className={`border-b border-border/70 tabular-nums last:border-0 ${row.type === null ? "font-semibold" : ""}`}>
                <th scope="row" className="py-2 pr-3 text-left font-medium">{row.label}</th>
                <td className="px-3 py-2 text-right">
                  {row.now.count > 0 ? (
                    <Link className={link} href={activitiesHref(scope, { repId: rep.id, type: row.type ?? undefined })} aria-label={t("showActivities", { type: row.label, value: format.number(row.now.count) })}>
                      {format.number(row.now.count)}
                    </Link>
                  ) : (
                    format.number(row.now.count)
                  )}
                </td>
                <td className="px-3 py-2 text-right">{one(row.now.perWorkingDay)}</td>
                <td className="px-3 py-2">{row.perDayDelta}</td>
                <td className="px-3 py-2 text-right">
                  {row.now.responseRate === null ? (
                    DASH
                  ) : (
                    <Link className={link} href={activitiesHref(scope, { repId: rep.id, type: row.type ?? undefined, response: "yes" })} aria-label={t("showResponded", { type: row.label, value: percent(row.now.responseRate) })}>
                      {percent(row.now.responseRate)}
                    </Link>
                  )}
                  <span className="block text-xs font-normal text-muted">{t("responded", { responded: format.number(row.now.responded), count: format.number(row.now.count) })}</span>
                </td>
                <td className="px-3 py-2">{row.responseDelta}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
