import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { histogramMedianSql } from "./histogram-median-sql";
import { coversWholeOrg, dealInScopeSql, scopedRepsSql, type KpiFilter } from "./kpi-filter";
import type { KpiSql } from "./kpi-sql";
import { previousPeriod, type Period } from "./period";
import { CURRENT, PREVIOUS, instantSql, periodsSql } from "./periods-sql";

/**
 * KPI.md "Stages" for one open stage Si of a pipeline in one period. A deal's history is its stage changes
 * ordered by (at, id); "entered" counts each deal once, from its first entry into Si in P. Of those:
 * - advanced: a later change took it to a later open stage or WON;
 * - lost: not advanced, and its last change is into LOST;
 * - still: neither, i.e. still open in Si (or in an earlier stage it went back to).
 * So advanced + lost + still = entered. A jump S1 → S3 in P is one skip of S2 (deals counted once).
 */
export interface StageFigures {
  stageId: number;
  name: string;
  entered: number;
  advanced: number;
  lost: number;
  still: number;
  /** advanced ÷ entered */
  conversion: number | null;
  skipped: number;
  /** Deals created in P (this pipeline) that ever entered this stage or a later one (open or WON). */
  reached: number;
  /** reached ÷ deals created in P */
  reachedShare: number | null;
  /** Days (calendar, org time zone) from entering Si to the next change, over each stay that ended in P. */
  timeInStage: { stays: number; meanDays: number | null; medianDays: number | null };
}

export interface PipelineStageFigures {
  /** Deals of the pipeline created in P: the funnel's denominator. */
  created: number;
  /**
   * Of those, the deals still open now: they have not finished, so while P is still running the funnel's shares
   * (and its won step above all) will still rise as they move on.
   */
  stillOpen: number;
  stages: StageFigures[];
  /** The funnel's last step: deals created in P that were won (at any time since). */
  won: { reached: number; reachedShare: number | null };
}

export interface PipelineStageMetrics {
  pipelineId: number;
  name: string;
  current: PipelineStageFigures;
  previous: PipelineStageFigures;
}

export interface StageMetrics {
  period: Period;
  previousPeriod: Period;
  pipelines: PipelineStageMetrics[];
}

export interface StageMetricsInput {
  period: Period;
  filter?: KpiFilter;
  pipelineId?: number;
}

interface Row {
  p: number;
  pipelineId: number;
  pipelineName: string;
  stageId: number;
  stageName: string;
  kind: "OPEN" | "WON";
  created: number;
  stillOpen: number;
  entered: number;
  advanced: number;
  lost: number;
  still: number;
  skipped: number;
  reached: number;
  stays: number;
  meanDays: number | null;
  medianDays: number | null;
}

// Period indexes as SQL literals (a bound parameter in a CASE would be typed as text).
const THIS = Prisma.raw(String(CURRENT));
const BEFORE = Prisma.raw(String(PREVIOUS));

// WON ranks after every open stage; LOST before all of them, so it is never an advance.
const RANK = Prisma.sql`CASE st.kind WHEN 'WON' THEN 2147483647 WHEN 'LOST' THEN -1 ELSE st.position END`;

/**
 * One query for P and P′, per pipeline and stage, over deal_stage_fact: each stage change with what the rest of its
 * deal's history says about it (previous stage, next change, highest rank after it, final kind), kept current by
 * triggers (prisma/migrations/20261127200000_kpi_rollups). Nothing here needs a window over whole histories. The whole
 * organisation reads flow, skips and time in stage from per-day rollups of those facts (stage_entry_day, stage_jump,
 * stage_stay_day; prisma/migrations/20261128040000_stage_days): P is whole local days, so a fact is in P exactly when
 * its local day is, and an earlier entry is before P exactly when its local day is before P's first day.
 */
