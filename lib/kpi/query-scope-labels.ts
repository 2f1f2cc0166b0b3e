import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { scopedRepsSql } from "./kpi-filter";
import type { KpiSql } from "./kpi-sql";

export interface ScopeLabels {
  /** Teams with at least one rep in the viewer's scope, by name. */
  teams: Array<{ id: number; name: string; kind: "SDR" | "AE"; manager: string | null }>;
  /** The organisation's pipelines in order, each with its stages in order (open, then WON and LOST). */
  pipelines: Array<{ id: number; name: string; stages: Array<{ id: number; name: string; kind: "OPEN" | "WON" | "LOST" }> }>;
}

/** Names for the ids the metrics return, and the options of the dashboard's filters, in one query. */
export async function queryScopeLabels(sql: KpiSql, viewer: Viewer): Promise<ScopeLabels> {
  assertViewer(viewer);
  const rows = await sql.$queryRaw<Array<{ labels: ScopeLabels }>>(Prisma.sql`
    WITH scoped AS (${scopedRepsSql(viewer)})
    SELECT json_build_object(
      'teams', coalesce((
        SELECT json_agg(json_build_object('id', t.id, 'name', t.name, 'kind', t.kind, 'manager', u.name) ORDER BY t.name, t.id)
        FROM team t LEFT JOIN app_user u ON u.id = t.manager_id
        WHERE t.org_id = ${viewer.orgId} AND t.id IN (SELECT team_id FROM scoped)), '[]'::json),
      'pipelines', coalesce((
        SELECT json_agg(json_build_object('id', pl.id, 'name', pl.name, 'stages', (
                 SELECT json_agg(json_build_object('id', st.id, 'name', st.name, 'kind', st.kind)
                                 ORDER BY CASE st.kind WHEN 'OPEN' THEN 0 WHEN 'WON' THEN 1 ELSE 2 END, st.position, st.id)
                 FROM stage st WHERE st.pipeline_id = pl.id)) ORDER BY pl.position, pl.id)
        FROM pipeline pl WHERE pl.org_id = ${viewer.orgId}), '[]'::json)
    ) AS labels`);
  const labels = rows[0]?.labels;
  return { teams: labels?.teams ?? [], pipelines: (labels?.pipelines ?? []).map((p) => ({ ...p, stages: p.stages ?? [] })) };
}
