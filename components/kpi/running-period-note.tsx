import { getTranslations } from "@/lib/i18n/get-translations";
import { periodContains, type Period } from "@/lib/kpi/period";

/**
 * Under a page's period line while the period is still running (the current year, say): its figures stop at today,
 * and the previous period they are compared with is a whole one (KPI.md: P′ has P's full length).
 */
export async function RunningPeriodNote(props: { period: Period; periodLabel: string; previousLabel: string; formatDate: (value: Date) => string }) {
  const now = new Date();
  if (!periodContains(props.period, now)) return null;
  const t = await getTranslations("common");
  return (
    <p className="mt-1 text-sm text-muted">
      {t("periodRunning", { period: props.periodLabel, today: props.formatDate(now), previous: props.previousLabel })}
    </p>
  );
}
