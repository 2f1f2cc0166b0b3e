import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { dealEventRowsSql } from "./deal-events-sql";
import { dealInScopeSql, repInScopeSql, scopedRepsSql, type KpiFilter } from "./kpi-filter";
import type { KpiSql, Money } from "./kpi-sql";
import { monthBuckets, type Period } from "./period";
import { instantSql } from "./periods-sql";

/**
 * The funnel figures a pipeline plan works back through (issue 16), for the viewer's scope in P:
 * - win rate from the first meeting: of the deals closed in P (attributed like KPI.md "Deals") that reached their
 *   pipeline's first-meeting stage (the stage marked so, else the first open stage; a won deal always reached it,
 *   as in lead_chain), the share won;
 * - hand-over → first meeting for the leads an SDR handed over in P to an AE of the scope: first meetings from
 *   those leads (lead_chain) ÷ those leads. Zero hand-overs: the team is not fed by SDRs and the ratio is null;
 * - pipeline created per calendar month of P (count and Σ amount of deals created, KPI.md "pipeline created").
 * A ratio whose denominator is zero is null, never 0.
 */
export interface PlanFunnel {
  closedAfterFirstMeeting: number;
  wonAfterFirstMeeting: number;
  /** wonAfterFirstMeeting ÷ closedAfterFirstMeeting */
  winRateFromFirstMeeting: number | null;
  handedOverToScope: number;
  firstMeetingsFromHandOvers: number;
  /** firstMeetingsFromHandOvers ÷ handedOverToScope */
  handOverToFirstMeeting: number | null;
  pipelineCreatedByMonth: { month: string; count: number; amount: Money }[];
  /** The active reps of the scope (whose individual row the viewer may see), the ones a plan is split between. */
  activeRepIds: number[];
}

export interface PlanFunnelInput {
  period: Period;
  filter?: KpiFilter;
}

interface FunnelRow {
  closed: number;
  won: number;
  handed: number;
  meetings: number;
}

export async function queryPlanFunnel(sql: KpiSql, viewer: Viewer, input: PlanFunnelInput): Promise<PlanFunnel> {
  assertViewer(viewer);
  const filter = input.filter ?? {};
  const start = instantSql(input.period.start);
  const end = instantSql(input.period.end);
  const aeInScope = repInScopeSql(viewer, filter, Prisma.sql`l.ae_id`);
  const [funnel] = await sql.$queryRaw<FunnelRow[]>(Prisma.sql`
    WITH scoped AS (${scopedRepsSql(viewer, filter)}),
    closed AS (
      SELECT count(*) AS closed, count(*) FILTER (WHERE d.status = 'WON') AS won
      FROM deal d
      LEFT JOIN deal_stage_fact f ON f.deal_id = d.id AND f.is_last
      LEFT JOIN LATERAL (
        SELECT st.position FROM stage st
        WHERE st.pipeline_id = d.pipeline_id AND st.kind = 'OPEN'
        ORDER BY st.is_first_meeting DESC, st.position
        LIMIT 1
      ) fm ON TRUE
      WHERE d.org_id = ${viewer.orgId} AND d.status IN ('WON', 'LOST')
        AND d.closed_at >= ${start} AND d.closed_at < ${end}
        AND ${dealInScopeSql(viewer, filter)}
        AND (d.status = 'WON' OR f.max_rank >= coalesce(fm.position, 2147483647))
    ),
    handed AS (
      SELECT count(*) AS handed, coalesce(sum(lc.first_meetings), 0) AS meetings
      FROM lead_chain lc
      JOIN lead l ON l.id = lc.lead_id
      WHERE lc.org_id = ${viewer.orgId} AND lc.handed_over_at >= ${start} AND lc.handed_over_at < ${end}
        AND l.sdr_id IS NOT NULL AND l.ae_id IS NOT NULL AND ${aeInScope}
    )
    SELECT c.closed::int AS closed, c.won::int AS won, h.handed::int AS handed, h.meetings::int AS meetings
    FROM closed c CROSS JOIN handed h`);
  const row = funnel ?? { closed: 0, won: 0, handed: 0, meetings: 0 };

  const buckets = monthBuckets(input.period);
  const months = Prisma.join(buckets.map((b, i) => Prisma.sql`(${i}::int, ${b.month}::text)`));
  const spans = buckets.map((b, i) => ({ p: i, startDate: b.startDate, endDate: b.endDate, timeZone: input.period.timeZone }));
  const created = await sql.$queryRaw<{ month: string; count: number; amount: Money }[]>(Prisma.sql`
    WITH months AS (SELECT * FROM (VALUES ${months}) AS v (i, month)),
    scoped AS (${scopedRepsSql(viewer, filter)}),
    created AS (
      SELECT p AS i, sum(n) AS n, sum(amount) AS amount
      FROM (${dealEventRowsSql(viewer, spans, { filter, events: ["CREATED"] })}) e
      GROUP BY p
    )
    SELECT m.month, coalesce(c.n, 0)::int AS count, coalesce(c.amount, 0)::numeric(20, 2)::text AS amount
    FROM months m
    LEFT JOIN created c ON c.i = m.i
    ORDER BY m.i`);

  const active = await sql.$queryRaw<{ id: number }[]>(Prisma.sql`
    WITH scoped AS (${scopedRepsSql(viewer, filter)})
    SELECT s.id FROM scoped s JOIN rep r ON r.id = s.id WHERE s.visible AND r.active ORDER BY s.id`);

  return {
    activeRepIds: active.map((rep) => rep.id),
    closedAfterFirstMeeting: row.closed,
    wonAfterFirstMeeting: row.won,
    winRateFromFirstMeeting: row.closed === 0 ? null : row.won / row.closed,
    handedOverToScope: row.handed,
    firstMeetingsFromHandOvers: row.meetings,
    handOverToFirstMeeting: row.handed === 0 ? null : row.meetings / row.handed,
    pipelineCreatedByMonth: created,
  };
}
