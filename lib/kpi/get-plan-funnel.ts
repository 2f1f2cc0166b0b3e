import "server-only";
import { kpiDb } from "./kpi-db";
import type { Viewer } from "@/lib/auth/viewer";
import { queryPlanFunnel, type PlanFunnel, type PlanFunnelInput } from "./query-plan-funnel";

/** The funnel figures a pipeline plan works back through, for the viewer's scope. */
export function getPlanFunnel(viewer: Viewer, input: PlanFunnelInput): Promise<PlanFunnel> {
  return queryPlanFunnel(kpiDb, viewer, input);
}
