import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import { assertStageRulesEditor } from "./pipeline-access";

export interface PipelineSummary {
  id: number;
  name: string;
  openStages: number;
  hasWon: boolean;
  hasLost: boolean;
  /** Every deal in the pipeline, and those not closed (what the dashboard calls open at the end of the year). */
  deals: number;
  openDeals: number;
}

/** The organisation's pipelines in their order, with their open stages and deals counted. */
export async function listPipelines(viewer: Viewer): Promise<PipelineSummary[]> {
  await assertStageRulesEditor(db, viewer);
  return db.$queryRaw<PipelineSummary[]>(Prisma.sql`
    SELECT p.id, p.name,
           (SELECT count(*) FROM stage s WHERE s.pipeline_id = p.id AND s.kind = 'OPEN')::int AS "openStages",
           EXISTS (SELECT 1 FROM stage s WHERE s.pipeline_id = p.id AND s.kind = 'WON') AS "hasWon",
           EXISTS (SELECT 1 FROM stage s WHERE s.pipeline_id = p.id AND s.kind = 'LOST') AS "hasLost",
           coalesce(d.n, 0)::int AS deals, coalesce(d.open, 0)::int AS "openDeals"
    FROM pipeline p
    LEFT JOIN (
      SELECT pipeline_id, count(*) AS n, count(*) FILTER (WHERE closed_at IS NULL) AS open
      FROM deal WHERE org_id = ${viewer.orgId} GROUP BY pipeline_id
    ) d ON d.pipeline_id = p.id
    WHERE p.org_id = ${viewer.orgId}
    ORDER BY p.position, p.id`);
}