export async function queryStageMetrics(sql: KpiSql, viewer: Viewer, input: StageMetricsInput): Promise<StageMetrics> {
  assertViewer(viewer);
  const previous = previousPeriod(input.period);
  const wholeOrg = coversWholeOrg(viewer, input.filter);
  // P and P′ as constants, so each row finds its period with a CASE instead of a join per period, and the planner
  // knows the bounds.
  const p0 = { start: instantSql(input.period.start), end: instantSql(input.period.end) };
  const p1 = { start: instantSql(previous.start), end: instantSql(previous.end) };
  const pipeline = (column: Prisma.Sql) => (input.pipelineId === undefined ? Prisma.sql`TRUE` : Prisma.sql`${column} = ${input.pipelineId}`);
  // The same periods as local days [startDate, endDate): `at` is in P exactly when its local day is.
  const day = (date: string) => Prisma.sql`${date}::date`;
  const d0 = { start: day(input.period.startDate), end: day(input.period.endDate) };
  const d1 = { start: day(previous.startDate), end: day(previous.endDate) };
  const dayPeriod = (column: Prisma.Sql) => Prisma.sql`CASE WHEN ${column} >= ${d0.start} AND ${column} < ${d0.end} THEN ${THIS}
                  WHEN ${column} >= ${d1.start} AND ${column} < ${d1.end} THEN ${BEFORE} END`;
  const inDays = (column: Prisma.Sql) =>
    Prisma.sql`((${column} >= ${d0.start} AND ${column} < ${d0.end}) OR (${column} >= ${d1.start} AND ${column} < ${d1.end}))`;
  const stageInPipeline = (column: Prisma.Sql) =>
    input.pipelineId === undefined ? Prisma.sql`TRUE` : Prisma.sql`${column} IN (SELECT s.id FROM stage s WHERE s.pipeline_id = ${input.pipelineId})`;

  // Flow, skips and time in stage: the whole organisation's from the per-day rollups kept from deal_stage_fact
  // (prisma/migrations/20261128040000_stage_days), a team's from its deals' facts. Both give each CTE the same rows.
  const stageCtes = wholeOrg
    ? Prisma.sql`
    flow AS (
      -- A fact counts when its deal had not entered the stage before P's first day (the sentinel 0001-01-01: never).
      SELECT e.p, e.stage_id, sum(e.entered) AS entered, sum(e.advanced) AS advanced, sum(e.lost) AS lost
      FROM (
        SELECT ${dayPeriod(Prisma.sql`d.day`)} AS p,
               CASE WHEN d.day >= ${d0.start} AND d.day < ${d0.end} THEN ${d0.start} ELSE ${d1.start} END AS p_start_day,
               d.stage_id, d.prev_same_day, d.entered, d.advanced, d.lost
        FROM stage_entry_day d
        WHERE d.org_id = ${viewer.orgId} AND ${inDays(Prisma.sql`d.day`)} AND ${stageInPipeline(Prisma.sql`d.stage_id`)}
      ) e
      WHERE e.prev_same_day < e.p_start_day
      GROUP BY e.p, e.stage_id
    ),
    jumps AS MATERIALIZED (
      SELECT ${dayPeriod(Prisma.sql`j.day`)} AS p, j.deal_id, j.pipeline_id, j.from_position, j.rank
      FROM stage_jump j
      WHERE j.org_id = ${viewer.orgId} AND ${inDays(Prisma.sql`j.day`)} AND ${pipeline(Prisma.sql`j.pipeline_id`)}
    ),
    stay_days AS (
      SELECT ${dayPeriod(Prisma.sql`d.day`)} AS p, d.stage_id, d.stay_days AS days, sum(d.n) AS n
      FROM stage_stay_day d
      WHERE d.org_id = ${viewer.orgId} AND ${inDays(Prisma.sql`d.day`)} AND ${stageInPipeline(Prisma.sql`d.stage_id`)}
      GROUP BY 1, 2, 3
    ),`
    : Prisma.sql`
    facts AS MATERIALIZED (
      SELECT f.deal_id, f.stage_id, st.kind, st.position, st.pipeline_id, f.prev_stage_id, f.prev_same_at, f.stay_days, f.rank,
             f.later_rank, f.final_kind,
             CASE WHEN f.at >= ${p0.start} AND f.at < ${p0.end} THEN ${THIS}
                  WHEN f.at >= ${p1.start} AND f.at < ${p1.end} THEN ${BEFORE} END AS p_at,
             CASE WHEN f.at >= ${p0.start} AND f.at < ${p0.end} THEN ${p0.start}
                  WHEN f.at >= ${p1.start} AND f.at < ${p1.end} THEN ${p1.start} END AS p_start,
             CASE WHEN f.next_at >= ${p0.start} AND f.next_at < ${p0.end} THEN ${THIS}
                  WHEN f.next_at >= ${p1.start} AND f.next_at < ${p1.end} THEN ${BEFORE} END AS p_next
      -- A team's few thousand deals read their facts through the deal_id index, once (OFFSET 0 keeps the planner from
      -- turning the lookups into a hash join over every fact of the organisation).
      FROM deals d
      CROSS JOIN LATERAL (SELECT * FROM deal_stage_fact f WHERE f.deal_id = d.id OFFSET 0) f
      JOIN stage st ON st.id = f.stage_id
    ),
    flow AS (
      -- Each deal once per open stage: its first entry into the stage in the period (no earlier entry into it, or
      -- the earlier one was before the period).
      SELECT p_at AS p, stage_id,
             count(*) AS entered,
             count(*) FILTER (WHERE later_rank > position) AS advanced,
             count(*) FILTER (WHERE NOT coalesce(later_rank > position, false) AND final_kind = 'LOST') AS lost
      FROM facts
      WHERE p_at IS NOT NULL AND kind = 'OPEN' AND (prev_same_at IS NULL OR prev_same_at < p_start)
      GROUP BY p_at, stage_id
    ),
    next_open AS MATERIALIZED (
      -- Each open stage with the position of the open stage after it (NULL for the last): a change from it skips
      -- a stage only when it lands beyond that.
      SELECT s.id, s.position, lead(s.position) OVER (PARTITION BY s.pipeline_id ORDER BY s.position) AS next_position
      FROM stage s
      JOIN pipeline pl ON pl.id = s.pipeline_id AND pl.org_id = ${viewer.orgId}
      WHERE s.kind = 'OPEN'
    ),
    jumps AS MATERIALIZED (
      SELECT f.p_at AS p, f.deal_id, f.pipeline_id, prev.position AS from_position, f.rank
      FROM facts f
      JOIN next_open prev ON prev.id = f.prev_stage_id
      WHERE f.p_at IS NOT NULL AND f.rank > prev.next_position
    ),
    stay_days AS (
      SELECT p_next AS p, stage_id, stay_days AS days, count(*) AS n
      FROM facts
      WHERE p_next IS NOT NULL AND kind = 'OPEN'
      GROUP BY p_next, stage_id, stay_days
    ),`;

  const rows = await sql.$queryRaw<Row[]>(Prisma.sql`
    WITH periods AS (${periodsSql(input.period, previous)}),
    scoped AS (${scopedRepsSql(viewer, input.filter)}),
    deals AS (
      SELECT d.id, d.pipeline_id, d.status = 'OPEN' AS is_open,
             CASE WHEN d.created_at >= ${p0.start} AND d.created_at < ${p0.end} THEN ${THIS}
                  WHEN d.created_at >= ${p1.start} AND d.created_at < ${p1.end} THEN ${BEFORE} END AS created_p
      FROM deal d
      WHERE d.org_id = ${viewer.orgId}
        AND ${dealInScopeSql(viewer, input.filter)}
        AND ${pipeline(Prisma.sql`d.pipeline_id`)}
    ),
    ${stageCtes}
    skips AS (
      SELECT j.p, s.id AS stage_id, count(DISTINCT j.deal_id) AS skipped
      FROM jumps j
      JOIN stage s ON s.pipeline_id = j.pipeline_id AND s.kind = 'OPEN' AND s.position > j.from_position AND s.position < j.rank
      GROUP BY j.p, s.id
    ),
    ${histogramMedianSql("stays", "stay_days", ["p", "stage_id"])},
    created AS (
      -- Deals created in P (P′) by the highest rank their history reached, so the funnel joins a few rows to stages.
      SELECT d.created_p AS p, d.pipeline_id, f.max_rank, count(*) AS n, count(*) FILTER (WHERE d.is_open) AS open
      FROM deals d
      LEFT JOIN deal_stage_fact f ON f.deal_id = d.id AND f.is_last
      WHERE d.created_p IS NOT NULL
      GROUP BY d.created_p, d.pipeline_id, f.max_rank
    ),
    funnel AS (
      SELECT c.p, st.id AS stage_id, sum(c.n) FILTER (WHERE c.max_rank >= ${RANK}) AS reached
      FROM created c
      JOIN stage st ON st.pipeline_id = c.pipeline_id AND st.kind <> 'LOST'
      GROUP BY c.p, st.id
    ),
    created_counts AS (
      SELECT p, pipeline_id, sum(n) AS created, sum(open) AS still_open FROM created GROUP BY p, pipeline_id
    )
    SELECT p.p, pl.id AS "pipelineId", pl.name AS "pipelineName", st.id AS "stageId", st.name AS "stageName", st.kind::text AS kind,
           coalesce(cc.created, 0)::int AS created,
           coalesce(cc.still_open, 0)::int AS "stillOpen",
           coalesce(f.entered, 0)::int AS entered,
           coalesce(f.advanced, 0)::int AS advanced,
           coalesce(f.lost, 0)::int AS lost,
           coalesce(f.entered - f.advanced - f.lost, 0)::int AS still,
           coalesce(sk.skipped, 0)::int AS skipped,
           coalesce(fu.reached, 0)::int AS reached,
           coalesce(sy.count, 0)::int AS stays,
           sy.mean_days AS "meanDays",
           sy.median_days AS "medianDays"
    FROM periods p
    CROSS JOIN pipeline pl
    JOIN stage st ON st.pipeline_id = pl.id AND st.kind <> 'LOST'
    LEFT JOIN created_counts cc ON cc.p = p.p AND cc.pipeline_id = pl.id
    LEFT JOIN flow f ON f.p = p.p AND f.stage_id = st.id
    LEFT JOIN skips sk ON sk.p = p.p AND sk.stage_id = st.id
    LEFT JOIN funnel fu ON fu.p = p.p AND fu.stage_id = st.id
    LEFT JOIN stays sy ON sy.p = p.p AND sy.stage_id = st.id
    WHERE pl.org_id = ${viewer.orgId} AND ${pipeline(Prisma.sql`pl.id`)}
    ORDER BY pl.position, pl.id, p.p, ${RANK}`);

  return { period: input.period, previousPeriod: previous, pipelines: shapePipelines(rows) };
}

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

