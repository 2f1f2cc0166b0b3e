import { formatMetric } from "@/components/review/format-metric";
import type { Formatter } from "@/lib/i18n/get-formatter";
import { METRICS, targetOnMetricScale, type MetricKey } from "@/lib/review/metric-catalogue";

type UnitTranslator = (key: "days" | "hours" | "perDay", values: { value: string }) => string;

/** "≥ 15 %": a commitment's target in its metric's unit (the target is stored as typed, a rate in percent). */
export function formatTarget(format: Formatter, tUnits: UnitTranslator, commitment: { metric: MetricKey; comparator: string | null; target: number }): string {
  const unit = METRICS[commitment.metric].unit;
  const sign = commitment.comparator === "AT_MOST" ? "≤" : "≥";
  // A rate target keeps the decimals typed (15.5 %), which format.percent would round to one.
  return `${sign} ${formatMetric(format, unit, targetOnMetricScale(unit, commitment.target), tUnits)}`;
}
