import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { coversWholeOrg, scopedRepsSql, type KpiFilter } from "./kpi-filter";
import type { KpiSql } from "./kpi-sql";

/**
 * Which side of the SDR → AE hand-over a scope reads its leads from (KPI.md "Leads and hand-over"):
 * - owner: a lead counts for its SDR, else its AE (the lead metrics' default; the SDR team's and the
 *   organisation's view);
 * - receiver: a lead counts for its AE, the rep it was handed over to. A scope without any SDR (an AE team,
 *   an AE) owns next to no leads, so its dashboard follows the leads handed over to it instead.
 */
export type LeadSide = "owner" | "receiver";

/** What a scope is made of: its reps, and how many of them are SDRs. */
export interface ScopeMix {
  reps: number;
  sdrs: number;
}

/** The reps of the viewer's (narrowed) scope and how many are SDRs: an SDR-only scope sells nothing itself. */
export async function queryScopeMix(sql: KpiSql, viewer: Viewer, filter: KpiFilter = {}): Promise<ScopeMix> {
  assertViewer(viewer);
  const [row] = await sql.$queryRaw<ScopeMix[]>(Prisma.sql`
    WITH scoped AS (${scopedRepsSql(viewer, filter)})
    SELECT count(*)::int AS reps, count(*) FILTER (WHERE r.kind = 'SDR')::int AS sdrs
    FROM scoped s JOIN rep r ON r.id = s.id`);
  return row ?? { reps: 0, sdrs: 0 };
}

/** Whether the scope has reps and every one of them is an SDR. */
export function isSdrOnly(mix: ScopeMix): boolean {
  return mix.reps > 0 && mix.sdrs === mix.reps;
}

/** The side a scope reads: the receiving side when it has reps and none of them is an SDR; else the owner side. */
export async function queryLeadSide(sql: KpiSql, viewer: Viewer, filter: KpiFilter = {}): Promise<LeadSide> {
  assertViewer(viewer);
  if (coversWholeOrg(viewer, filter)) return "owner";
  const mix = await queryScopeMix(sql, viewer, filter);
  return mix.reps > 0 && mix.sdrs === 0 ? "receiver" : "owner";
}

/**
 * A `WHERE` condition for the receiving side: lead `l` was handed over to (its AE is) one of the reps of the
 * query's `scoped` CTE, written for the (ae_id, …) index.
 */
export function leadReceivedInScopeSql(): Prisma.Sql {
  return Prisma.sql`l.ae_id = ANY (ARRAY(SELECT id FROM scoped))`;
}
