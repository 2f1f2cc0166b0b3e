import Link from "next/link";
import { Panel } from "@/components/kpi/panel";
import { activitiesHref, dealsHref, type DashboardScope } from "@/lib/dashboard/scope";
import { coachingImpact } from "@/lib/kpi/coaching-impact";
import { diagnoseReps } from "@/lib/kpi/diagnose-reps";
import { getActivityMetrics } from "@/lib/kpi/get-activity-metrics";
import { getCoachingMetrics } from "@/lib/kpi/get-coaching-metrics";
import { getDealMetrics } from "@/lib/kpi/get-deal-metrics";
import { getLeadMetrics } from "@/lib/kpi/get-lead-metrics";
import { kpiDb } from "@/lib/kpi/kpi-db";
import { queryConversionActivities } from "@/lib/kpi/query-conversion-activities";
import { getTranslations } from "@/lib/i18n/get-translations";

const DASH = "—";
const link = "underline decoration-border-strong underline-offset-4 hover:decoration-accent";

/** Section 4: coaching hours against the target, what coaching went with, and each rep's diagnosis from the CRM. */
export async function CoachingEvidence({ scope }: { scope: DashboardScope }) {
  const { viewer, period, filter, format } = scope;
  const [coaching, deals, activities, leads, conversions, t] = await Promise.all([
    getCoachingMetrics(viewer, { period, filter }),
    getDealMetrics(viewer, { period, filter }),
    getActivityMetrics(viewer, { period, filter }),
    getLeadMetrics(viewer, { period, filter }),
    queryConversionActivities(kpiDb, viewer, { period, filter }),
    getTranslations("review.evidence.coaching"),
  ]);
  const percent = (value: number | null) => (value === null ? DASH : format.percent(value));
  const one = (value: number | null) => (value === null ? DASH : format.number(Math.round(value * 10) / 10));
  const targetHours = coaching.targetMinutes / 60;
  const impact = coachingImpact(deals, coaching);
  const diagnosis = new Map(diagnoseReps(activities, leads).map((d) => [d.repId, d]));
  const activityOf = new Map(activities.reps.map((rep) => [rep.repId, rep]));
  const conversionOf = new Map(conversions.reps.map((rep) => [rep.repId, rep]));
  const months = coaching.total.months.map((month) => month.month);
  // An AE team owns no leads: lead conversion and touches per conversion are columns of "—" there, so they go.
  const convertsLeads = conversions.reps.some((rep) => rep.current.conversions > 0 || rep.previous.conversions > 0);
  const monthName = new Intl.DateTimeFormat(format.locale, { month: "short", timeZone: "UTC" });
  const monthLabel = (month: string) => monthName.format(new Date(`${month}-15T12:00:00Z`));
  return (
    <div className="space-y-6">
      <Panel
        id="coaching-hours-heading"
        title={t("hoursTitle")}
        description={t("hoursDescription", { target: one(targetHours), kept: percent(coaching.total.commitmentsKept), keptCount: coaching.total.kept, missedCount: coaching.total.missed })}
      >
        <div className="overflow-x-auto">
          <table className="w-full min-w-[900px] text-sm">
            <caption className="sr-only">{t("hoursCaption", { target: one(targetHours) })}</caption>
            <thead>
              <tr className="border-b border-border text-left text-xs uppercase tracking-wide text-muted">
                <th scope="col" className="py-2 pr-3 font-medium">{t("rep")}</th>
                {months.map((month) => (
                  <th key={month} scope="col" className="px-1.5 py-2 text-right font-medium">{monthLabel(month)}</th>
                ))}
                <th scope="col" className="px-3 py-2 text-right font-medium">{t("mean")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{t("kept")}</th>
              </tr>
            </thead>
            <tbody>
              {coaching.reps.map((rep) => (
                <tr key={rep.repId} className="border-b border-border/70 tabular-nums last:border-0">
                  <th scope="row" className="py-2 pr-3 text-left font-medium">{rep.name}</th>
                  {rep.months.map((month) => {
                    const below = month.minutes < coaching.targetMinutes;
                    return (
                      <td key={month.month} className={`px-1.5 py-2 text-right ${below ? "text-danger" : "text-foreground"}`}>
                        {one(month.minutes / 60)}
                        {below && <span className="sr-only"> {t("belowTarget")}</span>}
                      </td>
                    );
                  })}
                  <td className={`px-3 py-2 text-right font-semibold ${rep.meanHoursPerMonth < targetHours ? "text-danger" : "text-success"}`}>{one(rep.meanHoursPerMonth)}</td>
                  <td className="px-3 py-2 text-right">{percent(rep.commitmentsKept)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Panel>

      <Panel id="coaching-impact-heading" title={t("impactTitle")} description={t("impactDescription", { target: one(targetHours) })}>
        <table className="w-full max-w-3xl text-sm">
          <caption className="sr-only">{t("impactTitle")}</caption>
          <thead>
            <tr className="border-b border-border text-left text-xs uppercase tracking-wide text-muted">
              <th scope="col" className="py-2 pr-3 font-medium">{t("group")}</th>
              <th scope="col" className="px-3 py-2 text-right font-medium">{t("reps")}</th>
              <th scope="col" className="px-3 py-2 text-right font-medium">{t("winRate")}</th>
              <th scope="col" className="px-3 py-2 text-right font-medium">{t("quotaAttainment")}</th>
              <th scope="col" className="px-3 py-2 text-right font-medium">{t("revenueChange")}</th>
            </tr>
          </thead>
          <tbody>
            {(["coached", "others"] as const).map((key) => (
              <tr key={key} className="border-b border-border/70 tabular-nums last:border-0">
                <th scope="row" className="py-2 pr-3 text-left font-medium">{t(key, { target: one(targetHours) })}</th>
                <td className="px-3 py-2 text-right">{format.number(impact[key].reps)}</td>
                <td className="px-3 py-2 text-right">{percent(impact[key].winRate)}</td>
                <td className="px-3 py-2 text-right">{percent(impact[key].quotaAttainment)}</td>
                <td className="px-3 py-2 text-right">{percent(impact[key].revenueChange)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-3 text-sm text-muted">{t("association")}</p>
      </Panel>

      <Panel id="diagnosis-heading" title={t("diagnosisTitle")} description={t("diagnosisDescription", { period: scope.periodLabel, previous: scope.previousLabel })}>
        <div className="overflow-x-auto">
          <table className="w-full min-w-[880px] text-sm">
            <caption className="sr-only">{t("diagnosisTitle")}</caption>
            <thead>
              <tr className="border-b border-border text-left text-xs uppercase tracking-wide text-muted">
                <th scope="col" className="py-2 pr-3 font-medium">{t("rep")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{t("perDay")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{t("responseRate")}</th>
                {convertsLeads && <th scope="col" className="px-3 py-2 text-right font-medium">{t("leadToOpportunity")}</th>}
                {convertsLeads && <th scope="col" className="px-3 py-2 text-right font-medium">{t("touchesPerConversion")}</th>}
                <th scope="col" className="px-3 py-2 text-right font-medium">{t("followUp")}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t("diagnosis")}</th>
              </tr>
            </thead>
            <tbody>
              {activities.reps.map((rep) => {
                const d = diagnosis.get(rep.repId);
                const act = activityOf.get(rep.repId);
                const conv = conversionOf.get(rep.repId);
                const code = d?.codes[0];
                return (
                  <tr key={rep.repId} className="border-b border-border/70 align-top tabular-nums last:border-0">
                    <th scope="row" className="py-2 pr-3 text-left font-medium">{rep.name}</th>
                    <td className="px-3 py-2 text-right">
                      <Link className={link} href={activitiesHref(scope, { repId: rep.repId })}>{one(act?.current.perWorkingDay ?? null)}</Link>
                      <span className="block text-xs text-muted">
                        {t("was", { value: one(act?.previous.perWorkingDay ?? null) })} · {t("median", { value: one(d?.team.perWorkingDay ?? null) })}
                      </span>
                    </td>
                    <td className="px-3 py-2 text-right">
                      {percent(act?.current.responseRate ?? null)}
                      <span className="block text-xs text-muted">
                        {t("was", { value: percent(act?.previous.responseRate ?? null) })} · {t("median", { value: percent(d?.team.responseRate ?? null) })}
                      </span>
                    </td>
                    {convertsLeads && (
                      <td className="px-3 py-2 text-right">
                        {percent(d?.leadToOpportunity ?? null)}
                        <span className="block text-xs text-muted">{t("median", { value: percent(d?.team.leadToOpportunity ?? null) })}</span>
                      </td>
                    )}
                    {convertsLeads && (
                      <td className="px-3 py-2 text-right">
                        {one(conv?.current.touches.perConversion ?? null)}
                        <span className="block text-xs text-muted">{t("was", { value: one(conv?.previous.touches.perConversion ?? null) })}</span>
                      </td>
                    )}
                    <td className="px-3 py-2 text-right">
                      {conv && conv.current.dealsFromLeads > 0 ? (
                        <Link className={link} href={dealsHref(scope, { basis: "created", repId: rep.repId, fromLead: true, sort: "createdAt" })}>
                          {percent(conv.current.followUpRate)}
                        </Link>
                      ) : (
                        DASH
                      )}
                      <span className="block text-xs text-muted">{t("medianDays", { value: one(conv?.current.medianDaysToFirstActivity ?? null) })}</span>
                    </td>
                    <td className="px-3 py-2">
                      {code ? (
                        <span className="inline-flex flex-col">
                          <span className="font-semibold text-danger">{t(`codes.${code}`)}</span>
                          <span className="text-xs text-muted">{t(`advice.${code}`)}</span>
                        </span>
                      ) : (
                        <span className="text-muted">{t("noDiagnosis")}</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Panel>
    </div>
  );
}
