import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { scopedRepsSql, type KpiFilter } from "./kpi-filter";
import type { KpiSql } from "./kpi-sql";
import { previousPeriod, type Period } from "./period";
import { CURRENT, periodsSql } from "./periods-sql";

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

// WON ranks after every open stage; LOST before all of them, so it is never an advance.
const RANK = Prisma.sql`CASE st.kind WHEN 'WON' THEN 2147483647 WHEN 'LOST' THEN -1 ELSE st.position END`;

/** One query over deal_stage_change (window functions over each deal's history) for P and P′, per pipeline and stage. */
export async function queryStageMetrics(sql: KpiSql, viewer: Viewer, input: StageMetricsInput): Promise<StageMetrics> {
  assertViewer(viewer);
  const previous = previousPeriod(input.period);
  const pipeline = (column: Prisma.Sql) => (input.pipelineId === undefined ? Prisma.sql`TRUE` : Prisma.sql`${column} = ${input.pipelineId}`);

  const rows = await sql.$queryRaw<Row[]>(Prisma.sql`
    WITH org AS (SELECT time_zone AS tz FROM organization WHERE id = ${viewer.orgId}),
    periods AS (${periodsSql(input.period, previous)}),
    scoped AS (${scopedRepsSql(viewer, input.filter)}),
    deals AS (
      SELECT d.id, d.pipeline_id, d.created_at
      FROM deal d
      WHERE d.org_id = ${viewer.orgId}
        AND coalesce(d.closed_owner_id, d.owner_id) IN (SELECT id FROM scoped)
        AND ${pipeline(Prisma.sql`d.pipeline_id`)}
    ),
    history AS (
      SELECT c.deal_id, c.id, c.at, c.to_stage_id AS stage_id, st.kind, st.position, d.pipeline_id,
             ${RANK} AS rank,
             lag(c.to_stage_id) OVER w AS prev_stage_id,
             lead(c.at) OVER w AS next_at,
             max(${RANK}) OVER (w ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS later_rank,
             last_value(st.kind) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS final_kind
      FROM deal_stage_change c
      JOIN deals d ON d.id = c.deal_id
      JOIN stage st ON st.id = c.to_stage_id
      WINDOW w AS (PARTITION BY c.deal_id ORDER BY c.at, c.id)
    ),
    first_entries AS (
      SELECT DISTINCT ON (p.p, h.deal_id, h.stage_id) p.p, h.stage_id, h.position, h.later_rank, h.final_kind
      FROM history h
      JOIN periods p ON h.at >= p.start_at AND h.at < p.end_at
      WHERE h.kind = 'OPEN'
      ORDER BY p.p, h.deal_id, h.stage_id, h.at, h.id
    ),
    flow AS (
      SELECT p, stage_id,
             count(*) AS entered,
             count(*) FILTER (WHERE later_rank > position) AS advanced,
             count(*) FILTER (WHERE NOT coalesce(later_rank > position, false) AND final_kind = 'LOST') AS lost
      FROM first_entries
      GROUP BY p, stage_id
    ),
    skips AS (
      SELECT p.p, s.id AS stage_id, count(DISTINCT h.deal_id) AS skipped
      FROM history h
      JOIN periods p ON h.at >= p.start_at AND h.at < p.end_at
      JOIN stage prev ON prev.id = h.prev_stage_id AND prev.kind = 'OPEN'
      JOIN stage s ON s.pipeline_id = h.pipeline_id AND s.kind = 'OPEN' AND s.position > prev.position AND s.position < h.rank
      GROUP BY p.p, s.id
    ),
    stays AS (
      SELECT p.p, h.stage_id,
             count(*) AS stays,
             round(avg((h.next_at AT TIME ZONE org.tz)::date - (h.at AT TIME ZONE org.tz)::date), 2)::float8 AS mean_days,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY (h.next_at AT TIME ZONE org.tz)::date - (h.at AT TIME ZONE org.tz)::date) AS median_days
      FROM history h
      CROSS JOIN org
      JOIN periods p ON h.next_at >= p.start_at AND h.next_at < p.end_at
      WHERE h.kind = 'OPEN'
      GROUP BY p.p, h.stage_id
    ),
    furthest AS (
      SELECT deal_id, max(rank) AS max_rank FROM history GROUP BY deal_id
    ),
    created AS (
      SELECT p.p, d.id, d.pipeline_id, r.max_rank
      FROM deals d
      JOIN periods p ON d.created_at >= p.start_at AND d.created_at < p.end_at
      LEFT JOIN furthest r ON r.deal_id = d.id
    ),
    funnel AS (
      SELECT c.p, st.id AS stage_id, count(*) FILTER (WHERE c.max_rank >= ${RANK}) AS reached
      FROM created c
      JOIN stage st ON st.pipeline_id = c.pipeline_id AND st.kind <> 'LOST'
      GROUP BY c.p, st.id
    ),
    created_counts AS (
      SELECT p, pipeline_id, count(*) AS created FROM created GROUP BY p, pipeline_id
    )
    SELECT p.p, pl.id AS "pipelineId", pl.name AS "pipelineName", st.id AS "stageId", st.name AS "stageName", st.kind::text AS kind,
           coalesce(cc.created, 0)::int AS created,
           coalesce(f.entered, 0)::int AS entered,
           coalesce(f.advanced, 0)::int AS advanced,
           coalesce(f.lost, 0)::int AS lost,
           coalesce(f.entered - f.advanced - f.lost, 0)::int AS still,
           coalesce(sk.skipped, 0)::int AS skipped,
           coalesce(fu.reached, 0)::int AS reached,
           coalesce(sy.stays, 0)::int AS stays,
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
