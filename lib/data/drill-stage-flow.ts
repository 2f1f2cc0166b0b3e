import { Prisma } from "@/lib/db/generated/client";
import type { DealDrillFilter } from "@/lib/validation/dashboard-drill";

/**
 * Of the deals (aliased `d`) that entered stage `stageId` in [start, end), those that went on as KPI.md "Stages"
 * and query-stage-metrics count them, from each deal's first entry into the stage in the period, in (at, id) order:
 * - advanced: a later change into a later open stage or WON;
 * - lost: not advanced, and the deal's last change is into LOST;
 * - still: neither.
 */
export function stageFlowSql(stageId: number, flow: NonNullable<DealDrillFilter["flow"]>, start: Prisma.Sql, end: Prisma.Sql): Prisma.Sql {
  const advanced = Prisma.sql`EXISTS (
      SELECT 1
      FROM (SELECT c.at, c.id FROM deal_stage_change c
             WHERE c.deal_id = d.id AND c.to_stage_id = ${stageId} AND c.at >= ${start} AND c.at < ${end}
             ORDER BY c.at, c.id LIMIT 1) fe
      JOIN deal_stage_change n ON n.deal_id = d.id AND (n.at, n.id) > (fe.at, fe.id)
      JOIN stage ns ON ns.id = n.to_stage_id
      WHERE ns.kind = 'WON' OR (ns.kind = 'OPEN' AND ns.position > (SELECT s0.position FROM stage s0 WHERE s0.id = ${stageId})))`;
  const endedLost = Prisma.sql`coalesce((
      SELECT fs.kind = 'LOST' FROM deal_stage_change c JOIN stage fs ON fs.id = c.to_stage_id
      WHERE c.deal_id = d.id ORDER BY c.at DESC, c.id DESC LIMIT 1), false)`;
  switch (flow) {
    case "advanced":
      return advanced;
    case "lost":
      return Prisma.sql`NOT ${advanced} AND ${endedLost}`;
    case "still":
      return Prisma.sql`NOT ${advanced} AND NOT ${endedLost}`;
  }
}
