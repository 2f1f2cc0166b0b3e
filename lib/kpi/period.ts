// Period boundaries and calendar days in the organisation's time zone (KPI.md "Periods and attribution").
// Every KPI query takes a Period built here, so the SQL and the reference implementation share one set of instants.

/** A calendar date "YYYY-MM-DD" in the organisation's time zone. */
export type LocalDate = string;

export type PeriodSpec =
  | { kind: "year"; year: number }
  | { kind: "quarter"; year: number; quarter: 1 | 2 | 3 | 4 }
  | { kind: "month"; year: number; month: number }
  /** `to` is the last day of the period (inclusive), as people pick ranges. */
  | { kind: "custom"; from: LocalDate; to: LocalDate };

/** `[start, end)`: local midnight of `startDate` up to local midnight of `endDate` (exclusive). */
export interface Period {
  spec: PeriodSpec;
  timeZone: string;
  startDate: LocalDate;
  endDate: LocalDate;
  start: Date;
  end: Date;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock fields (year, month 1–12, day, hour, minute, second) of an instant in a time zone. */
export function wallClock(instantMs: number, timeZone: string) {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instantMs))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return parts as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

/** Milliseconds the zone is ahead of UTC at an instant (Berlin in summer: +2 h). */
function offsetMs(instantMs: number, timeZone: string): number {
  const wall = wallClock(instantMs, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

function parseDate(date: LocalDate): { year: number; month: number; day: number } {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new Error(`Not a date (YYYY-MM-DD): ${date}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new Error(`No such date: ${date}`);
  }
  return { year, month, day };
}

function formatDate(year: number, month: number, day: number): LocalDate {
  const utc = new Date(Date.UTC(year, month - 1, day));
  return utc.toISOString().slice(0, 10);
}

/** The calendar date of an instant in the time zone. */
export function localDate(instant: Date, timeZone: string): LocalDate {
  const wall = wallClock(instant.getTime(), timeZone);
  return formatDate(wall.year, wall.month, wall.day);
}

/** The instant a local date begins in the time zone (the first existing minute if midnight is skipped). */
export function startOfLocalDate(date: LocalDate, timeZone: string): Date {
  const { year, month, day } = parseDate(date);
  const wallMs = Date.UTC(year, month - 1, day);
  // The zone's offsets around that day; the earliest candidate that falls on the date is its start.
  const candidates = [wallMs - DAY_MS, wallMs, wallMs + DAY_MS]
    .map((probe) => wallMs - offsetMs(probe, timeZone))
    .filter((instant) => localDate(new Date(instant), timeZone) === date);
  if (candidates.length === 0) throw new Error(`Cannot find the start of ${date} in ${timeZone}`);
  return new Date(Math.min(...candidates));
}

/**
 * The instant of a wall-clock time "HH:MM" on a local date in the time zone (a time skipped by a daylight-saving
 * change lands on the first minute after it; a repeated one on its first occurrence).
 */
export function instantOfLocalTime(date: LocalDate, time: string, timeZone: string): Date {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) throw new Error(`Not a time (HH:MM): ${time}`);
  const wanted = Number(match[1]) * 60 + Number(match[2]);
  const guess = startOfLocalDate(date, timeZone).getTime() + wanted * 60_000;
  const wall = wallClock(guess, timeZone);
  const shown = daysBetweenDates(date, formatDate(wall.year, wall.month, wall.day)) * 1440 + wall.hour * 60 + wall.minute;
  const adjusted = guess - (shown - wanted) * 60_000;
  return new Date(localDate(new Date(adjusted), timeZone) === date ? adjusted : guess);
}

/** Whole days from one calendar date to another (Mar 3 − Mar 1 = 2). */
export function daysBetweenDates(from: LocalDate, to: LocalDate): number {
  const a = parseDate(from);
  const b = parseDate(to);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS);
}

/** KPI.md day counts: the calendar-day difference of two instants in the organisation's time zone. */
export function calendarDaysBetween(from: Date, to: Date, timeZone: string): number {
  return daysBetweenDates(localDate(from, timeZone), localDate(to, timeZone));
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const { year, month, day } = parseDate(date);
  return formatDate(year, month, day + days);
}

function addMonths(date: LocalDate, months: number): LocalDate {
  const { year, month, day } = parseDate(date);
  return formatDate(year, month + months, day);
}

function bounds(spec: PeriodSpec): { startDate: LocalDate; endDate: LocalDate } {
  switch (spec.kind) {
    case "year":
      return { startDate: formatDate(spec.year, 1, 1), endDate: formatDate(spec.year + 1, 1, 1) };
    case "quarter": {
      const startDate = formatDate(spec.year, (spec.quarter - 1) * 3 + 1, 1);
      return { startDate, endDate: addMonths(startDate, 3) };
    }
    case "month": {
      if (!Number.isInteger(spec.month) || spec.month < 1 || spec.month > 12) throw new Error(`No such month: ${spec.month}`);
      const startDate = formatDate(spec.year, spec.month, 1);
      return { startDate, endDate: addMonths(startDate, 1) };
    }
    case "custom": {
      parseDate(spec.from);
      const endDate = addDays(spec.to, 1);
      if (daysBetweenDates(spec.from, endDate) < 1) throw new Error(`A period must end after it starts: ${spec.from} to ${spec.to}`);
      return { startDate: spec.from, endDate };
    }
  }
}

export function periodOf(spec: PeriodSpec, timeZone: string): Period {
  const { startDate, endDate } = bounds(spec);
  return {
    spec,
    timeZone,
    startDate,
    endDate,
    start: startOfLocalDate(startDate, timeZone),
    end: startOfLocalDate(endDate, timeZone),
  };
}

/**
 * P′: the period of the same length immediately before P. A year, quarter or month is preceded by the
 * previous calendar year, quarter or month (2024 is compared with 2023 although it has one day more);
 * a custom range by the same number of days.
 */
export function previousPeriod(period: Period): Period {
  const { spec } = period;
  switch (spec.kind) {
    case "year":
      return periodOf({ kind: "year", year: spec.year - 1 }, period.timeZone);
    case "quarter":
      return periodOf(
        spec.quarter === 1 ? { kind: "quarter", year: spec.year - 1, quarter: 4 } : { kind: "quarter", year: spec.year, quarter: (spec.quarter - 1) as 1 | 2 | 3 },
        period.timeZone,
      );
    case "month":
      return periodOf(spec.month === 1 ? { kind: "month", year: spec.year - 1, month: 12 } : { kind: "month", year: spec.year, month: spec.month - 1 }, period.timeZone);
    case "custom": {
      const days = daysBetweenDates(period.startDate, period.endDate);
      return periodOf({ kind: "custom", from: addDays(period.startDate, -days), to: addDays(period.startDate, -1) }, period.timeZone);
    }
  }
}

/** The period of the same length immediately after P (for pipeline coverage): the inverse of previousPeriod. */
/** Whether an instant lies in `[start, end)`: for "now", whether the period is still running. */
export function periodContains(period: Pick<Period, "start" | "end">, instant: Date): boolean {
  return period.start.getTime() <= instant.getTime() && instant.getTime() < period.end.getTime();
}

export function nextPeriod(period: Period): Period {
  const { spec } = period;
  switch (spec.kind) {
    case "year":
      return periodOf({ kind: "year", year: spec.year + 1 }, period.timeZone);
    case "quarter":
      return periodOf(
        spec.quarter === 4 ? { kind: "quarter", year: spec.year + 1, quarter: 1 } : { kind: "quarter", year: spec.year, quarter: (spec.quarter + 1) as 2 | 3 | 4 },
        period.timeZone,
      );
    case "month":
      return periodOf(spec.month === 12 ? { kind: "month", year: spec.year + 1, month: 1 } : { kind: "month", year: spec.year, month: spec.month + 1 }, period.timeZone);
    case "custom": {
      const days = daysBetweenDates(period.startDate, period.endDate);
      return periodOf({ kind: "custom", from: period.endDate, to: addDays(period.endDate, days - 1) }, period.timeZone);
    }
  }
}

/** Monday to Friday local dates in P (KPI.md: holidays ignored). Counted on day numbers: pages call it per request. */
export function workingDays(period: Pick<Period, "startDate" | "endDate">): number {
  const { year, month, day } = parseDate(period.startDate);
  const first = Date.UTC(year, month - 1, day) / DAY_MS;
  const days = daysBetweenDates(period.startDate, period.endDate);
  let count = 0;
  for (let n = first; n < first + days; n++) {
    const weekday = new Date(n * DAY_MS).getUTCDay();
    if (weekday !== 0 && weekday !== 6) count += 1;
  }
  return count;
}

/**
 * A period's local days `[startDate, endDate)` as the whole local months `[monthsFrom, monthsTo)` inside it (none when
 * monthsFrom = monthsTo) and the days before and after them (`head`, `tail`; empty when from = to). For rollups kept
 * per month: whole months from the monthly table, the edges from the daily or raw rows. LocalDates compare as strings.
 */
export function splitIntoWholeMonths(period: Pick<Period, "startDate" | "endDate">) {
  const monthOf = (date: LocalDate) => `${date.slice(0, 8)}01`;
  const first = period.startDate === monthOf(period.startDate) ? period.startDate : addMonths(monthOf(period.startDate), 1);
  const last = monthOf(period.endDate);
  const [monthsFrom, monthsTo] = first < last ? [first, last] : [period.endDate, period.endDate];
  return { monthsFrom, monthsTo, head: { from: period.startDate, to: monthsFrom }, tail: { from: monthsTo, to: period.endDate } };
}

export interface MonthBucket {
  /** "YYYY-MM" */
  month: string;
  startDate: LocalDate;
  endDate: LocalDate;
  start: Date;
  end: Date;
}

/** The calendar months a period touches, each clipped to the period (for monthly trends). */
export function monthBuckets(period: Period): MonthBucket[] {
  const buckets: MonthBucket[] = [];
  let monthStart = period.startDate.slice(0, 8) + "01";
  while (daysBetweenDates(monthStart, period.endDate) > 0) {
    const next = addMonths(monthStart, 1);
    const startDate = daysBetweenDates(monthStart, period.startDate) > 0 ? period.startDate : monthStart;
    const endDate = daysBetweenDates(next, period.endDate) < 0 ? period.endDate : next;
    buckets.push({
      month: monthStart.slice(0, 7),
      startDate,
      endDate,
      start: startOfLocalDate(startDate, period.timeZone),
      end: startOfLocalDate(endDate, period.timeZone),
    });
    monthStart = next;
  }
  return buckets;
}
