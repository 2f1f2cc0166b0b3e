import { Prisma } from "@/lib/db/generated/client";

/** Months a meeting's snapshot forecasts: the current one and the next two (as the demo's weekly snapshots do). */
export const SNAPSHOT_MONTHS = 3;

/** The categories a snapshot counts; OMITTED deals are left out of the forecast on purpose. */
export const SNAPSHOT_CATEGORIES = ["COMMIT", "BEST_CASE", "PIPELINE"] as const;

/**
 * `SELECT snapshot_id, rep_id, month, category, amount, deal_count`: the forecast lines of one team at the instant
 * `at`, one per rep of the team × month × category, zeros included (a line says the rep was forecast, even at nothing,
 * which is what forecast accuracy looks for: lib/kpi/query-forecast-accuracy.ts). A line sums the amounts (a missing
 * amount counts as 0) and counts the open deals the rep owns now whose expected close falls in that month, by their
 * forecast category. Months are calendar months of the expected close date (a DATE, no time zone), starting with the
 * month `at` falls in, in the organisation's time zone. It covers the current month and the rest of the quarter, and
 * always the next month too: otherwise a month that starts a quarter would never have a forecast taken before it.
 */
export function forecastSnapshotLinesSql(input: { snapshotId: number; orgId: number; teamId: number; at: Date }): Prisma.Sql {
  const categories = Prisma.join(SNAPSHOT_CATEGORIES.map((category) => Prisma.sql`${category}::"ForecastCategory"`));
  return Prisma.sql`
    WITH org AS (SELECT time_zone AS tz FROM organization WHERE id = ${input.orgId}),
    months AS (
      SELECT (date_trunc('month', ${input.at}::timestamptz AT TIME ZONE org.tz) + make_interval(months => g))::date AS month
      FROM org, generate_series(0, ${SNAPSHOT_MONTHS - 1}) g
    ),
    reps AS (SELECT id FROM rep WHERE org_id = ${input.orgId} AND team_id = ${input.teamId}),
    categories AS (SELECT unnest(ARRAY[${categories}]) AS category),
    open_deals AS (
      SELECT d.owner_id AS rep_id, date_trunc('month', d.expected_close_at)::date AS month, d.forecast_category AS category, d.amount
      FROM deal d
      WHERE d.org_id = ${input.orgId} AND d.status = 'OPEN' AND d.closed_at IS NULL
        AND d.owner_id IN (SELECT id FROM reps)
        AND d.expected_close_at >= (SELECT min(month) FROM months)
        AND d.expected_close_at < (SELECT max(month) FROM months) + interval '1 month'
    )
    SELECT ${input.snapshotId}::int AS snapshot_id, r.id AS rep_id, m.month, c.category,
           coalesce(sum(o.amount), 0)::numeric(14, 2) AS amount, count(o.rep_id)::int AS deal_count
    FROM reps r
    CROSS JOIN months m
    CROSS JOIN categories c
    LEFT JOIN open_deals o ON o.rep_id = r.id AND o.month = m.month AND o.category = c.category
    GROUP BY r.id, m.month, c.category`;
}
