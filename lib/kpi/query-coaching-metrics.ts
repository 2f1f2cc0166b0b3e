import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { scopedRepsSql, type KpiFilter } from "./kpi-filter";
import type { KpiSql } from "./kpi-sql";
import { monthBuckets, type Period } from "./period";

export interface CoachingMonth {
  /** "YYYY-MM" */
  month: string;
  minutes: number;
}

/** KPI.md coaching hours and commitments kept for one rep in P. */
export interface CoachingFigures {
  /** Σ session minutes per calendar month of P (org time zone), every month listed. */
  months: CoachingMonth[];
  /** Months whose minutes reach the organisation's target (3 hours by default). */
  monthsAtTarget: number;
  /** Mean hours per month of P. */
  meanHoursPerMonth: number;
  kept: number;
  missed: number;
  /** kept ÷ (kept + missed), among commitments due in P */
  commitmentsKept: number | null;
}

export interface CoachingMetricsRep extends CoachingFigures {
  repId: number;
  name: string;
  teamId: number | null;
}

export interface CoachingMetrics {
  period: Period;
  targetMinutes: number;
  /** Minutes summed over the scope's reps per month; months at target count rep-months. */
  total: CoachingFigures;
  reps: CoachingMetricsRep[];
}

export interface CoachingMetricsInput {
  period: Period;
  filter?: KpiFilter;
}

interface Row {
  repId: number | null;
  name: string | null;
  teamId: number | null;
  visible: boolean;
  month: string | null;
  minutes: number;
  kept: number;
  missed: number;
  target: number;
}

/** One query: coaching minutes per rep per month of P, and commitments due in P by status. */
export async function queryCoachingMetrics(sql: KpiSql, viewer: Viewer, input: CoachingMetricsInput): Promise<CoachingMetrics> {
  assertViewer(viewer);
  const buckets = monthBuckets(input.period);
  const values = Prisma.join(
    buckets.map((b) => Prisma.sql`(${b.month}::text, ${b.start.toISOString()}::timestamptz, ${b.end.toISOString()}::timestamptz)`),
  );
  const rows = await sql.$queryRaw<Row[]>(Prisma.sql`
    WITH months AS (SELECT * FROM (VALUES ${values}) AS v (month, start_at, end_at)),
    scoped AS (${scopedRepsSql(viewer, input.filter)}),
    target AS (SELECT coaching_target_minutes AS minutes FROM organization WHERE id = ${viewer.orgId}),
    sessions AS (
      SELECT c.rep_id, m.month, sum(c.minutes) AS minutes
      FROM months m
      JOIN coaching_session c ON c.at >= m.start_at AND c.at < m.end_at
      WHERE c.rep_id IN (SELECT id FROM scoped)
      GROUP BY c.rep_id, m.month
    ),
    commitments AS (
      SELECT c.rep_id,
             count(*) FILTER (WHERE c.status = 'KEPT') AS kept,
             count(*) FILTER (WHERE c.status = 'MISSED') AS missed
      FROM commitment c
      WHERE c.rep_id IN (SELECT id FROM scoped)
        AND c.due_at >= ${input.period.startDate}::date AND c.due_at < ${input.period.endDate}::date
      GROUP BY c.rep_id
    )
    SELECT s.id AS "repId", s.name, s.team_id AS "teamId", s.visible, se.month,
           coalesce(se.minutes, 0)::int AS minutes,
           coalesce(co.kept, 0)::int AS kept,
           coalesce(co.missed, 0)::int AS missed,
           (SELECT minutes FROM target) AS target
    FROM scoped s
    LEFT JOIN sessions se ON se.rep_id = s.id
    LEFT JOIN commitments co ON co.rep_id = s.id
    UNION ALL
    SELECT NULL, NULL, NULL, false, NULL, 0, 0, 0, (SELECT minutes FROM target)`);

  const targetMinutes = rows[0]?.target ?? 0;
  const figures = (repMonths: Map<string, number>[], kept: number, missed: number): CoachingFigures => {
    const months = buckets.map((b) => ({ month: b.month, minutes: repMonths.reduce((sum, m) => sum + (m.get(b.month) ?? 0), 0) }));
    const monthsAtTarget = repMonths.reduce((sum, m) => sum + buckets.filter((b) => (m.get(b.month) ?? 0) >= targetMinutes).length, 0);
    const minutes = months.reduce((sum, m) => sum + m.minutes, 0);
    return {
      months,
      monthsAtTarget,
      meanHoursPerMonth: minutes / 60 / buckets.length / Math.max(repMonths.length, 1),
      kept,
      missed,
      commitmentsKept: kept + missed === 0 ? null : kept / (kept + missed),
    };
  };

  const byRep = new Map<number, { rep: Row; months: Map<string, number> }>();
  for (const row of rows) {
    if (row.repId === null) continue;
    const entry = byRep.get(row.repId) ?? { rep: row, months: new Map<string, number>() };
    if (row.month !== null) entry.months.set(row.month, row.minutes);
    byRep.set(row.repId, entry);
  }
  const all = [...byRep.values()];
  const total = figures(
    all.map((entry) => entry.months),
    all.reduce((sum, entry) => sum + entry.rep.kept, 0),
    all.reduce((sum, entry) => sum + entry.rep.missed, 0),
  );
  const reps = all
    .filter((entry) => entry.rep.visible)
    .map(({ rep, months }) => ({ repId: rep.repId!, name: rep.name ?? "", teamId: rep.teamId, ...figures([months], rep.kept, rep.missed) }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.repId - b.repId);
  return { period: input.period, targetMinutes, total, reps };
}
