import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { scopedRepsSql } from "./kpi-filter";
import type { KpiSql } from "./kpi-sql";

export const SUMMARY_DECISION_KINDS = ["ADVANCE", "HOLD", "MOVE_BACK", "CLOSE_LOST", "NEEDS_WORK", "UPDATE_NEXT_STEP", "UPDATE_CLOSE_DATE", "ESCALATE"] as const;
export type SummaryDecisionKind = (typeof SUMMARY_DECISION_KINDS)[number];

/** What one meeting got through, over the deals whose owner's row the viewer may see (a rep: their own). */
export interface MeetingSummaryFigures {
  /** Deals on the meeting's list. */
  walked: number;
  /** Of those, deals with a decision. */
  reviewed: number;
  decisions: Record<SummaryDecisionKind, number>;
}

/** One query over the meeting's list and its decisions; the caller has checked that the viewer may open the meeting. */
export async function queryMeetingSummary(sql: KpiSql, viewer: Viewer, input: { meetingId: number; teamId: number }): Promise<MeetingSummaryFigures> {
  assertViewer(viewer);
  const rows = await sql.$queryRaw<Array<{ kind: SummaryDecisionKind | null; walked: number; n: number }>>(Prisma.sql`
    WITH scoped AS (${scopedRepsSql(viewer, { teamIds: [input.teamId] })}),
    walked AS (
      SELECT d.id FROM pipeline_meeting m CROSS JOIN LATERAL unnest(m.deal_ids) AS w(deal_id) JOIN deal d ON d.id = w.deal_id
      WHERE m.id = ${input.meetingId} AND d.owner_id IN (SELECT id FROM scoped WHERE visible)
    ),
    decided AS (
      SELECT md.kind FROM meeting_decision md JOIN deal d ON d.id = md.deal_id
      WHERE md.meeting_id = ${input.meetingId} AND d.owner_id IN (SELECT id FROM scoped WHERE visible)
    )
    SELECT NULL::text AS kind, (SELECT count(*) FROM walked)::int AS walked, 0 AS n
    UNION ALL
    SELECT kind::text, 0, count(*)::int FROM decided GROUP BY kind`);
  const decisions = Object.fromEntries(SUMMARY_DECISION_KINDS.map((kind) => [kind, 0])) as Record<SummaryDecisionKind, number>;
  for (const row of rows) if (row.kind !== null) decisions[row.kind] = row.n;
  return {
    walked: rows.find((row) => row.kind === null)?.walked ?? 0,
    // One decision per deal and meeting (a unique index), so the decisions count the deals reviewed.
    reviewed: Object.values(decisions).reduce((sum, n) => sum + n, 0),
    decisions,
  };
}
