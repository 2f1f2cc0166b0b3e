import { Prisma } from "@/lib/db/generated/client";

/**
 * CTEs `<name>_ranks` and `<name>` over a histogram CTE `histogram` with columns (…keys, days, n): per key, the
 * number of values, their mean (2 decimals) and their median — the mean of the values at the middle positions
 * (0-based ⌊(n−1)/2⌋ and ⌈(n−1)/2⌉), as percentile_cont(0.5) defines it — without sorting the values themselves.
 */
export function histogramMedianSql(name: string, histogram: string, keys: readonly string[]): Prisma.Sql {
  const by = Prisma.raw(keys.join(", "));
  const ranks = Prisma.raw(`${name}_ranks`);
  return Prisma.sql`
    ${ranks} AS (
      SELECT ${by}, days, n,
             sum(n) OVER (PARTITION BY ${by} ORDER BY days) AS up_to,
             sum(n) OVER (PARTITION BY ${by}) AS total
      FROM ${Prisma.raw(histogram)}
    ),
    ${Prisma.raw(name)} AS (
      SELECT ${by}, max(total) AS count,
             round(sum(days * n)::numeric / max(total), 2)::float8 AS mean_days,
             ((min(days) FILTER (WHERE up_to > floor((total - 1) / 2.0)) + min(days) FILTER (WHERE up_to > ceil((total - 1) / 2.0))) / 2.0)::float8 AS median_days
      FROM ${ranks}
      GROUP BY ${by}
    )`;
}
