import type { Formatter } from "@/lib/i18n/get-formatter";
import type { MetricUnit } from "@/lib/review/metric-catalogue";

const DASH = "—";

/** A catalogue metric's value as the viewer reads it (rates as percentages, money in the org currency). */
export function formatMetric(format: Formatter, unit: MetricUnit, value: number | null, t: (key: "days" | "hours" | "perDay", values: { value: string }) => string): string {
  if (value === null || Number.isNaN(value)) return DASH;
  switch (unit) {
    case "rate":
      return format.percent(value);
    case "money":
      return format.money(value.toFixed(2));
    case "count":
      return format.number(value);
    case "days":
      return t("days", { value: format.number(Math.round(value * 10) / 10) });
    case "hours":
      return t("hours", { value: format.number(Math.round(value * 10) / 10) });
    case "perDay":
      return t("perDay", { value: format.number(Math.round(value * 10) / 10) });
  }
}
