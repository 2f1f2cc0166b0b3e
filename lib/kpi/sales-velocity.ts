import type { Money } from "./kpi-sql";

export interface SalesVelocityInput {
  /** Deals open at the start of P (KPI.md: open pipeline at D = start of P, all stages). */
  openDeals: number;
  winRate: number | null;
  avgDealSize: Money | null;
  cycleMeanDays: number | null;
}

/**
 * KPI.md sales velocity: (open deals at start of P × win rate × average deal size) ÷ mean sales cycle,
 * in money per day, rounded to cents; undefined when any factor is, or when the mean cycle is 0 days.
 */
export function salesVelocity({ openDeals, winRate, avgDealSize, cycleMeanDays }: SalesVelocityInput): Money | null {
  if (winRate === null || avgDealSize === null || cycleMeanDays === null || cycleMeanDays === 0) return null;
  return ((openDeals * winRate * Number(avgDealSize)) / cycleMeanDays).toFixed(2);
}
