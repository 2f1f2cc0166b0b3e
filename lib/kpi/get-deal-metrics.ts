import "server-only";
import { kpiDb } from "./kpi-db";
import type { Viewer } from "@/lib/auth/viewer";
import { queryDealMetrics, type DealMetrics, type DealMetricsInput } from "./query-deal-metrics";

/** KPI.md "Deals" for P and P′, for the viewer's scope and per visible rep. */
export function getDealMetrics(viewer: Viewer, input: DealMetricsInput): Promise<DealMetrics> {
  return queryDealMetrics(kpiDb, viewer, input);
}
