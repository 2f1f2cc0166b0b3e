import type { ForecastFigures } from "@/lib/kpi/query-forecast-accuracy";
import type { Money } from "@/lib/kpi/kpi-sql";
import type { InsightFinding } from "./insight";

/** KPI.md FORECAST_BIAS: |Σ forecast − Σ actual| ÷ Σ actual of at least 10 %. */
export const FORECAST_BIAS_PERCENT = 10;
/** Ours (KPI.md gives none): a bias over fewer than 3 forecast months is one or two lucky or unlucky closes. */
export const MIN_FORECAST_MONTHS = 3;

export type ForecastBias = Extract<InsightFinding, { code: "FORECAST_BIAS" }>;

const cents = (money: Money) => BigInt(money.replace(".", ""));
const money = (value: bigint): Money => {
  const abs = value < 0n ? -value : value;
  return `${value < 0n ? "-" : ""}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
};

/**
 * Over the months of P with a forecast (and, while P runs, only those already over: pass `months`), the COMMIT
 * forecast against won revenue; fires at a bias of 10 % of won revenue or more, naming the month that missed most in
 * the bias's direction. Silent when nothing was won in those months (the share is undefined).
 */
export function forecastBias(forecast: ForecastFigures, currency: string, months?: readonly string[]): ForecastBias | null {
  const counted = forecast.months.filter((m) => m.forecast !== null && (months === undefined || months.includes(m.month)));
  if (counted.length < MIN_FORECAST_MONTHS) return null;
  const forecastCents = counted.reduce((sum, m) => sum + cents(m.forecast!), 0n);
  const actualCents = counted.reduce((sum, m) => sum + cents(m.actual), 0n);
  if (actualCents <= 0n) return null;
  const bias = forecastCents - actualCents;
  const abs = bias < 0n ? -bias : bias;
  if (abs * 100n < BigInt(FORECAST_BIAS_PERCENT) * actualCents) return null;
  const sign = bias > 0n ? 1n : -1n;
  const worst = counted.reduce((a, b) => ((cents(b.forecast!) - cents(b.actual)) * sign > (cents(a.forecast!) - cents(a.actual)) * sign ? b : a));
  return {
    code: "FORECAST_BIAS",
    rep: null,
    stage: null,
    figures: {
      currency,
      direction: bias > 0n ? "OVER" : "UNDER",
      forecast: money(forecastCents),
      actual: money(actualCents),
      bias: money(bias),
      share: Number(abs) / Number(actualCents),
      months: counted.length,
      worstMonth: { month: worst.month, forecast: worst.forecast!, actual: worst.actual },
    },
  };
}
