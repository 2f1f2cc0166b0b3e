import { Prisma } from "@/lib/db/generated/client";
import type { Viewer } from "@/lib/auth/viewer";
import { histogramMedianSql } from "./histogram-median-sql";
import { dealInScopeSql, scopedRepsSql, type KpiFilter } from "./kpi-filter";
import type { KpiSql } from "./kpi-sql";
import { instantSql } from "./periods-sql";

/**
 * Whether the criterion `sc` was in force just before the instant `at` (answers count when given before D the same
 * way): introduced before it, not retired by then, and not paused then (stage_criterion_pause).
 */
export function criterionInForceSql(sc: Prisma.Sql, at: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(${sc}.introduced_at < ${at} AND (${sc}.retired_at IS NULL OR ${sc}.retired_at >= ${at})
    AND NOT EXISTS (SELECT 1 FROM stage_criterion_pause p WHERE p.criterion_id = ${sc}.id AND p.retired_at < ${at} AND p.restored_at >= ${at}))`;
}

/** KPI.md "Qualification" flags on an open deal at date D. */
export const DEAL_FLAGS = ["MISQUALIFIED", "STALE", "PAST_CLOSE_DATE", "NO_NEXT_STEP", "NO_AMOUNT", "STUCK", "SKIPPED_STAGE"] as const;
export type DealFlag = (typeof DEAL_FLAGS)[number];

/**
 * The instant D of a live view (the pipeline, the meeting's deal, a deal's page): the end of the current minute.
 * Views within one minute then ask the same question and share one result in the KPI cache (on 1,000 reps the
 * flags take ~200 ms of PostgreSQL per view). Nothing is missed: a deal changed meanwhile moves the data version and
 * is read again, and every change made so far is before D. Reading up to a minute ahead only matters to a deal
 * that turns stale or stuck within that minute.
 */
export function liveFlagsAt(now: Date = new Date()): Date {
  return new Date(Math.ceil(now.getTime() / 60_000) * 60_000);
}

export interface QualificationInput {
  /** The instant D: deals created before D and not closed before D, in the stage they were in just before D. */
  at: Date;
  filter?: KpiFilter;
  pipelineId?: number;
  /** One deal only (the deal page's flags). */
  dealId?: number;
}

/**
 * The STUCK yardstick at D: the median stay in each stage of the organisation's deals won in the 12 months before D.
 * deal_stage_fact has each change's next change and the calendar days between them in the organisation's time zone;
 * the median comes from the histogram of days per stage. A statement of its own because it is the costly part of the
 * flags (on 1,000 reps ~120 ms of ~130) and the same for every viewer of the organisation: the KPI cache then
 * computes it once per D and data version for all of them.
 */
async function wonStayMedians(sql: KpiSql, orgId: number, at: Prisma.Sql): Promise<{ stageIds: number[]; medians: number[] }> {
  const rows = await sql.$queryRaw<Array<{ stageId: number; medianDays: number }>>(Prisma.sql`
    WITH org AS (SELECT time_zone AS tz FROM organization WHERE id = ${orgId}),
    won_stay_days AS (
      SELECT f.stage_id, f.stay_days AS days, count(*) AS n
      FROM deal d
      CROSS JOIN org
      JOIN deal_stage_fact f ON f.deal_id = d.id AND f.next_at IS NOT NULL
      WHERE d.org_id = ${orgId} AND d.status = 'WON'
        -- From local midnight of D's date 12 months earlier (Feb 29 → Feb 28).
        AND d.closed_at >= (date_trunc('day', ${at} AT TIME ZONE org.tz) - interval '12 months') AT TIME ZONE org.tz
        AND d.closed_at < ${at}
      GROUP BY f.stage_id, f.stay_days
    ),
    ${histogramMedianSql("won_stays", "won_stay_days", ["stage_id"])}
    SELECT stage_id AS "stageId", median_days AS "medianDays" FROM won_stays ORDER BY stage_id`);
  return { stageIds: rows.map((row) => row.stageId), medians: rows.map((row) => row.medianDays) };
}

/**
 * `flagged`: one row per open deal at D in scope, with its rep (the current owner, as the open pipeline does),
 * stage, and a boolean column per flag. Answers, activities and stage changes count only when before D;
 * next step, amount and forecast category are the deal's current values (their history is not kept).
 */
export async function flaggedDealsSql(sql: KpiSql, viewer: Viewer, input: QualificationInput): Promise<Prisma.Sql> {
  const at = instantSql(input.at);
  const pipeline = input.pipelineId === undefined ? Prisma.sql`TRUE` : Prisma.sql`d.pipeline_id = ${input.pipelineId}`;
  const deal = input.dealId === undefined ? Prisma.sql`TRUE` : Prisma.sql`d.id = ${input.dealId}`;
  const wonStays = await wonStayMedians(sql, viewer.orgId, at);
  return Prisma.sql`
    org AS (SELECT time_zone AS tz, stale_after_days, stuck_factor FROM organization WHERE id = ${viewer.orgId}),
    scoped AS (${scopedRepsSql(viewer, input.filter)}),
    open_deals AS (
      SELECT d.id, d.name, d.pipeline_id, d.amount, d.created_at, d.expected_close_at, d.next_step, d.forecast_category,
             coalesce(d.closed_owner_id, d.owner_id) AS rep_id,
             coalesce(cur.to_stage_id, d.stage_id) AS stage_id,
             coalesce(cur.at, d.created_at) AS entered_at
      FROM deal d
      LEFT JOIN LATERAL (
        SELECT c.to_stage_id, c.at FROM deal_stage_change c
        WHERE c.deal_id = d.id AND c.at < ${at}
        ORDER BY c.at DESC, c.id DESC LIMIT 1
      ) cur ON TRUE
      WHERE d.org_id = ${viewer.orgId}
        AND d.created_at < ${at}
        AND (d.closed_at IS NULL OR d.closed_at >= ${at})
        AND ${dealInScopeSql(viewer, input.filter)}
        AND ${pipeline}
        AND ${deal}
    ),
    won_stays AS (SELECT * FROM unnest(${wonStays.stageIds}::int[], ${wonStays.medians}::float8[]) AS w (stage_id, median_days)),
    -- Open deals with a change before D from an open stage past the open stage after it: stage_jump holds exactly
    -- those changes for the pipelines' stages as they are now (kept by triggers, migration 20261128040000). The jumps
    -- of open deals are found first (OFFSET 0 keeps them apart), then each looks its change's time up by primary key in
    -- a scalar subquery (as a join, the planner scans every change before D).
    jumped AS (
      SELECT DISTINCT j.deal_id
      FROM (
        SELECT j.deal_id, j.change_id FROM stage_jump j
        WHERE j.org_id = ${viewer.orgId} AND j.deal_id IN (SELECT id FROM open_deals)
        OFFSET 0
      ) j
      WHERE (SELECT c.at FROM deal_stage_change c WHERE c.id = j.change_id) < ${at}
    ),
    -- Per pipeline and stage of the organisation (a deal's stage at D may be one of another pipeline): the criteria
    -- in force just before D of the pipeline's open stages before that stage's position, which an open deal there must
    -- have answered yes before D (MISQUALIFIED otherwise). In force: introduced before D, not retired by then, and not
    -- in one of its pauses (a retired criterion asked again); the rules of D, not those of today.
    required AS (
      SELECT earlier.pipeline_id, st.id AS stage_id, array_agg(sc.id) AS criteria
      FROM stage earlier
      JOIN stage_criterion sc ON sc.stage_id = earlier.id AND ${criterionInForceSql(Prisma.sql`sc`, at)}
      JOIN stage st ON st.position > earlier.position AND st.pipeline_id IN (SELECT id FROM pipeline WHERE org_id = ${viewer.orgId})
      WHERE earlier.kind = 'OPEN' AND earlier.pipeline_id IN (SELECT id FROM pipeline WHERE org_id = ${viewer.orgId})
      GROUP BY earlier.pipeline_id, st.id
    ),
    flagged AS (
      SELECT o.id, o.name, o.pipeline_id, o.stage_id, o.rep_id, o.amount, o.expected_close_at, o.next_step, o.forecast_category,
             (${at} AT TIME ZONE org.tz)::date - (o.entered_at AT TIME ZONE org.tz)::date AS days_in_stage,
             (${at} AT TIME ZONE org.tz)::date - (coalesce(act.last_at, o.created_at) AT TIME ZONE org.tz)::date AS days_since_activity,
             coalesce(cardinality(rq.criteria), 0) > coalesce(met.n, 0) AS misqualified,
             (${at} AT TIME ZONE org.tz)::date - (coalesce(act.last_at, o.created_at) AT TIME ZONE org.tz)::date > org.stale_after_days AS stale,
             coalesce(o.expected_close_at < (${at} AT TIME ZONE org.tz)::date, false) AS past_close_date,
             coalesce(btrim(o.next_step), '') = '' AS no_next_step,
             coalesce(o.amount = 0, true) AS no_amount,
             coalesce((${at} AT TIME ZONE org.tz)::date - (o.entered_at AT TIME ZONE org.tz)::date > org.stuck_factor * ws.median_days, false) AS stuck,
             jumped.deal_id IS NOT NULL AS skipped_stage
      FROM open_deals o
      CROSS JOIN org
      LEFT JOIN won_stays ws ON ws.stage_id = o.stage_id
      LEFT JOIN jumped ON jumped.deal_id = o.id
      LEFT JOIN required rq ON rq.pipeline_id = o.pipeline_id AND rq.stage_id = o.stage_id
      LEFT JOIN LATERAL (
        SELECT count(*) AS n FROM deal_criterion_answer ans
        WHERE ans.deal_id = o.id AND ans.criterion_id = ANY (rq.criteria) AND ans.answer AND ans.answered_at < ${at}
      ) met ON rq.criteria IS NOT NULL
      LEFT JOIN LATERAL (SELECT max(a.at) AS last_at FROM activity a WHERE a.deal_id = o.id AND a.at < ${at}) act ON TRUE
    )`;
}
