import "server-only";
import { Delta } from "@/components/kpi/delta";
import { changeOf } from "@/components/kpi/change";
import { formatChange } from "@/components/kpi/format-change";
import { getTranslations } from "@/lib/i18n/get-translations";
import type { DashboardScope } from "@/lib/dashboard/scope";

/** The ▲/▼ line under a number: the change on the previous period, and what it was then. */
export async function deltaFor(
  scope: DashboardScope,
  current: number | null,
  previous: number | null,
  options: { kind: "relative" | "points"; higherIsBetter?: boolean; previousText: string },
) {
  const t = await getTranslations("dashboard.change");
  const change = changeOf(current, previous, options);
  const amount = formatChange(change, scope.format.locale);
  const text = change?.kind === "points" ? t("points", { value: amount }) : amount;
  const label = change
    ? t("label", { change: text, period: scope.previousLabel, previous: options.previousText })
    : t("none", { period: scope.previousLabel, previous: options.previousText });
  return (
    <span className="flex flex-wrap items-baseline gap-x-1.5">
      <Delta change={change} text={text} label={label} />
      <span aria-hidden="true" className="text-xs text-muted">
        {t("vs", { period: scope.previousLabel, previous: options.previousText })}
      </span>
    </span>
  );
}
