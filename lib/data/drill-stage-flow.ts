import { Prisma } from "@/lib/db/generated/client";
import type { Viewer } from "@/lib/auth/viewer";
import type { LeadSide } from "@/lib/kpi/lead-side";
import type { DealDrillFilter } from "@/lib/validation/dashboard-drill";

// Both conditions below sit in the deals drill's WHERE on `deal d`, next to its `scoped` CTE (the viewer's reps).

/**
 * Of the deals that entered stage `stageId` in [start, end) and count for a rep in scope, those that went on as
 * KPI.md "Stages" and query-stage-metrics count them, read from the same deal_stage_fact rows: each deal's first
 * entry into the stage in the period (no earlier entry, or the earlier one before the period), then
 * - advanced: a later change into a later open stage or WON (the highest rank after it is above the stage's);
 * - lost: not advanced, and the deal's last change is into LOST;
 * - still: neither.
 * Entries are found through deal_stage_change's (to_stage_id, at) index and narrowed to the scope first.
 */
export function stageFlowSql(stageId: number, flow: NonNullable<DealDrillFilter["flow"]>, start: Prisma.Sql, end: Prisma.Sql): Prisma.Sql {
  const advanced = Prisma.sql`coalesce(f.later_rank > st.position, false)`;
  const went = {
    advanced,
    lost: Prisma.sql`NOT ${advanced} AND f.final_kind = 'LOST'`,
    still: Prisma.sql`NOT ${advanced} AND f.final_kind <> 'LOST'`,
  }[flow];
  return Prisma.sql`d.id IN (
      SELECT c.deal_id
      FROM deal_stage_change c
      JOIN deal_stage_fact f ON f.change_id = c.id
      JOIN stage st ON st.id = c.to_stage_id
      JOIN deal sd ON sd.id = c.deal_id
      WHERE c.to_stage_id = ${stageId} AND c.at >= ${start} AND c.at < ${end}
        AND (f.prev_same_at IS NULL OR f.prev_same_at < ${start})
        AND coalesce(sd.closed_owner_id, sd.owner_id) IN (SELECT id FROM scoped WHERE visible)
        AND ${went})`;
}

/**
 * Deals from leads handed over in [start, end) that reached their pipeline's first-meeting stage (the stage marked
 * so, else the first open one), a later open stage or WON, as query-lead-metrics counts first meetings: by the
 * lead's SDR (else its AE) in scope, or on the receiving side by its AE; leads with neither count only for the
 * whole organisation. Driven from the
 * leads' (org_id, handed_over_at) index, then their deals by lead_id. With `reachedFirstMeeting: false`, every
 * deal from those leads (the chain's "won" step adds status WON, as the lead metrics count won deals).
 */
export function firstMeetingDealsSql(
  viewer: Viewer,
  wholeOrg: boolean,
  start: Prisma.Sql,
  end: Prisma.Sql,
  options: { reachedFirstMeeting: boolean; side?: LeadSide } = { reachedFirstMeeting: true },
): Prisma.Sql {
  const ownerless = wholeOrg ? Prisma.sql`coalesce(l.sdr_id, l.ae_id) IS NULL` : Prisma.sql`FALSE`;
  // The receiving side (lib/kpi/lead-side.ts): the leads handed over to the scope's AEs.
  const leadOfScope =
    options.side === "receiver"
      ? Prisma.sql`l.ae_id IN (SELECT id FROM scoped WHERE visible)`
      : Prisma.sql`(coalesce(l.sdr_id, l.ae_id) IN (SELECT id FROM scoped WHERE visible) OR ${ownerless})`;
  return Prisma.sql`d.id IN (
      SELECT fd.id
      FROM lead l
      JOIN deal fd ON fd.lead_id = l.id AND fd.org_id = ${viewer.orgId}
      LEFT JOIN (SELECT DISTINCT ON (st.pipeline_id) st.pipeline_id, st.position
                   FROM stage st WHERE st.kind = 'OPEN'
                  ORDER BY st.pipeline_id, st.is_first_meeting DESC, st.position) fm ON fm.pipeline_id = fd.pipeline_id
      WHERE l.org_id = ${viewer.orgId} AND l.handed_over_at >= ${start} AND l.handed_over_at < ${end}
        AND ${leadOfScope}
        AND ${
          options.reachedFirstMeeting
            ? // As query-lead-metrics decides it: the highest rank of the deal's history (WON above every open stage).
              Prisma.sql`EXISTS (SELECT 1 FROM deal_stage_fact f
                     WHERE f.deal_id = fd.id AND f.is_last AND f.max_rank >= coalesce(fm.position, 2147483647))`
            : Prisma.sql`TRUE`
        })`;
}
