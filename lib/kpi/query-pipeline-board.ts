import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import type { KpiSql, Money } from "./kpi-sql";
import type { KpiFilter } from "./kpi-filter";
import { DEAL_FLAGS, flaggedDealsSql, type DealFlag } from "./qualification-sql";

export type ForecastCategory = "PIPELINE" | "BEST_CASE" | "COMMIT" | "OMITTED";

/** One open deal on the board or in the table. */
export interface BoardDeal {
  dealId: number;
  name: string;
  repId: number;
  repName: string;
  stageId: number;
  amount: Money | null;
  forecastCategory: ForecastCategory;
  nextStep: string | null;
  /** Local date "YYYY-MM-DD". */
  expectedCloseAt: string | null;
  daysInStage: number;
  daysSinceActivity: number;
  flags: DealFlag[];
}

export interface BoardTotal {
  count: number;
  amount: Money;
}

export interface PipelineBoard {
  at: Date;
  /** Open deals that pass the filters, and their value; per stage (every stage with such deals) and in all. */
  total: BoardTotal;
  stages: Map<number, BoardTotal>;
  /** Board: the first `perStage` deals of each stage. Table: one page of every stage's deals. */
  deals: BoardDeal[];
}

export interface PipelineBoardInput {
  /** The instant D: the pipeline as it stood (now, for the weekly meeting). */
  at: Date;
  pipelineId: number;
  filter?: KpiFilter;
  flag?: DealFlag;
  forecastCategory?: ForecastCategory;
  stageId?: number;
  /** Board: deals per stage. Table: a page of `limit` deals from `offset`. */
  rows: { perStage: number } | { offset: number; limit: number };
}

const FLAG_COLUMN: Record<DealFlag, string> = {
  MISQUALIFIED: "misqualified",
  STALE: "stale",
  PAST_CLOSE_DATE: "past_close_date",
  NO_NEXT_STEP: "no_next_step",
  NO_AMOUNT: "no_amount",
  STUCK: "stuck",
  SKIPPED_STAGE: "skipped_stage",
};

interface Row {
  totals: Array<{ stageId: number | null; count: number; amount: string }>;
  deals: Array<Omit<BoardDeal, "flags"> & { flags: boolean[] }>;
}

/**
 * The open deals of one pipeline at D that the viewer may see, with their KPI.md flags, narrowed by rep, team, flag,
 * forecast category and stage; ordered as the meeting walks them (most flags first, then the largest amount). One
 * query: the per-stage totals and the rows come from the same flagged set.
 */
export async function queryPipelineBoard(sql: KpiSql, viewer: Viewer, input: PipelineBoardInput): Promise<PipelineBoard> {
  assertViewer(viewer);
  const flag = input.flag === undefined ? Prisma.sql`TRUE` : Prisma.raw(`f.${FLAG_COLUMN[input.flag]}`);
  const forecast = input.forecastCategory === undefined ? Prisma.sql`TRUE` : Prisma.sql`f.forecast_category::text = ${input.forecastCategory}`;
  const stage = input.stageId === undefined ? Prisma.sql`TRUE` : Prisma.sql`f.stage_id = ${input.stageId}`;
  const window =
    "perStage" in input.rows
      ? Prisma.sql`r.stage_rank <= ${input.rows.perStage}`
      : Prisma.sql`r.overall_rank > ${input.rows.offset} AND r.overall_rank <= ${input.rows.offset + input.rows.limit}`;
  const flagArray = Prisma.raw(`ARRAY[${DEAL_FLAGS.map((name) => `r.${FLAG_COLUMN[name]}`).join(", ")}]`);
  const flagCount = Prisma.raw(DEAL_FLAGS.map((name) => `f.${FLAG_COLUMN[name]}::int`).join(" + "));
  const [row] = await sql.$queryRaw<Row[]>(Prisma.sql`
    WITH ${await flaggedDealsSql(sql, viewer, { at: input.at, filter: input.filter, pipelineId: input.pipelineId })},
    picked AS (
      SELECT f.*, ${flagCount} AS flag_count FROM flagged f
      WHERE f.rep_id IN (SELECT id FROM scoped WHERE visible) AND ${flag} AND ${forecast} AND ${stage}
    ),
    ranked AS (
      SELECT p.*,
             row_number() OVER (PARTITION BY p.stage_id ORDER BY p.flag_count DESC, p.amount DESC NULLS LAST, p.id) AS stage_rank,
             row_number() OVER (ORDER BY p.flag_count DESC, p.amount DESC NULLS LAST, p.id) AS overall_rank
      FROM picked p
    ),
    totals AS (
      SELECT CASE WHEN GROUPING(stage_id) = 1 THEN NULL ELSE stage_id END AS stage_id, count(*)::int AS count,
             coalesce(sum(amount), 0)::numeric(20, 2)::text AS amount
      FROM picked GROUP BY GROUPING SETS ((), (stage_id))
    )
    SELECT
      (SELECT coalesce(json_agg(json_build_object('stageId', t.stage_id, 'count', t.count, 'amount', t.amount)), '[]') FROM totals t) AS totals,
      (SELECT coalesce(json_agg(json_build_object(
          'dealId', r.id, 'name', r.name, 'repId', r.rep_id, 'repName', rep.name, 'stageId', r.stage_id,
          'amount', r.amount::numeric(20, 2)::text, 'forecastCategory', r.forecast_category, 'nextStep', r.next_step,
          'expectedCloseAt', to_char(r.expected_close_at, 'YYYY-MM-DD'), 'daysInStage', r.days_in_stage,
          'daysSinceActivity', r.days_since_activity, 'flags', ${flagArray}) ORDER BY r.overall_rank), '[]')
        FROM ranked r JOIN rep ON rep.id = r.rep_id WHERE ${window}) AS deals`);
  const totals = row?.totals ?? [];
  const overall = totals.find((total) => total.stageId === null);
  return {
    at: input.at,
    total: { count: overall?.count ?? 0, amount: overall?.amount ?? "0.00" },
    stages: new Map(totals.filter((total) => total.stageId !== null).map((total) => [total.stageId!, { count: total.count, amount: total.amount }])),
    deals: (row?.deals ?? []).map((deal) => ({ ...deal, flags: DEAL_FLAGS.filter((_, index) => deal.flags[index] === true) })),
  };
}
