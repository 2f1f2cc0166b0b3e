import "server-only";
import { Delta } from "@/components/kpi/delta";
import { changeOf } from "@/components/kpi/change";
import { formatChange } from "@/components/kpi/format-change";
import { getTranslations } from "@/lib/i18n/get-translations";
import type { DashboardScope } from "@/lib/dashboard/scope";

/** The select value of dashboard.change.none and .vs for "the previous period has no such figure". */
const MISSING = "none";

/** The ▲/▼ line under a number: the change on the previous period, and what it was then. */
export async function deltaFor(
  scope: DashboardScope,
  current: number | null,
  previousValue: number | null,
  options: { kind: "relative" | "points"; higherIsBetter?: boolean; previousText: string },
) {
  const t = await getTranslations("dashboard.change");
  const change = changeOf(current, previousValue, options);
  const amount = formatChange(change, scope.format.locale);
  const text = change?.kind === "points" ? t("points", { value: amount }) : amount;
  // A previous period without the figure is said in words ("no data yet"), never shown as a dash in the sentence.
  const previous = previousValue === null ? MISSING : options.previousText;
  const label = change
    ? t("label", { change: text, period: scope.previousLabel, previous })
    : t("none", { period: scope.previousLabel, previous });
  return (
    <span className="flex flex-wrap items-baseline gap-x-1.5">
      <Delta change={change} text={text} label={label} />
      <span aria-hidden="true" className="text-xs text-muted">
        {t("vs", { period: scope.previousLabel, previous })}
      </span>
    </span>
  );
}
