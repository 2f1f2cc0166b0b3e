import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import type { KpiSql } from "./kpi-sql";
import { DEAL_FLAGS, flaggedDealsSql, type DealFlag, type QualificationInput } from "./qualification-sql";

/** KPI.md compliance at D and the count of open deals carrying each flag. */
export interface QualificationFigures {
  openDeals: number;
  qualified: number;
  /** qualified ÷ open deals */
  compliance: number | null;
  flags: Record<DealFlag, number>;
}

export interface QualificationRep extends QualificationFigures {
  repId: number;
  name: string;
  teamId: number | null;
}

export interface Qualification {
  at: Date;
  total: QualificationFigures;
  reps: QualificationRep[];
}

interface Row {
  repId: number | null;
  name: string | null;
  teamId: number | null;
  openDeals: number;
  misqualified: number;
  stale: number;
  pastCloseDate: number;
  noNextStep: number;
  noAmount: number;
  stuck: number;
  skippedStage: number;
}

/** One query: flags per open deal at D, counted per rep (every visible rep listed) and for the scope. */
export async function queryQualification(sql: KpiSql, viewer: Viewer, input: QualificationInput): Promise<Qualification> {
  assertViewer(viewer);
  const rows = await sql.$queryRaw<Row[]>(Prisma.sql`
    WITH ${await flaggedDealsSql(sql, viewer, input)},
    agg AS (
      SELECT rep_id, GROUPING(rep_id) AS is_total, count(*) AS open_deals,
             count(*) FILTER (WHERE misqualified) AS misqualified, count(*) FILTER (WHERE stale) AS stale,
             count(*) FILTER (WHERE past_close_date) AS past_close_date, count(*) FILTER (WHERE no_next_step) AS no_next_step,
             count(*) FILTER (WHERE no_amount) AS no_amount, count(*) FILTER (WHERE stuck) AS stuck,
             count(*) FILTER (WHERE skipped_stage) AS skipped_stage
      FROM flagged
      GROUP BY GROUPING SETS ((), (rep_id))
    ),
    cells AS (
      SELECT NULL::int AS rep_id, NULL::text AS name, NULL::int AS team_id, a.open_deals, a.misqualified, a.stale, a.past_close_date, a.no_next_step, a.no_amount, a.stuck, a.skipped_stage FROM (SELECT 1) one LEFT JOIN agg a ON a.is_total = 1
      UNION ALL
      SELECT s.id, s.name, s.team_id, a.open_deals, a.misqualified, a.stale, a.past_close_date, a.no_next_step, a.no_amount, a.stuck, a.skipped_stage FROM scoped s LEFT JOIN agg a ON a.is_total = 0 AND a.rep_id = s.id WHERE s.visible
    )
    SELECT rep_id AS "repId", name, team_id AS "teamId",
           coalesce(open_deals, 0)::int AS "openDeals", coalesce(misqualified, 0)::int AS misqualified, coalesce(stale, 0)::int AS stale,
           coalesce(past_close_date, 0)::int AS "pastCloseDate", coalesce(no_next_step, 0)::int AS "noNextStep",
           coalesce(no_amount, 0)::int AS "noAmount", coalesce(stuck, 0)::int AS stuck, coalesce(skipped_stage, 0)::int AS "skippedStage"
    FROM cells`);
  const figures = (row: Row): QualificationFigures => {
    const qualified = row.openDeals - row.misqualified;
    const counts = [row.misqualified, row.stale, row.pastCloseDate, row.noNextStep, row.noAmount, row.stuck, row.skippedStage];
    return {
      openDeals: row.openDeals,
      qualified,
      compliance: row.openDeals === 0 ? null : qualified / row.openDeals,
      flags: Object.fromEntries(DEAL_FLAGS.map((flag, i) => [flag, counts[i] ?? 0])) as Record<DealFlag, number>,
    };
  };
  const totalRow = rows.find((row) => row.repId === null);
  if (!totalRow) throw new Error("Qualification: the scope total is missing from the query result");
  const reps = rows
    .filter((row) => row.repId !== null)
    .map((row) => ({ repId: row.repId!, name: row.name ?? "", teamId: row.teamId, ...figures(row) }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.repId - b.repId);
  return { at: input.at, total: figures(totalRow), reps };
}
