import { Prisma, type ActivityType } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { repInScopeSql, scopedRepsSql, type KpiFilter } from "./kpi-filter";
import type { KpiSql } from "./kpi-sql";
import { previousPeriod, type Period } from "./period";
import { CURRENT, periodsSql } from "./periods-sql";
import { ACTIVITY_TYPES } from "./query-activity-metrics";

export interface TouchFigures {
  /** Conversions with at least one touch of the type. */
  touched: number;
  /** touched ÷ conversions */
  shareTouched: number | null;
  touches: number;
  /** touches ÷ conversions */
  perConversion: number | null;
}

/**
 * KPI.md "converting touches" and "follow-up after conversion" for one period. A conversion is a lead's first
 * deal, created in P; touches are activities on the lead in the 30 days before that deal was created, and they
 * count for the lead's SDR (its AE without one), as the lead metrics do. Follow-up counts deals created from a
 * lead in P for the rep the deal is attributed to.
 */
export interface ConversionFigures {
  conversions: number;
  touches: TouchFigures;
  byType: Record<ActivityType, TouchFigures>;
  /** Deals created from leads in P. */
  dealsFromLeads: number;
  /** Of those, the deals with an activity on the deal within 7 calendar days of creation. */
  followedUp: number;
  /** followedUp ÷ dealsFromLeads */
  followUpRate: number | null;
  /** Median calendar days from creation to the deal's first activity, over deals that have one. */
  medianDaysToFirstActivity: number | null;
}

export interface ConversionActivitiesRep {
  repId: number;
  name: string;
  teamId: number | null;
  current: ConversionFigures;
  previous: ConversionFigures;
}

export interface ConversionActivities {
  period: Period;
  previousPeriod: Period;
  total: { current: ConversionFigures; previous: ConversionFigures };
  reps: ConversionActivitiesRep[];
}

export interface ConversionActivitiesInput {
  period: Period;
  filter?: KpiFilter;
}

/**
 * KPI.md: touches in the 30 days before the deal; follow-up within 7 days of creation. The touch window is counted
 * by the triggers of migration 20261127220000_conversion_touch, which say 30 too.
 */
export const TOUCH_WINDOW_DAYS = 30;
export const FOLLOW_UP_DAYS = 7;

interface Row {
  p: number;
  repId: number | null;
  name: string | null;
  teamId: number | null;
  conversions: number;
  touchedAny: number;
  touches: number;
  touchedCall: number;
  touchedEmail: number;
  touchedSocial: number;
  touchedMeeting: number;
  touchesCall: number;
  touchesEmail: number;
  touchesSocial: number;
  touchesMeeting: number;
  dealsFromLeads: number;
  followedUp: number;
  medianDays: number | null;
}

/**
 * One query for P and P′: conversions with their touches by type, and follow-up of deals from leads; per rep and
 * total. Touch counts and each deal's first activity come from conversion_touch (kept current by triggers, migration
 * 20261127220000_conversion_touch) instead of reading every conversion's activities, and so does attribution (the
 * lead's SDR else AE, the deal's closing owner else owner). A team's rows are found through its reps' indexes.
 */
