import Link from "next/link";
import { Panel } from "@/components/kpi/panel";
import { deltaFor } from "@/components/kpi/panels/delta-for";
import { loadRepProfile } from "@/lib/coaching/load-rep-profile";
import { activitiesHref, dealsHref, leadsHref, type DashboardScope } from "@/lib/dashboard/scope";
import type { CoachedRep } from "@/lib/data/coaching/get-coached-rep";
import { ACTIVITY_TYPES } from "@/lib/kpi/query-activity-metrics";
import { getTranslations } from "@/lib/i18n/get-translations";

const DASH = "—";
const link = "underline decoration-border-strong underline-offset-4 hover:decoration-accent";

/** Which activities preceded a lead becoming an opportunity, and what follow-up came after (KPI.md). */
export async function RepConversionPanel({ scope, rep }: { scope: DashboardScope; rep: CoachedRep }) {
  const [profile, t, tTypes] = await Promise.all([loadRepProfile(scope, rep), getTranslations("repProfile.conversion"), getTranslations("dashboard.activityTypes")]);
  const { format } = scope;
  const cur = profile.conversions.current;
  const prev = profile.conversions.previous;
  const leads = profile.leads.current;
  const percent = (value: number | null) => (value === null ? DASH : format.percent(value));
  const one = (value: number | null) => (value === null ? DASH : format.number(Math.round(value * 10) / 10));
  const none = cur.conversions === 0 && prev.conversions === 0 && cur.dealsFromLeads === 0 && prev.dealsFromLeads === 0;
  if (none) {
    return (
      <Panel id="rep-conversion-heading" title={t("title")}>
        <p className="text-sm text-muted">{t("none", { period: scope.periodLabel, previous: scope.previousLabel })}</p>
      </Panel>
    );
  }
  // An AE converts no leads of their own (they count for the SDR): only the follow-up of deals from leads applies.
  const convertsLeads = cur.conversions > 0 || prev.conversions > 0 || leads.handedOver > 0 || profile.leads.previous.handedOver > 0;
  const rows = await Promise.all(
    ACTIVITY_TYPES.map(async (type) => ({
      type,
      now: cur.byType[type],
      shareDelta: await deltaFor(scope, cur.byType[type].shareTouched, prev.byType[type].shareTouched, { kind: "points", previousText: percent(prev.byType[type].shareTouched) }),
    })),
  );
  const touchesDelta = await deltaFor(scope, cur.touches.perConversion, prev.touches.perConversion, { kind: "relative", previousText: one(prev.touches.perConversion) });
  const followDelta = await deltaFor(scope, cur.followUpRate, prev.followUpRate, { kind: "points", previousText: percent(prev.followUpRate) });
  const daysDelta = await deltaFor(scope, cur.medianDaysToFirstActivity, prev.medianDaysToFirstActivity, { kind: "relative", higherIsBetter: false, previousText: one(prev.medianDaysToFirstActivity) });
  const conversionDelta = await deltaFor(scope, leads.leadToOpportunity, profile.leads.previous.leadToOpportunity, { kind: "points", previousText: percent(profile.leads.previous.leadToOpportunity) });
  return (
    <Panel id="rep-conversion-heading" title={t("title")} description={convertsLeads ? t("description", { conversions: cur.conversions, period: scope.periodLabel }) : t("followUpOnly")}>
      <div className={convertsLeads ? "grid gap-6 xl:grid-cols-[3fr_2fr]" : ""}>
        {convertsLeads && (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[560px] text-sm">
            <caption className="mb-2 text-left text-sm font-medium text-foreground">{t("touchesCaption")}</caption>
            <thead>
              <tr className="border-b border-border text-left text-xs uppercase tracking-wide text-muted">
                <th scope="col" className="py-2 pr-3 font-medium">{t("type")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{t("shareTouched")}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t("change", { period: scope.previousLabel })}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{t("touches")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.type} className="border-b border-border/70 tabular-nums last:border-0">
                  <th scope="row" className="py-2 pr-3 text-left font-medium">{tTypes(row.type)}</th>
                  <td className="px-3 py-2 text-right">{percent(row.now.shareTouched)}</td>
                  <td className="px-3 py-2">{row.shareDelta}</td>
                  <td className="px-3 py-2 text-right">
                    {row.now.touches > 0 ? (
                      <Link className={link} href={activitiesHref(scope, { repId: rep.id, type: row.type, subject: "lead" })} aria-label={t("showTouches", { type: tTypes(row.type), value: format.number(row.now.touches) })}>
                        {format.number(row.now.touches)}
                      </Link>
                    ) : (
                      format.number(row.now.touches)
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        )}
        <dl className={`grid grid-cols-1 gap-4 self-start sm:grid-cols-2 ${convertsLeads ? "" : "xl:grid-cols-4"}`}>
          {convertsLeads && (
          <div className="rounded-lg border border-border p-4">
            <dt className="text-sm text-muted">{t("leadToOpportunity")}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums">
              {leads.handedOver > 0 ? (
                <Link className={link} href={leadsHref(scope, { basis: "handedOver", outcome: "converted", repId: rep.id })} aria-label={t("showConverted", { value: percent(leads.leadToOpportunity) })}>
                  {percent(leads.leadToOpportunity)}
                </Link>
              ) : (
                DASH
              )}
            </dd>
            <dd className="mt-1">{conversionDelta}</dd>
            <dd className="mt-1 text-xs text-muted">{t("leadToOpportunityDetail", { converted: leads.converted, handedOver: leads.handedOver, median: percent(profile.team.leadToOpportunity) })}</dd>
          </div>
          )}
          {convertsLeads && (
          <div className="rounded-lg border border-border p-4">
            <dt className="text-sm text-muted">{t("perConversion")}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums">{one(cur.touches.perConversion)}</dd>
            <dd className="mt-1">{touchesDelta}</dd>
            <dd className="mt-1 text-xs text-muted">{t("perConversionDetail", { touches: cur.touches.touches, conversions: cur.conversions })}</dd>
          </div>
          )}
          <div className="rounded-lg border border-border p-4">
            <dt className="text-sm text-muted">{t("followUp")}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums">
              {cur.dealsFromLeads > 0 ? (
                <Link className={link} href={dealsHref(scope, { basis: "created", repId: rep.id, fromLead: true, sort: "createdAt" })} aria-label={t("showFollowUp", { value: percent(cur.followUpRate) })}>
                  {percent(cur.followUpRate)}
                </Link>
              ) : (
                DASH
              )}
            </dd>
            <dd className="mt-1">{followDelta}</dd>
            <dd className="mt-1 text-xs text-muted">{t("followUpDetail", { followed: cur.followedUp, deals: cur.dealsFromLeads })}</dd>
          </div>
          <div className="rounded-lg border border-border p-4">
            <dt className="text-sm text-muted">{t("medianDays")}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums">{cur.medianDaysToFirstActivity === null ? DASH : t("days", { value: one(cur.medianDaysToFirstActivity) })}</dd>
            <dd className="mt-1">{daysDelta}</dd>
          </div>
        </dl>
      </div>
    </Panel>
  );
}
