import Link from "next/link";
import { CoachingHoursTable } from "@/components/coaching/coaching-hours-table";
import { CoachingImpactTable } from "@/components/coaching/coaching-impact-table";
import { Panel } from "@/components/kpi/panel";
import { loadCoachingOverview } from "@/lib/coaching/load-coaching-overview";
import { dashboardSearch } from "@/lib/validation/dashboard-query";
import { activitiesHref, dealsHref, type DashboardScope } from "@/lib/dashboard/scope";
import { diagnoseReps } from "@/lib/kpi/diagnose-reps";
import { getActivityMetrics } from "@/lib/kpi/get-activity-metrics";
import { getLeadMetrics } from "@/lib/kpi/get-lead-metrics";
import { kpiDb } from "@/lib/kpi/kpi-db";
import { queryConversionActivities } from "@/lib/kpi/query-conversion-activities";
import { getTranslations } from "@/lib/i18n/get-translations";

const DASH = "—";
const link = "underline decoration-border-strong underline-offset-4 hover:decoration-accent";

/**
 * Section 4: coaching hours against the target and what coaching went with (the same loader and tables as /coaching),
 * and each rep's diagnosis from the CRM; every rep opens their profile.
 */
export async function CoachingEvidence({ scope }: { scope: DashboardScope }) {
  const { viewer, period, filter, format } = scope;
  const [{ coaching, impact }, activities, leads, conversions, t] = await Promise.all([
    loadCoachingOverview(scope),
    getActivityMetrics(viewer, { period, filter }),
    getLeadMetrics(viewer, { period, filter }),
    queryConversionActivities(kpiDb, viewer, { period, filter }),
    getTranslations("review.evidence.coaching"),
  ]);
  const percent = (value: number | null) => (value === null ? DASH : format.percent(value));
  const one = (value: number | null) => (value === null ? DASH : format.number(Math.round(value * 10) / 10));
  const targetHours = coaching.targetMinutes / 60;
  const diagnosis = new Map(diagnoseReps(activities, leads).map((d) => [d.repId, d]));
  const activityOf = new Map(activities.reps.map((rep) => [rep.repId, rep]));
  const conversionOf = new Map(conversions.reps.map((rep) => [rep.repId, rep]));
  // An AE team owns no leads: lead conversion and touches per conversion are columns of "—" there, so they go.
  const convertsLeads = conversions.reps.some((rep) => rep.current.conversions > 0 || rep.previous.conversions > 0);
  return (
    <div className="space-y-6">
      <Panel
        id="coaching-hours-heading"
        title={t("hoursTitle")}
        description={t("hoursDescription", { target: one(targetHours), kept: percent(coaching.total.commitmentsKept), keptCount: coaching.total.kept, missedCount: coaching.total.missed })}
      >
        <CoachingHoursTable scope={scope} coaching={coaching} />
      </Panel>

      <Panel id="coaching-impact-heading" title={t("impactTitle")} description={t("impactDescription", { target: one(targetHours) })}>
        <CoachingImpactTable scope={scope} impact={impact} targetHours={targetHours} />
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
                    <th scope="row" className="py-2 pr-3 text-left font-medium">
                      <Link className={link} href={`/reps/${rep.repId}?${dashboardSearch({ ...scope.query, teamId: undefined }).toString()}`}>{rep.name}</Link>
                    </th>
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
