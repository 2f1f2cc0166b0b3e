import { Prisma, type LeadSource } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { leadInScopeSql, scopedRepsSql, type KpiFilter } from "./kpi-filter";
import type { KpiSql } from "./kpi-sql";
import { previousPeriod, type Period } from "./period";
import { CURRENT, periodsSql } from "./periods-sql";

export const LEAD_SOURCES: readonly LeadSource[] = ["INBOUND", "OUTBOUND", "REFERRAL", "EVENT", "PARTNER", "OTHER"];

/**
 * KPI.md "Leads and hand-over" for one period. A lead belongs to its SDR (its AE when it has no SDR);
 * a lead with neither counts only in the whole organisation's figures. Deals "from" a lead are those
 * created from it at any time, in any pipeline.
 */
export interface LeadFigures {
  created: number;
  createdBySource: Record<LeadSource, number>;
  /** Leads with handedOverAt in P. */
  handedOver: number;
  /** Of those, the leads with at least one deal created from them. */
  converted: number;
  /** converted ÷ handedOver */
  leadToOpportunity: number | null;
  /** Deals from leads handed over in P that reached their pipeline's first-meeting stage (or a later one, or WON). */
  firstMeetings: number;
  /** Won deals from leads handed over in P. */
  wonDeals: number;
  /** wonDeals ÷ handedOver */
  closeRate: number | null;
}

export interface LeadMetricsRep {
  repId: number;
  name: string;
  teamId: number | null;
  current: LeadFigures;
  previous: LeadFigures;
}

export interface LeadMetrics {
  period: Period;
  previousPeriod: Period;
  total: { current: LeadFigures; previous: LeadFigures };
  reps: LeadMetricsRep[];
}

export interface LeadMetricsInput {
  period: Period;
  filter?: KpiFilter;
}

interface Row {
  p: number;
  repId: number | null;
  name: string | null;
  teamId: number | null;
  created: number;
  inbound: number;
  outbound: number;
  referral: number;
  event: number;
  partner: number;
  other: number;
  handedOver: number;
  converted: number;
  firstMeetings: number;
  wonDeals: number;
}

// Aggregate columns and the names the result rows carry.
const COLUMNS = [
  ["created", "created"],
  ["inbound", "inbound"],
  ["outbound", "outbound"],
  ["referral", "referral"],
  ["event", "event"],
  ["partner", "partner"],
  ["other", "other"],
  ["handed_over", "handedOver"],
  ["converted", "converted"],
  ["first_meetings", "firstMeetings"],
  ["won_deals", "wonDeals"],
] as const;

