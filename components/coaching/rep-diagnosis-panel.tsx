import { diagnosisWhyValues } from "@/lib/coaching/diagnosis-sentence";
import { loadRepProfile } from "@/lib/coaching/load-rep-profile";
import type { DashboardScope } from "@/lib/dashboard/scope";
import type { CoachedRep } from "@/lib/data/coaching/get-coached-rep";
import { getTranslations } from "@/lib/i18n/get-translations";

/** KPI.md diagnosis against the team's median rep: what the numbers say and what to work on. */
export async function RepDiagnosisPanel({ scope, rep }: { scope: DashboardScope; rep: CoachedRep }) {
  const [profile, t] = await Promise.all([loadRepProfile(scope, rep), getTranslations("repProfile.diagnosis")]);
  const { format } = scope;
  const { own, team, codes } = profile.diagnosis;
  const code = codes[0];
  const values = diagnosisWhyValues(own, team, format);
  const tone = code ? "border-danger/40 bg-danger-soft" : "border-border bg-surface";
  return (
    <section aria-labelledby="rep-diagnosis-heading" className={`rounded-xl border p-5 shadow-sm ${tone}`}>
      <h2 id="rep-diagnosis-heading" className="text-sm font-medium uppercase tracking-wide text-muted">
        {t("title")}
      </h2>
      <p className={`mt-1 text-xl font-semibold tracking-tight ${code ? "text-danger" : "text-foreground"}`}>
        {code ? t(code) : rep.teamId === null ? t("noTeam") : t("none")}
      </p>
      <p className="mt-2 max-w-4xl text-sm text-foreground">{t(`why.${code ?? "none"}`, values)}</p>
      {code && <p className="mt-2 max-w-4xl text-sm font-medium text-foreground">{t(`work.${code}`)}</p>}
      <p className="mt-3 max-w-4xl text-xs text-muted">{t("rule")}</p>
    </section>
  );
}