export async function queryConversionActivities(sql: KpiSql, viewer: Viewer, input: ConversionActivitiesInput): Promise<ConversionActivities> {
  assertViewer(viewer);
  const previous = previousPeriod(input.period);
  // KPI.md: the whole organisation also counts conversions of leads without a rep; a narrower scope, its reps' rows.
  const inScope = (repColumn: Prisma.Sql) => repInScopeSql(viewer, input.filter, repColumn);
  const rows = await sql.$queryRaw<Row[]>(Prisma.sql`
    WITH periods AS (${periodsSql(input.period, previous)}),
    scoped AS (${scopedRepsSql(viewer, input.filter)}),
    conversions AS (
      SELECT p.p, ct.lead_id, ct.lead_rep_id AS rep_id,
             ct.calls + ct.emails + ct.socials + ct.meetings AS touches,
             ct.calls, ct.emails, ct.socials, ct.meetings
      FROM conversion_touch ct
      JOIN periods p ON ct.created_at >= p.start_at AND ct.created_at < p.end_at
      WHERE ct.org_id = ${viewer.orgId} AND ct.is_conversion AND ${inScope(Prisma.sql`ct.lead_rep_id`)}
    ),
    touch_agg AS (
      SELECT p, rep_id, GROUPING(rep_id) AS is_total, count(*) AS conversions,
             count(*) FILTER (WHERE touches > 0) AS touched_any, sum(touches) AS touches,
             count(*) FILTER (WHERE calls > 0) AS touched_call, count(*) FILTER (WHERE emails > 0) AS touched_email,
             count(*) FILTER (WHERE socials > 0) AS touched_social, count(*) FILTER (WHERE meetings > 0) AS touched_meeting,
             sum(calls) AS touches_call, sum(emails) AS touches_email, sum(socials) AS touches_social, sum(meetings) AS touches_meeting
      FROM conversions
      GROUP BY GROUPING SETS ((p), (p, rep_id))
    ),
    follow AS (
      SELECT p.p, ct.deal_rep_id AS rep_id,
             ct.follow_days AS days
      FROM conversion_touch ct
      JOIN periods p ON ct.created_at >= p.start_at AND ct.created_at < p.end_at
      WHERE ct.org_id = ${viewer.orgId} AND ${inScope(Prisma.sql`ct.deal_rep_id`)}
    ),
    follow_agg AS (
      SELECT p, rep_id, GROUPING(rep_id) AS is_total, count(*) AS deals_from_leads,
             count(*) FILTER (WHERE days <= ${FOLLOW_UP_DAYS}) AS followed_up,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median_days
      FROM follow
      GROUP BY GROUPING SETS ((p), (p, rep_id))
    ),
    cells AS (
      SELECT p.p, NULL::int AS rep_id, NULL::text AS name, NULL::int AS team_id, t.conversions, t.touched_any, t.touches, t.touched_call, t.touched_email, t.touched_social, t.touched_meeting, t.touches_call, t.touches_email, t.touches_social, t.touches_meeting, f.deals_from_leads, f.followed_up, f.median_days
      FROM periods p
      LEFT JOIN touch_agg t ON t.is_total = 1 AND t.p = p.p
      LEFT JOIN follow_agg f ON f.is_total = 1 AND f.p = p.p
      UNION ALL
      SELECT p.p, s.id, s.name, s.team_id, t.conversions, t.touched_any, t.touches, t.touched_call, t.touched_email, t.touched_social, t.touched_meeting, t.touches_call, t.touches_email, t.touches_social, t.touches_meeting, f.deals_from_leads, f.followed_up, f.median_days
      FROM scoped s
      CROSS JOIN periods p
      LEFT JOIN touch_agg t ON t.is_total = 0 AND t.rep_id = s.id AND t.p = p.p
      LEFT JOIN follow_agg f ON f.is_total = 0 AND f.rep_id = s.id AND f.p = p.p
      WHERE s.visible
    )
    SELECT c.p, c.rep_id AS "repId", c.name, c.team_id AS "teamId",
           coalesce(c.conversions, 0)::int AS conversions, coalesce(c.touched_any, 0)::int AS "touchedAny",
           coalesce(c.touches, 0)::int AS touches,
           coalesce(c.touched_call, 0)::int AS "touchedCall", coalesce(c.touched_email, 0)::int AS "touchedEmail",
           coalesce(c.touched_social, 0)::int AS "touchedSocial", coalesce(c.touched_meeting, 0)::int AS "touchedMeeting",
           coalesce(c.touches_call, 0)::int AS "touchesCall", coalesce(c.touches_email, 0)::int AS "touchesEmail",
           coalesce(c.touches_social, 0)::int AS "touchesSocial", coalesce(c.touches_meeting, 0)::int AS "touchesMeeting",
           coalesce(c.deals_from_leads, 0)::int AS "dealsFromLeads", coalesce(c.followed_up, 0)::int AS "followedUp",
           c.median_days::float8 AS "medianDays"
    FROM cells c`);

  const touch = (touched: number, touches: number, conversions: number): TouchFigures => ({
    touched,
    shareTouched: conversions === 0 ? null : touched / conversions,
    touches,
    perConversion: conversions === 0 ? null : touches / conversions,
  });
  const figures = (row: Row): ConversionFigures => {
    const byTypeCounts: Record<ActivityType, [number, number]> = {
      CALL: [row.touchedCall, row.touchesCall],
      EMAIL: [row.touchedEmail, row.touchesEmail],
      SOCIAL: [row.touchedSocial, row.touchesSocial],
      MEETING: [row.touchedMeeting, row.touchesMeeting],
    };
    return {
      conversions: row.conversions,
      touches: touch(row.touchedAny, row.touches, row.conversions),
      byType: Object.fromEntries(ACTIVITY_TYPES.map((type) => [type, touch(...byTypeCounts[type], row.conversions)])) as Record<ActivityType, TouchFigures>,
      dealsFromLeads: row.dealsFromLeads,
      followedUp: row.followedUp,
      followUpRate: row.dealsFromLeads === 0 ? null : row.followedUp / row.dealsFromLeads,
      medianDaysToFirstActivity: row.medianDays,
    };
  };
  const pair = (list: Row[]) => {
    const current = list.find((row) => row.p === CURRENT);
    const before = list.find((row) => row.p !== CURRENT);
    if (!current || !before) throw new Error("Conversion activities: a period is missing from the query result");
    return { current: figures(current), previous: figures(before) };
  };
  const byRep = new Map<number, Row[]>();
  for (const row of rows) if (row.repId !== null) byRep.set(row.repId, [...(byRep.get(row.repId) ?? []), row]);
  const reps = [...byRep.entries()]
    .map(([repId, list]) => ({ repId, name: list[0]?.name ?? "", teamId: list[0]?.teamId ?? null, ...pair(list) }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.repId - b.repId);
  return { period: input.period, previousPeriod: previous, total: pair(rows.filter((row) => row.repId === null)), reps };
}
