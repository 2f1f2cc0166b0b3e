import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { dealInScopeSql, scopedRepsSql } from "./kpi-filter";
import type { KpiSql } from "./kpi-sql";
import { workingDays, type Period } from "./period";
import { instantSql } from "./periods-sql";

/**
 * The median rep of the viewer's team(s) in P: each figure is the median over the team's reps of that rep's
 * own figure (reps whose figure is undefined are left out of its median). Only the medians leave the
 * database, so a rep learns nothing about any other rep individually.
 */
export interface TeamMedians {
  reps: number;
  won: number | null;
  revenue: number | null;
  winRate: number | null;
  avgDealSize: number | null;
  cycleMeanDays: number | null;
  quotaAttainment: number | null;
  pipelineCreated: number | null;
  activitiesPerWorkingDay: number | null;
  responseRate: number | null;
  /** Of the leads a rep handed over in P, the share with a deal (KPI.md lead → opportunity), read from lead_chain. */
  leadToOpportunity: number | null;
}

export interface TeamMediansInput {
  period: Period;
  pipelineId?: number;
  /** One team of the viewer's scope (a rep profile's team); by default the viewer's own team(s). */
  teamId?: number;
}

export async function queryTeamMedians(sql: KpiSql, viewer: Viewer, input: TeamMediansInput): Promise<TeamMedians> {
  assertViewer(viewer);
  const { period } = input;
  const start = instantSql(period.start);
  const end = instantSql(period.end);
  const pipeline = input.pipelineId === undefined ? Prisma.sql`TRUE` : Prisma.sql`d.pipeline_id = ${input.pipelineId}`;
  const days = workingDays(period);
  const teamIds = input.teamId === undefined ? viewer.teamIds : [input.teamId];
  const rows = await sql.$queryRaw<TeamMedians[]>(Prisma.sql`
    WITH org AS (SELECT time_zone AS tz FROM organization WHERE id = ${viewer.orgId}),
    scoped AS (${scopedRepsSql(viewer, { teamIds: teamIds })}),
    deals AS (
      SELECT coalesce(d.closed_owner_id, d.owner_id) AS rep_id,
             count(*) FILTER (WHERE d.status = 'WON' AND d.closed_at >= ${start} AND d.closed_at < ${end}) AS won,
             count(*) FILTER (WHERE d.status = 'LOST' AND d.closed_at >= ${start} AND d.closed_at < ${end}) AS lost,
             sum(d.amount) FILTER (WHERE d.status = 'WON' AND d.closed_at >= ${start} AND d.closed_at < ${end}) AS revenue,
             sum((d.closed_at AT TIME ZONE org.tz)::date - (d.created_at AT TIME ZONE org.tz)::date)
               FILTER (WHERE d.status = 'WON' AND d.closed_at >= ${start} AND d.closed_at < ${end}) AS cycle_sum,
             count(*) FILTER (WHERE d.created_at >= ${start} AND d.created_at < ${end}) AS created
      FROM deal d CROSS JOIN org
      WHERE d.org_id = ${viewer.orgId}
        AND ((d.closed_at >= ${start} AND d.closed_at < ${end}) OR (d.created_at >= ${start} AND d.created_at < ${end}))
        AND ${dealInScopeSql(viewer, { teamIds: teamIds })} AND ${pipeline}
      GROUP BY 1
    ),
    quotas AS (
      SELECT q.rep_id, sum(q.amount) AS quota FROM quota q
      WHERE q.rep_id IN (SELECT id FROM scoped) AND q.period_start >= ${period.startDate}::date AND q.period_end < ${period.endDate}::date
      GROUP BY 1
    ),
    acts AS (
      SELECT a.rep_id, count(*) AS n, count(*) FILTER (WHERE a.responded) AS responded
      FROM activity a
      WHERE a.rep_id = ANY (ARRAY(SELECT id FROM scoped)) AND a.at >= ${start} AND a.at < ${end}
      GROUP BY 1
    ),
    chain AS (
      -- lead_chain.rep_id is the lead's SDR, else its AE: the rep the lead metrics count a hand-over for.
      SELECT lc.rep_id, count(*) AS handed, count(*) FILTER (WHERE lc.deals > 0) AS converted
      FROM lead_chain lc
      WHERE lc.org_id = ${viewer.orgId} AND lc.rep_id = ANY (ARRAY(SELECT id FROM scoped))
        AND lc.handed_over_at >= ${start} AND lc.handed_over_at < ${end}
      GROUP BY 1
    ),
    per_rep AS (
      SELECT coalesce(d.won, 0) AS won,
             coalesce(d.revenue, 0) AS revenue,
             d.won::float8 / nullif(d.won + d.lost, 0) AS win_rate,
             d.revenue / nullif(d.won, 0) AS avg_deal,
             d.cycle_sum::float8 / nullif(d.won, 0) AS cycle,
             coalesce(d.revenue, 0)::float8 / nullif(q.quota, 0) AS attainment,
             coalesce(d.created, 0) AS created,
             coalesce(a.n, 0)::float8 / nullif(${days}::int, 0) AS per_day,
             a.responded::float8 / nullif(a.n, 0) AS response_rate,
             c.converted::float8 / nullif(c.handed, 0) AS lead_to_opportunity
      FROM scoped s
      LEFT JOIN deals d ON d.rep_id = s.id
      LEFT JOIN quotas q ON q.rep_id = s.id
      LEFT JOIN acts a ON a.rep_id = s.id
      LEFT JOIN chain c ON c.rep_id = s.id
    )
    SELECT count(*)::int AS reps,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY won) AS won,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY revenue::float8) AS revenue,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY win_rate) AS "winRate",
           percentile_cont(0.5) WITHIN GROUP (ORDER BY avg_deal::float8) AS "avgDealSize",
           percentile_cont(0.5) WITHIN GROUP (ORDER BY cycle) AS "cycleMeanDays",
           percentile_cont(0.5) WITHIN GROUP (ORDER BY attainment) AS "quotaAttainment",
           percentile_cont(0.5) WITHIN GROUP (ORDER BY created) AS "pipelineCreated",
           percentile_cont(0.5) WITHIN GROUP (ORDER BY per_day) AS "activitiesPerWorkingDay",
           percentile_cont(0.5) WITHIN GROUP (ORDER BY response_rate) AS "responseRate",
           percentile_cont(0.5) WITHIN GROUP (ORDER BY lead_to_opportunity) AS "leadToOpportunity"
    FROM per_rep`);
  const row = rows[0];
  if (!row) throw new Error("Team medians: no result row");
  return row;
}
