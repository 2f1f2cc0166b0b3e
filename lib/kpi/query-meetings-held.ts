import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import type { KpiFilter } from "./kpi-filter";
import type { KpiSql } from "./kpi-sql";
import type { Period } from "./period";

/** Pipeline meetings held in P by the teams in scope, and the deals they reviewed (DESIGN.md section 3). */
export interface MeetingsHeld {
  meetings: number;
  /** Whole weeks in P, to read meetings against one a week. */
  weeks: number;
  decisions: number;
  dealsReviewed: number;
}

/**
 * Meetings count for a team, not a rep: an admin's whole organisation, a manager's teams (narrowed by the
 * filter's teams). A rep's filter counts their team's meetings and only the decisions on their own deals.
 */
export async function queryMeetingsHeld(sql: KpiSql, viewer: Viewer, input: { period: Period; filter?: KpiFilter }): Promise<MeetingsHeld> {
  assertViewer(viewer);
  const teams =
    viewer.role === "ADMIN"
      ? input.filter?.teamIds
      : (input.filter?.teamIds ?? viewer.teamIds).filter((id) => viewer.teamIds.includes(id));
  const teamCondition = teams === undefined ? Prisma.sql`TRUE` : teams.length === 0 ? Prisma.sql`FALSE` : Prisma.sql`t.id IN (${Prisma.join(teams)})`;
  const ownDeals = viewer.role === "REP" ? Prisma.sql`AND d.owner_id = ${viewer.repId ?? -1}` : Prisma.empty;
  const [row] = await sql.$queryRaw<Array<{ meetings: number; decisions: number; dealsReviewed: number }>>(Prisma.sql`
    WITH held AS (
      SELECT m.id FROM pipeline_meeting m JOIN team t ON t.id = m.team_id
      WHERE t.org_id = ${viewer.orgId} AND ${teamCondition}
        AND m.status <> 'PLANNED' AND m.held_at >= ${input.period.start} AND m.held_at < ${input.period.end}
    )
    SELECT (SELECT count(*) FROM held)::int AS meetings,
           count(md.id)::int AS decisions,
           count(DISTINCT md.deal_id)::int AS "dealsReviewed"
    FROM held h JOIN meeting_decision md ON md.meeting_id = h.id JOIN deal d ON d.id = md.deal_id ${ownDeals}`);
  const days = (input.period.end.getTime() - input.period.start.getTime()) / 86_400_000;
  return { meetings: row?.meetings ?? 0, weeks: Math.round(days / 7), decisions: row?.decisions ?? 0, dealsReviewed: row?.dealsReviewed ?? 0 };
}
