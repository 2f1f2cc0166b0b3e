import { Prisma, type ActivityType } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { coversWholeOrg, scopedRepsSql, type KpiFilter } from "./kpi-filter";
import type { KpiSql } from "./kpi-sql";
import { previousPeriod, workingDays, type Period } from "./period";
import { CURRENT, PREVIOUS, periodsSql } from "./periods-sql";

export const ACTIVITY_TYPES: readonly ActivityType[] = ["CALL", "EMAIL", "SOCIAL", "MEETING"];

export interface ActivityCount {
  count: number;
  responded: number;
  /** responded ÷ count */
  responseRate: number | null;
}

/** KPI.md activity count and response rate in P, overall and by type, for the rep who did them. */
export interface ActivityFigures extends ActivityCount {
  byType: Record<ActivityType, ActivityCount>;
  /** count ÷ working days (Mon–Fri) of P */
  perWorkingDay: number | null;
}

export interface ActivityMetricsRep {
  repId: number;
  name: string;
  teamId: number | null;
  current: ActivityFigures;
  previous: ActivityFigures;
}

export interface ActivityMetrics {
  period: Period;
  previousPeriod: Period;
  total: { current: ActivityFigures; previous: ActivityFigures };
  reps: ActivityMetricsRep[];
}

export interface ActivityMetricsInput {
  period: Period;
  filter?: KpiFilter;
}

interface Row {
  p: number;
  repId: number | null;
  name: string | null;
  teamId: number | null;
  type: ActivityType | null;
  count: number;
  responded: number;
}

/**
 * One aggregate query for P and P′: counts per (rep, type), per rep, per type and for the scope. It sums
 * activity_day (activities per rep, local day and type, kept current by triggers on activity): P and P′ are whole
 * local days of the organisation's time zone, the same zone the rollup's days are taken in.
 */
export async function queryActivityMetrics(sql: KpiSql, viewer: Viewer, input: ActivityMetricsInput): Promise<ActivityMetrics> {
  assertViewer(viewer);
  const previous = previousPeriod(input.period);
  // For a team, an array of rep ids makes the planner read only its reps from the (rep_id, day, type) key.
  const inScope = coversWholeOrg(viewer, input.filter) ? Prisma.sql`TRUE` : Prisma.sql`a.rep_id = ANY (ARRAY(SELECT id FROM scoped))`;
  const rows = await sql.$queryRaw<Row[]>(Prisma.sql`
    WITH periods AS (${periodsSql(input.period, previous)}),
    scoped AS (${scopedRepsSql(viewer, input.filter)}),
    agg AS (
      SELECT p.p, a.rep_id, a.type, GROUPING(a.rep_id) AS is_total,
             sum(a.count) AS count, sum(a.responded) AS responded
      FROM periods p
      JOIN activity_day a ON ${inScope} AND a.day >= p.start_day AND a.day < p.end_day
      WHERE a.org_id = ${viewer.orgId}
      GROUP BY GROUPING SETS ((p.p, a.type), (p.p, a.rep_id, a.type))
    )
    SELECT a.p, NULL::int AS "repId", NULL::text AS name, NULL::int AS "teamId", a.type::text AS type,
           a.count::int AS count, a.responded::int AS responded
    FROM agg a
    WHERE a.is_total = 1
    UNION ALL
    SELECT p.p, s.id, s.name, s.team_id, a.type::text, coalesce(a.count, 0)::int, coalesce(a.responded, 0)::int
    FROM scoped s
    CROSS JOIN periods p
    LEFT JOIN agg a ON a.is_total = 0 AND a.rep_id = s.id AND a.p = p.p
    WHERE s.visible`);

  const days = { [CURRENT]: workingDays(input.period), [PREVIOUS]: workingDays(previous) };
  const figures = (list: Row[], p: number): ActivityFigures => {
    const inPeriod = list.filter((row) => row.p === p && row.type !== null);
    const countOf = (rows: Row[]): ActivityCount => {
      const count = rows.reduce((sum, row) => sum + row.count, 0);
      const responded = rows.reduce((sum, row) => sum + row.responded, 0);
      return { count, responded, responseRate: count === 0 ? null : responded / count };
    };
    const all = countOf(inPeriod);
    const workdays = p === CURRENT ? days[CURRENT] : days[PREVIOUS];
    return {
      ...all,
      byType: Object.fromEntries(ACTIVITY_TYPES.map((type) => [type, countOf(inPeriod.filter((row) => row.type === type))])) as Record<
        ActivityType,
        ActivityCount
      >,
      perWorkingDay: workdays === 0 ? null : all.count / workdays,
    };
  };
  const pair = (list: Row[]) => ({ current: figures(list, CURRENT), previous: figures(list, PREVIOUS) });

  const byRep = new Map<number, Row[]>();
  for (const row of rows) if (row.repId !== null) byRep.set(row.repId, [...(byRep.get(row.repId) ?? []), row]);
  const reps = [...byRep.entries()].map(([repId, list]) => ({ repId, name: list[0]?.name ?? "", teamId: list[0]?.teamId ?? null, ...pair(list) }));
  reps.sort((a, b) => a.name.localeCompare(b.name) || a.repId - b.repId);
  return { period: input.period, previousPeriod: previous, total: pair(rows.filter((row) => row.repId === null)), reps };
}