function pipelineFigures(rows: Row[]): PipelineStageFigures {
  const wonRow = rows.find((row) => row.kind === "WON");
  const created = rows[0]?.created ?? 0;
  return {
    created,
    stillOpen: rows[0]?.stillOpen ?? 0,
    stages: rows
      .filter((row) => row.kind === "OPEN")
      .map((row) => ({
        stageId: row.stageId,
        name: row.stageName,
        entered: row.entered,
        advanced: row.advanced,
        lost: row.lost,
        still: row.still,
        conversion: share(row.advanced, row.entered),
        skipped: row.skipped,
        reached: row.reached,
        reachedShare: share(row.reached, created),
        timeInStage: { stays: row.stays, meanDays: row.meanDays, medianDays: row.medianDays },
      })),
    won: { reached: wonRow?.reached ?? 0, reachedShare: share(wonRow?.reached ?? 0, created) },
  };
}

function shapePipelines(rows: Row[]): PipelineStageMetrics[] {
  const byPipeline = new Map<number, Row[]>();
  for (const row of rows) byPipeline.set(row.pipelineId, [...(byPipeline.get(row.pipelineId) ?? []), row]);
  return [...byPipeline.entries()].map(([pipelineId, list]) => ({
    pipelineId,
    name: list[0]?.pipelineName ?? "",
    current: pipelineFigures(list.filter((row) => row.p === CURRENT)),
    previous: pipelineFigures(list.filter((row) => row.p !== CURRENT)),
  }));
}
