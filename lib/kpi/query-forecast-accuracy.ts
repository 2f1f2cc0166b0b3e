import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { dealInScopeSql, scopedRepsSql, type KpiFilter } from "./kpi-filter";
import type { KpiSql, Money } from "./kpi-sql";
import { addDays, startOfLocalDate, daysBetweenDates, type Period } from "./period";

/** KPI.md forecast accuracy for one calendar month M. */
export interface ForecastMonth {
  /** "YYYY-MM" */
  month: string;
  /** Whether a snapshot was taken before M began; without one there is no forecast. */
  hasSnapshot: boolean;
  /** Σ over the reps of their COMMIT for M in their last snapshot before M began; null without any snapshot before M. */
  forecast: Money | null;
  /** Closed-won revenue in M. */
  actual: Money;
  /** max(0, 1 − |actual − forecast| ÷ actual); null when actual is 0 or there is no forecast. */
  accuracy: number | null;
}

export interface ForecastFigures {
  months: ForecastMonth[];
  /** Mean of the months' accuracies that are defined. */
  meanAccuracy: number | null;
  /** Σ forecast − Σ actual over the months that have a forecast; null when none has. */
  bias: Money | null;
}

export interface ForecastAccuracyRep extends ForecastFigures {
  repId: number;
  name: string;
  teamId: number | null;
}

export interface ForecastAccuracy {
  period: Period;
  total: ForecastFigures;
  reps: ForecastAccuracyRep[];
}

export interface ForecastAccuracyInput {
  /** Every calendar month the period touches is measured whole. */
  period: Period;
  filter?: KpiFilter;
}

interface Row {
  repId: number | null;
  name: string | null;
  teamId: number | null;
  month: string;
  hasSnapshot: boolean;
  forecast: string | null;
  actual: string;
  accuracy: number | null;
}

/** The whole calendar months (local dates) a period touches. */
export function forecastMonths(period: Period): { month: string; startDate: string; endDate: string }[] {
  const months: { month: string; startDate: string; endDate: string }[] = [];
  let start = period.startDate.slice(0, 8) + "01";
  while (daysBetweenDates(start, period.endDate) > 0) {
    const next = addDays(start, 40).slice(0, 8) + "01";
    months.push({ month: start.slice(0, 7), startDate: start, endDate: next });
    start = next;
  }
  return months;
}

