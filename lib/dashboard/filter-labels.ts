import "server-only";
import type { PeriodFilterLabels } from "@/components/kpi/period-filter";
import { getTranslations } from "@/lib/i18n/get-translations";

export async function filterLabels(): Promise<PeriodFilterLabels> {
  const t = await getTranslations("dashboard.filter");
  const tDashboard = await getTranslations("dashboard");
  return {
    legend: t("legend"),
    period: t("period"),
    kinds: { year: t("kinds.year"), quarter: t("kinds.quarter"), custom: t("kinds.custom") },
    year: t("year"),
    quarter: t("quarter"),
    from: t("from"),
    to: t("to"),
    pipeline: t("pipeline"),
    allPipelines: t("allPipelines"),
    team: t("team"),
    allTeams: t("allTeams"),
    apply: t("apply"),
    quarterOption: (quarter: number) => tDashboard("quarterShort", { quarter }),
  };
}
