import { Prisma, type ActivityType } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { repInScopeSql, scopedRepsSql, type KpiFilter } from "./kpi-filter";
import type { KpiSql } from "./kpi-sql";
import { previousPeriod, workingDays, type LocalDate, type Period } from "./period";
import { CURRENT, PREVIOUS, periodsSql, wholeMonthsAndEdgeDaysSql, type NumberedSpan } from "./periods-sql";

export const ACTIVITY_TYPES: readonly ActivityType[] = ["CALL", "EMAIL", "SOCIAL", "MEETING"];

export interface ActivityCount {
  count: number;
  responded: number;
  /** responded ÷ count */
  responseRate: number | null;
  /** count ÷ working days (Mon–Fri) of P */
  perWorkingDay: number | null;
}

/** KPI.md activity count, per working day and response rate in P, overall and by type, for the rep who did them. */
export interface ActivityFigures extends ActivityCount {
  byType: Record<ActivityType, ActivityCount>;
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
 * The activity rows (p, rep_id, type, count, responded) of P and P′: each period's whole months from activity_month
 * and only its edge days from activity_day, every piece one range of the (org_id, month|day) index, or of the
 * (rep_id, …) key for a team. A year reads 12 rows per rep and type instead of 365.
 */
function activityRowsSql(viewer: Viewer, inScope: Prisma.Sql, spans: readonly NumberedSpan[]): Prisma.Sql {
  const read = (table: "activity_month" | "activity_day", column: "month" | "day") => (span: NumberedSpan, from: LocalDate, to: LocalDate) =>
    Prisma.sql`SELECT ${span.p}::int AS p, a.rep_id, a.type, a.count, a.responded FROM ${Prisma.raw(table)} a
      WHERE a.org_id = ${viewer.orgId} AND ${inScope} AND a.${Prisma.raw(column)} >= ${from}::date AND a.${Prisma.raw(column)} < ${to}::date`;
  return wholeMonthsAndEdgeDaysSql(spans, { months: read("activity_month", "month"), days: read("activity_day", "day") });
}

/**
 * One aggregate query for P and P′: counts per (rep, type), per rep, per type and for the scope. It sums
 * activity_month and activity_day (activities per rep, local month or day and type, kept current by triggers): P and
 * P′ are whole local days of the organisation's time zone, the same zone the rollups' days are taken in.
 */
export async function queryActivityMetrics(sql: KpiSql, viewer: Viewer, input: ActivityMetricsInput): Promise<ActivityMetrics> {
  assertViewer(viewer);
  const previous = previousPeriod(input.period);
  // For a team, an array of rep ids makes the planner read only its reps from the (rep_id, month|day, type) keys.
  const inScope = repInScopeSql(viewer, input.filter, Prisma.sql`a.rep_id`);
  const rows = await sql.$queryRaw<Row[]>(Prisma.sql`
    WITH periods AS (${periodsSql(input.period, previous)}),
    scoped AS (${scopedRepsSql(viewer, input.filter)}),
    agg AS (
      SELECT a.p, a.rep_id, a.type, GROUPING(a.rep_id) AS is_total,
             sum(a.count) AS count, sum(a.responded) AS responded
      FROM (${activityRowsSql(viewer, inScope, [
        { p: CURRENT, ...input.period },
        { p: PREVIOUS, ...previous },
      ])}) a
      GROUP BY GROUPING SETS ((a.p, a.type), (a.p, a.rep_id, a.type))
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
    const workdays = p === CURRENT ? days[CURRENT] : days[PREVIOUS];
    const countOf = (rows: Row[]): ActivityCount => {
      const count = rows.reduce((sum, row) => sum + row.count, 0);
      const responded = rows.reduce((sum, row) => sum + row.responded, 0);
      return { count, responded, responseRate: count === 0 ? null : responded / count, perWorkingDay: workdays === 0 ? null : count / workdays };
    };
    return {
      ...countOf(inPeriod),
      byType: Object.fromEntries(ACTIVITY_TYPES.map((type) => [type, countOf(inPeriod.filter((row) => row.type === type))])) as Record<
        ActivityType,
        ActivityCount
      >,
    };
  };
  const pair = (list: Row[]) => ({ current: figures(list, CURRENT), previous: figures(list, PREVIOUS) });

  const byRep = new Map<number, Row[]>();
  for (const row of rows) if (row.repId !== null) byRep.set(row.repId, [...(byRep.get(row.repId) ?? []), row]);
  const reps = [...byRep.entries()].map(([repId, list]) => ({ repId, name: list[0]?.name ?? "", teamId: list[0]?.teamId ?? null, ...pair(list) }));
  reps.sort((a, b) => a.name.localeCompare(b.name) || a.repId - b.repId);
  return { period: input.period, previousPeriod: previous, total: pair(rows.filter((row) => row.repId === null)), reps };
}
