import "server-only";
import { kpiDb } from "./kpi-db";
import type { Viewer } from "@/lib/auth/viewer";
import { queryLeadMetrics, type LeadMetrics, type LeadMetricsInput } from "./query-lead-metrics";

/** KPI.md "Leads and hand-over" for P and P′, for the viewer's scope and per visible rep. */
export function getLeadMetrics(viewer: Viewer, input: LeadMetricsInput): Promise<LeadMetrics> {
  return queryLeadMetrics(kpiDb, viewer, input);
}
