import { Prisma, type LeadSource } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { leadInScopeSql, repInScopeSql, scopedRepsSql, type KpiFilter } from "./kpi-filter";
import type { KpiSql } from "./kpi-sql";
import { leadReceivedInScopeSql, queryLeadSide, type LeadSide } from "./lead-side";
import { previousPeriod, startOfLocalDate, type Period } from "./period";
import { CURRENT, PREVIOUS, instantSql, periodsSql, wholeMonthsAndEdgeDaysSql, type NumberedSpan } from "./periods-sql";

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
  /**
   * Deals from leads handed over in P that are still open now: they have not finished, so while P is still running
   * the chain's first-meeting and won steps will still rise as they move on.
   */
  openDeals: number;
}

export interface LeadMetricsRep {
  repId: number;
  name: string;
  teamId: number | null;
  current: LeadFigures;
  previous: LeadFigures;
}

export interface LeadMetrics {
  /** Whose leads these are: the scope's own (SDR, else AE) or those handed over to its AEs (lead-side.ts). */
  side: LeadSide;
  period: Period;
  previousPeriod: Period;
  total: { current: LeadFigures; previous: LeadFigures };
  reps: LeadMetricsRep[];
}

export interface LeadMetricsInput {
  period: Period;
  filter?: KpiFilter;
  /**
   * owner (the default): leads count for their SDR, else their AE. receiver: for their AE, the rep they were handed
   * over to (per rep: the AE). auto: the side queryLeadSide picks for the scope, as the dashboard and its drills do.
   */
  side?: LeadSide | "auto";
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
  openDeals: number;
}

// Aggregate columns and the names the result rows carry.
// A lead belongs to its SDR, else its AE; ownerless leads count for the whole organisation only (leadInScopeSql).
const REP = Prisma.sql`coalesce(l.sdr_id, l.ae_id)`;

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
  ["open_deals", "openDeals"],
] as const;

/**
 * The rows (p, rep_id, source, n) of leads created in P and P′: each period's whole local months from lead_month
 * (leads per rep, local month and source, kept current by triggers on lead, months in the organisation's time zone
 * as P and P′ are) and only its edge days from lead, each piece one range of an (org_id, month|created_at) index.
 */
function createdRowsSql(viewer: Viewer, inScope: Prisma.Sql, monthInScope: Prisma.Sql, spans: ReadonlyArray<Period & NumberedSpan>): Prisma.Sql {
  return wholeMonthsAndEdgeDaysSql(spans, {
      months: (span, from, to) => Prisma.sql`SELECT ${span.p}::int AS p, lm.rep_id, lm.source, lm.n::bigint AS n
        FROM lead_month lm
        WHERE lm.org_id = ${viewer.orgId} AND ${monthInScope} AND lm.month >= ${from}::date AND lm.month < ${to}::date`,
      days: (span, from, to) => {
        const [start, end] = [from, to].map((date) => instantSql(startOfLocalDate(date, span.timeZone)));
        return Prisma.sql`SELECT ${span.p}::int AS p, ${REP} AS rep_id, l.source, count(*) AS n
          FROM lead l
          WHERE l.org_id = ${viewer.orgId} AND l.created_at >= ${start} AND l.created_at < ${end} AND ${inScope}
          GROUP BY 2, 3`;
      },
  });
}

