import { Prisma } from "@/lib/db/generated/client";
import type { Period } from "./period";

/** Index of a period in the `periods` CTE: 0 is P, 1 is P′. */
export const CURRENT = 0;
export const PREVIOUS = 1;

/** An instant as a timestamptz constant in the statement (a bound parameter, typed by its cast). */
export function instantSql(at: Date): Prisma.Sql {
  return Prisma.sql`${at.toISOString()}::timestamptz`;
}

/** `VALUES` rows (p, start_at, end_at, start_day, end_day) for P and P′, to cross-join in one query. */
export function periodsSql(current: Period, previous: Period): Prisma.Sql {
  const row = (index: number, period: Period) =>
    Prisma.sql`(${index}::int, ${period.start.toISOString()}::timestamptz, ${period.end.toISOString()}::timestamptz, ${period.startDate}::date, ${period.endDate}::date)`;
  return Prisma.sql`SELECT * FROM (VALUES ${row(CURRENT, current)}, ${row(PREVIOUS, previous)}) AS v (p, start_at, end_at, start_day, end_day)`;
}
