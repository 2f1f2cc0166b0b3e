import "server-only";
import { kpiDb } from "./kpi-db";
import type { Viewer } from "@/lib/auth/viewer";
import { queryMonthlyTrends, type MonthlyTrendsInput, type MonthTrend } from "./query-monthly-trends";

/** Won revenue and win rate per month of P, for the viewer's scope. */
export function getMonthlyTrends(viewer: Viewer, input: MonthlyTrendsInput): Promise<MonthTrend[]> {
  return queryMonthlyTrends(kpiDb, viewer, input);
}