/** One query: per month and rep, the last snapshot before the month with the rep's COMMIT; won revenue; per rep and for the scope. */
export async function queryForecastAccuracy(sql: KpiSql, viewer: Viewer, input: ForecastAccuracyInput): Promise<ForecastAccuracy> {
  assertViewer(viewer);
  const tz = input.period.timeZone;
  const values = Prisma.join(
    forecastMonths(input.period).map(
      (m) =>
        Prisma.sql`(${m.month}::text, ${m.startDate}::date, ${startOfLocalDate(m.startDate, tz).toISOString()}::timestamptz, ${startOfLocalDate(m.endDate, tz).toISOString()}::timestamptz)`,
    ),
  );
  const rows = await sql.$queryRaw<Row[]>(Prisma.sql`
    WITH months AS (SELECT * FROM (VALUES ${values}) AS v (month, first_day, start_at, end_at)),
    scoped AS (${scopedRepsSql(viewer, input.filter)}),
    snap AS (
      SELECT m.month, m.first_day, m.start_at,
             EXISTS (SELECT 1 FROM forecast_snapshot s WHERE s.org_id = ${viewer.orgId} AND s.taken_at < m.start_at) AS has_snapshot
      FROM months m
    ),
    -- Per rep and month: the COMMIT line of the last snapshot taken before the month began that has one for the rep.
    -- A meeting's snapshot forecasts its own team only, so the other reps keep the forecast of their own last snapshot.
    -- Through the (rep_id, month, category) index: a handful of lines per rep and month, one per snapshot covering it.
    fc AS (
      SELECT sn.month, r.id AS rep_id, GROUPING(r.id) AS is_total, sum(latest.amount) AS amount
      FROM snap sn
      CROSS JOIN scoped r
      CROSS JOIN LATERAL (
        SELECT l.amount FROM forecast_line l JOIN forecast_snapshot s ON s.id = l.snapshot_id
        WHERE l.rep_id = r.id AND l.month = sn.first_day AND l.category = 'COMMIT' AND s.taken_at < sn.start_at
        ORDER BY s.taken_at DESC, s.id DESC
        LIMIT 1
      ) latest
      WHERE sn.has_snapshot
      GROUP BY GROUPING SETS ((sn.month), (sn.month, r.id))
    ),
    won AS (
      SELECT m.month, coalesce(d.closed_owner_id, d.owner_id) AS rep_id, GROUPING(coalesce(d.closed_owner_id, d.owner_id)) AS is_total,
             sum(d.amount) AS amount
      FROM months m
      JOIN deal d ON d.org_id = ${viewer.orgId} AND d.status = 'WON' AND d.closed_at >= m.start_at AND d.closed_at < m.end_at
      WHERE ${dealInScopeSql(viewer, input.filter)}
      GROUP BY GROUPING SETS ((m.month), (m.month, coalesce(d.closed_owner_id, d.owner_id)))
    ),
    cells AS (
      SELECT NULL::int AS rep_id, NULL::text AS name, NULL::int AS team_id, sn.month, sn.has_snapshot,
             CASE WHEN sn.has_snapshot THEN coalesce(f.amount, 0) END AS forecast, coalesce(w.amount, 0) AS actual
      FROM snap sn
      LEFT JOIN fc f ON f.is_total = 1 AND f.month = sn.month
      LEFT JOIN won w ON w.is_total = 1 AND w.month = sn.month
      UNION ALL
      SELECT s.id, s.name, s.team_id, sn.month, sn.has_snapshot,
             CASE WHEN sn.has_snapshot THEN coalesce(f.amount, 0) END, coalesce(w.amount, 0)
      FROM scoped s
      CROSS JOIN snap sn
      LEFT JOIN fc f ON f.is_total = 0 AND f.rep_id = s.id AND f.month = sn.month
      LEFT JOIN won w ON w.is_total = 0 AND w.rep_id = s.id AND w.month = sn.month
      WHERE s.visible
    )
    SELECT rep_id AS "repId", name, team_id AS "teamId", month, has_snapshot AS "hasSnapshot",
           forecast::numeric(20, 2)::text AS forecast, actual::numeric(20, 2)::text AS actual,
           CASE WHEN forecast IS NULL OR actual = 0 THEN NULL
                -- (actual − |actual − forecast|) ÷ actual: one division of exact decimals, no cancellation near 0.
                ELSE greatest(0, (actual - abs(actual - forecast)) / actual)::float8 END AS accuracy
    FROM cells
    ORDER BY rep_id NULLS FIRST, month`);

  const figures = (list: Row[]): ForecastFigures => {
    const months = list.map(({ month, hasSnapshot, forecast, actual, accuracy }) => ({ month, hasSnapshot, forecast, actual, accuracy }));
    const defined = months.flatMap((m) => (m.accuracy === null ? [] : [m.accuracy]));
    const forecasted = months.filter((m) => m.forecast !== null);
    const cents = (money: string) => BigInt(money.replace(".", ""));
    const biasCents = forecasted.reduce((sum, m) => sum + cents(m.forecast!) - cents(m.actual), 0n);
    return {
      months,
      meanAccuracy: defined.length === 0 ? null : defined.reduce((a, b) => a + b, 0) / defined.length,
      bias: forecasted.length === 0 ? null : formatMoney(biasCents),
    };
  };
  const byRep = new Map<number, Row[]>();
  for (const row of rows) if (row.repId !== null) byRep.set(row.repId, [...(byRep.get(row.repId) ?? []), row]);
  const reps = [...byRep.entries()]
    .map(([repId, list]) => ({ repId, name: list[0]?.name ?? "", teamId: list[0]?.teamId ?? null, ...figures(list) }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.repId - b.repId);
  return { period: input.period, total: figures(rows.filter((row) => row.repId === null)), reps };
}

function formatMoney(cents: bigint): Money {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  return `${negative ? "-" : ""}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
}
