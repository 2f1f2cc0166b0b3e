import { Prisma } from "@/lib/db/generated/client";
import { splitIntoWholeMonths, type LocalDate, type Period } from "./period";

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

/** A span of local days `[startDate, endDate)` numbered `p` in the rows read for it (P and P′, or the months of P). */
export interface NumberedSpan {
  p: number;
  startDate: LocalDate;
  endDate: LocalDate;
}

/**
 * One UNION ALL reading a rollup kept per local month: for each span, `months` over its whole local months and `days`
 * over the local days before and after them (splitIntoWholeMonths), each called only for a range that is not empty,
 * with dates `[from, to)` in the organisation's time zone.
 */
export function wholeMonthsAndEdgeDaysSql<S extends NumberedSpan>(
  spans: readonly S[],
  read: { months: (span: S, from: LocalDate, to: LocalDate) => Prisma.Sql; days: (span: S, from: LocalDate, to: LocalDate) => Prisma.Sql },
): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  for (const span of spans) {
    const { monthsFrom, monthsTo, head, tail } = splitIntoWholeMonths(span);
    if (monthsFrom < monthsTo) parts.push(read.months(span, monthsFrom, monthsTo));
    for (const edge of [head, tail]) if (edge.from < edge.to) parts.push(read.days(span, edge.from, edge.to));
  }
  // Every span has at least one day, so at least one part reads it.
  if (parts.length === 0) throw new Error("wholeMonthsAndEdgeDaysSql: no span has a day to read");
  return Prisma.join(parts, " UNION ALL ");
}