/** One aggregate query for P and P′, per rep and for the scope. */
export async function queryLeadMetrics(sql: KpiSql, viewer: Viewer, input: LeadMetricsInput): Promise<LeadMetrics> {
  assertViewer(viewer);
  const previous = previousPeriod(input.period);
  const filter = input.filter ?? {};
  const side: LeadSide = input.side === "auto" ? await queryLeadSide(sql, viewer, filter) : (input.side ?? "owner");

  // P and P′ as constants (P′ ends where P starts), so each handed-over lead finds its period with a CASE.
  const span = { start: instantSql(previous.start), end: instantSql(input.period.end) };
  const inScope = leadInScopeSql(viewer, filter, { ownerless: true });
  // lead_month.rep_id is coalesce(sdr_id, ae_id), NULL for an ownerless lead: the same leads as leadInScopeSql.
  const monthInScope = repInScopeSql(viewer, filter, Prisma.sql`lm.rep_id`);
  // lead_chain.rep_id is coalesce(sdr_id, ae_id): the same lead for the same reps as leadInScopeSql.
  const chainInScope = repInScopeSql(viewer, filter, Prisma.sql`lc.rep_id`);
  const periodStart = instantSql(input.period.start);
  const createdRows =
    side === "receiver"
      ? // The leads of the scope's AEs, created in P′ ∪ P: a team's few, read from lead by its (ae_id, …) index.
        Prisma.sql`SELECT CASE WHEN l.created_at >= ${periodStart} THEN ${CURRENT}::int ELSE ${PREVIOUS}::int END AS p,
                          l.ae_id AS rep_id, l.source, count(*) AS n
                   FROM lead l
                   WHERE l.org_id = ${viewer.orgId} AND l.created_at >= ${span.start} AND l.created_at < ${span.end} AND ${leadReceivedInScopeSql()}
                   GROUP BY 1, 2, 3`
      : createdRowsSql(viewer, inScope, monthInScope, [
          { p: CURRENT, ...input.period },
          { p: PREVIOUS, ...previous },
        ]);
  // The receiving side reads each lead's chain for its AE (lead.ae_id), the owner side for lead_chain.rep_id.
  const chainRep = side === "receiver" ? Prisma.sql`l.ae_id` : Prisma.sql`lc.rep_id`;
  const chainJoin = side === "receiver" ? Prisma.sql`JOIN lead l ON l.id = lc.lead_id` : Prisma.empty;
  const chainWhere = side === "receiver" ? leadReceivedInScopeSql() : chainInScope;
  // The chains of the scope's leads handed over in P′ ∪ P, and whether a chain's hand-over is in P.
  const chainsInSpan = Prisma.sql`lc.org_id = ${viewer.orgId} AND lc.handed_over_at >= ${span.start} AND lc.handed_over_at < ${span.end} AND ${chainWhere}`;
  const handedInP = Prisma.sql`lc.handed_over_at >= ${periodStart}`;
  const figures = (x: string) =>
    Prisma.join(
      COLUMNS.map(([column, alias]) => Prisma.sql`coalesce(${Prisma.raw(`${x}.${column}`)}, 0)::int AS ${Prisma.raw(`"${alias}"`)}`),
    );

  const rows = await sql.$queryRaw<Row[]>(Prisma.sql`
    WITH periods AS (${periodsSql(input.period, previous)}),
    scoped AS (${scopedRepsSql(viewer, filter)}),
    created AS (
      -- Leads created in P′ ∪ P by period, rep and source: whole local months from lead_month, edge days from lead.
      ${createdRows}
    ),
    open_from_leads AS (
      -- Open deals from the leads handed over in P′ ∪ P, by period and rep: few (open deals now), so read from the open
      -- deals' side and joined to their leads' chains, rather than looked up for every chain with a lost deal.
      SELECT ${handedInP} AS in_p, ${chainRep} AS rep_id, count(*) AS open_deals
      FROM deal d
      JOIN lead_chain lc ON lc.lead_id = d.lead_id
      ${chainJoin}
      WHERE d.org_id = ${viewer.orgId} AND d.status = 'OPEN' AND ${chainsInSpan}
      GROUP BY 1, 2
    ),
    handed AS (
      -- Leads handed over in P′ ∪ P by period and rep, from each lead's deals, first meetings and won deals (lead_chain).
      -- Grouped by a boolean, not by the period's number: the planner then expects a few groups per rep and hashes them.
      SELECT CASE WHEN h.in_p THEN ${Prisma.raw(String(CURRENT))} ELSE ${Prisma.raw(String(PREVIOUS))} END AS p, h.rep_id,
             h.handed_over, h.converted, h.first_meetings, h.won_deals, o.open_deals
      FROM (
        SELECT ${handedInP} AS in_p, ${chainRep} AS rep_id,
               count(*) AS handed_over, count(*) FILTER (WHERE lc.deals > 0) AS converted,
               sum(lc.first_meetings) AS first_meetings, sum(lc.won_deals) AS won_deals
        FROM lead_chain lc
        ${chainJoin}
        WHERE ${chainsInSpan}
        GROUP BY 1, 2
      ) h
      LEFT JOIN open_from_leads o ON o.in_p = h.in_p AND o.rep_id IS NOT DISTINCT FROM h.rep_id
    ),
    created_agg AS (
      SELECT p, rep_id, GROUPING(rep_id) AS is_total,
             sum(n) AS created,
             sum(n) FILTER (WHERE source = 'INBOUND') AS inbound,
             sum(n) FILTER (WHERE source = 'OUTBOUND') AS outbound,
             sum(n) FILTER (WHERE source = 'REFERRAL') AS referral,
             sum(n) FILTER (WHERE source = 'EVENT') AS event,
             sum(n) FILTER (WHERE source = 'PARTNER') AS partner,
             sum(n) FILTER (WHERE source = 'OTHER') AS other
      FROM created
      GROUP BY GROUPING SETS ((p), (p, rep_id))
    ),
    handed_agg AS (
      SELECT p, rep_id, GROUPING(rep_id) AS is_total,
             sum(handed_over) AS handed_over,
             sum(converted) AS converted,
             sum(first_meetings) AS first_meetings,
             sum(won_deals) AS won_deals,
             sum(open_deals) AS open_deals
      FROM handed
      GROUP BY GROUPING SETS ((p), (p, rep_id))
    ),
    agg AS (
      SELECT coalesce(c.p, h.p) AS p, coalesce(c.rep_id, h.rep_id) AS rep_id, coalesce(c.is_total, h.is_total) AS is_total,
             c.created, c.inbound, c.outbound, c.referral, c.event, c.partner, c.other,
             h.handed_over, h.converted, h.first_meetings, h.won_deals, h.open_deals
      FROM created_agg c
      FULL JOIN handed_agg h ON h.p = c.p AND h.is_total = c.is_total AND h.rep_id IS NOT DISTINCT FROM c.rep_id
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

  return { side, ...shapeLeadMetrics(input.period, previous, rows) };
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
    openDeals: row.openDeals,
  };
}

function shapeLeadMetrics(period: Period, previous: Period, rows: Row[]): Omit<LeadMetrics, "side"> {
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

/** Of the leads handed over in P, first meetings per lead (firstMeetings ÷ handedOver; null without hand-overs). */
export function handOverToFirstMeeting(figures: LeadFigures): number | null {
  return share(figures.firstMeetings, figures.handedOver);
}