/** One aggregate query for P and P′, per rep and for the scope. */
export async function queryLeadMetrics(sql: KpiSql, viewer: Viewer, input: LeadMetricsInput): Promise<LeadMetrics> {
  assertViewer(viewer);
  const previous = previousPeriod(input.period);
  const filter = input.filter ?? {};

  const figures = (x: string) =>
    Prisma.join(
      COLUMNS.map(([column, alias]) => Prisma.sql`coalesce(${Prisma.raw(`${x}.${column}`)}, 0)::int AS ${Prisma.raw(`"${alias}"`)}`),
    );

  const rows = await sql.$queryRaw<Row[]>(Prisma.sql`
    WITH periods AS (${periodsSql(input.period, previous)}),
    scoped AS (${scopedRepsSql(viewer, filter)}),
    span AS (SELECT min(start_at) AS start_at, max(end_at) AS end_at FROM periods),
    leads AS (
      -- Leads created or handed over in P′ ∪ P (one span: P′ ends where P starts), of the scope's reps; ownerless
      -- leads count for the whole organisation only.
      SELECT l.id, l.source, l.created_at, l.handed_over_at, coalesce(l.sdr_id, l.ae_id) AS rep_id
      FROM lead l
      CROSS JOIN span
      WHERE l.org_id = ${viewer.orgId}
        AND ((l.created_at >= span.start_at AND l.created_at < span.end_at)
             OR (l.handed_over_at >= span.start_at AND l.handed_over_at < span.end_at))
        AND ${leadInScopeSql(viewer, filter, { ownerless: true })}
    ),
    first_meeting AS (
      SELECT DISTINCT ON (st.pipeline_id) st.pipeline_id, st.position
      FROM stage st
      WHERE st.kind = 'OPEN'
      ORDER BY st.pipeline_id, st.is_first_meeting DESC, st.position
    ),
    lead_deals AS (
      -- A deal reached the first-meeting stage when the highest rank of its history (deal_stage_fact) is that
      -- stage's position or more (WON ranks above every open stage, LOST below); only handed-over leads need it.
      SELECT d.lead_id,
             count(*) FILTER (WHERE f.max_rank >= coalesce(fm.position, 2147483647)) AS first_meetings,
             count(*) FILTER (WHERE d.status = 'WON') AS won_deals
      FROM deal d
      LEFT JOIN first_meeting fm ON fm.pipeline_id = d.pipeline_id
      LEFT JOIN deal_stage_fact f ON f.deal_id = d.id AND f.is_last
      WHERE d.org_id = ${viewer.orgId} AND d.lead_id IN (SELECT id FROM leads WHERE handed_over_at IS NOT NULL)
      GROUP BY d.lead_id
    ),
    facts AS (
      SELECT p.p, l.rep_id, l.source,
             (l.created_at >= p.start_at AND l.created_at < p.end_at) AS created_in,
             coalesce(l.handed_over_at >= p.start_at AND l.handed_over_at < p.end_at, false) AS handed_in,
             ld.lead_id IS NOT NULL AS has_deal,
             coalesce(ld.first_meetings, 0) AS first_meetings,
             coalesce(ld.won_deals, 0) AS won_deals
      FROM periods p
      JOIN leads l
        ON (l.created_at >= p.start_at AND l.created_at < p.end_at)
        OR (l.handed_over_at >= p.start_at AND l.handed_over_at < p.end_at)
      LEFT JOIN lead_deals ld ON ld.lead_id = l.id
    ),
    agg AS (
      SELECT p, rep_id, GROUPING(rep_id) AS is_total,
             count(*) FILTER (WHERE created_in) AS created,
             count(*) FILTER (WHERE created_in AND source = 'INBOUND') AS inbound,
             count(*) FILTER (WHERE created_in AND source = 'OUTBOUND') AS outbound,
             count(*) FILTER (WHERE created_in AND source = 'REFERRAL') AS referral,
             count(*) FILTER (WHERE created_in AND source = 'EVENT') AS event,
             count(*) FILTER (WHERE created_in AND source = 'PARTNER') AS partner,
             count(*) FILTER (WHERE created_in AND source = 'OTHER') AS other,
             count(*) FILTER (WHERE handed_in) AS handed_over,
             count(*) FILTER (WHERE handed_in AND has_deal) AS converted,
             sum(first_meetings) FILTER (WHERE handed_in) AS first_meetings,
             sum(won_deals) FILTER (WHERE handed_in) AS won_deals
      FROM facts
      GROUP BY GROUPING SETS ((p), (p, rep_id))
    )
    SELECT p.p, NULL::int AS "repId", NULL::text AS name, NULL::int AS "teamId", ${figures("a")}
    FROM periods p
    LEFT JOIN agg a ON a.is_total = 1 AND a.p = p.p
    UNION ALL
    SELECT p.p, s.id, s.name, s.team_id, ${figures("a")}
    FROM scoped s
    CROSS JOIN periods p
    LEFT JOIN agg a ON a.is_total = 0 AND a.rep_id = s.id AND a.p = p.p
    WHERE s.visible
    ORDER BY 2 NULLS FIRST, 1`);

  return shapeLeadMetrics(input.period, previous, rows);
}

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

function figuresOf(row: Row): LeadFigures {
  return {
    created: row.created,
    createdBySource: {
      INBOUND: row.inbound,
      OUTBOUND: row.outbound,
      REFERRAL: row.referral,
      EVENT: row.event,
      PARTNER: row.partner,
      OTHER: row.other,
    },
    handedOver: row.handedOver,
    converted: row.converted,
    leadToOpportunity: share(row.converted, row.handedOver),
    firstMeetings: row.firstMeetings,
    wonDeals: row.wonDeals,
    closeRate: share(row.wonDeals, row.handedOver),
  };
}

function shapeLeadMetrics(period: Period, previous: Period, rows: Row[]): LeadMetrics {
  const pair = (list: Row[]) => {
    const current = list.find((row) => row.p === CURRENT);
    const before = list.find((row) => row.p !== CURRENT);
    if (!current || !before) throw new Error("Lead metrics: a period is missing from the query result");
    return { current: figuresOf(current), previous: figuresOf(before) };
  };
  const byRep = new Map<number, Row[]>();
  for (const row of rows) if (row.repId !== null) byRep.set(row.repId, [...(byRep.get(row.repId) ?? []), row]);
  const reps = [...byRep.entries()].map(([repId, list]) => ({ repId, name: list[0]?.name ?? "", teamId: list[0]?.teamId ?? null, ...pair(list) }));
  reps.sort((a, b) => a.name.localeCompare(b.name) || a.repId - b.repId);
  return { period, previousPeriod: previous, total: pair(rows.filter((row) => row.repId === null)), reps };
}
