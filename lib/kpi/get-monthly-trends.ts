import "server-only";
import { db } from "@/lib/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import { queryMonthlyTrends, type MonthlyTrendsInput, type MonthTrend } from "./query-monthly-trends";

/** Won revenue and win rate per month of P, for the viewer's scope. */
export function getMonthlyTrends(viewer: Viewer, input: MonthlyTrendsInput): Promise<MonthTrend[]> {
  return queryMonthlyTrends(db, viewer, input);
}
