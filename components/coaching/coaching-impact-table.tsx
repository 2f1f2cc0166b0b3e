import type { DashboardScope } from "@/lib/dashboard/scope";
import { getTranslations } from "@/lib/i18n/get-translations";
import type { CoachingImpact } from "@/lib/kpi/coaching-impact";

const DASH = "—";

/** KPI.md coaching impact: coached (≥ target on average) against less-coached reps, with group sizes; an association. */
export async function CoachingImpactTable({ scope, impact, targetHours }: { scope: DashboardScope; impact: CoachingImpact; targetHours: number }) {
  const t = await getTranslations("coaching.impact");
  const { format } = scope;
  const percent = (value: number | null) => (value === null ? DASH : format.percent(value));
  const target = format.number(Math.round(targetHours * 10) / 10);
  return (
    <>
      <table className="w-full max-w-3xl text-sm">
        <caption className="sr-only">{t("title")}</caption>
        <thead>
          <tr className="border-b border-border text-left text-xs uppercase tracking-wide text-muted">
            <th scope="col" className="py-2 pr-3 font-medium">{t("group")}</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">{t("reps")}</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">{t("winRate")}</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">{t("quotaAttainment")}</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">{t("revenueChange", { previous: scope.previousLabel })}</th>
          </tr>
        </thead>
        <tbody>
          {(["coached", "others"] as const).map((key) => (
            <tr key={key} className="border-b border-border/70 tabular-nums last:border-0">
              <th scope="row" className="py-2 pr-3 text-left font-medium">{t(key, { target })}</th>
              <td className="px-3 py-2 text-right">{format.number(impact[key].reps)}</td>
              <td className="px-3 py-2 text-right">{percent(impact[key].winRate)}</td>
              <td className="px-3 py-2 text-right">{percent(impact[key].quotaAttainment)}</td>
              <td className="px-3 py-2 text-right">{percent(impact[key].revenueChange)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-3 text-sm text-muted">{t("association")}</p>
    </>
  );
}
