import "server-only";
import { kpiDb } from "./kpi-db";
import type { Viewer } from "@/lib/auth/viewer";
import { queryLostReasons, type LostReasons, type LostReasonsInput } from "./query-lost-reasons";

/** KPI.md lost reasons by stage for P and P′, for the viewer's scope. */
export function getLostReasons(viewer: Viewer, input: LostReasonsInput): Promise<LostReasons> {
  return queryLostReasons(kpiDb, viewer, input);
}
