// Local days in the organisation's time zone. Generated times are "local day numbers" (day index + fraction of
// the day, wall-clock time) counted from Jan 1 of the year before the data window, and become UTC only when written.

import { wallClock } from "../../lib/kpi/period";

const DAY_MS = 86_400_000;

export interface DayInfo {
  year: number;
  /** 0–11 */
  month: number;
  date: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

export interface Calendar {
  timeZone: string;
  /** First year of the data window (Jan 1 of it is `windowStart`). */
  firstYear: number;
  currentYear: number;
  /** Day index of Jan 1 of firstYear; the year before it is warm-up (deals already in progress when the data begins). */
  windowStart: number;
  /** Day index of today's local date; everything generated happens before it. */
  today: number;
  /** Last day index the calendar covers (Dec 31 of the year after the current one). */
  lastDay: number;
  day(day: number): DayInfo;
  isWorkingDay(day: number): boolean;
  /** The same day if it is Monday–Friday, otherwise the next Monday. */
  nextWorkingDay(day: number): number;
  /** Local day number (wall clock) → UTC epoch milliseconds. */
  toUtc(t: number): number;
  /** "YYYY-MM-DD" of a day index. */
  dateString(day: number): string;
  dayOf(year: number, month: number, date: number): number;
  /** Index of the month since January of firstYear − 1. */
  monthIndex(day: number): number;
}

export function createCalendar(timeZone: string, years: number, today: Date): Calendar {
  const localParts = (utcMs: number) => wallClock(utcMs, timeZone);

  const todayLocal = localParts(today.getTime());
  const currentYear = todayLocal.year;
  const firstYear = currentYear - years + 1;
  const originDays = Date.UTC(firstYear - 1, 0, 1) / DAY_MS;
  const dayOf = (year: number, month: number, date: number) => Date.UTC(year, month, date) / DAY_MS - originDays;
  const lastDay = dayOf(currentYear + 1, 11, 31);

  const infos: DayInfo[] = [];
  for (let d = 0; d <= lastDay; d++) {
    const date = new Date((originDays + d) * DAY_MS);
    infos.push({ year: date.getUTCFullYear(), month: date.getUTCMonth(), date: date.getUTCDate(), weekday: date.getUTCDay() });
  }
  const dayInfo = (d: number): DayInfo => {
    const info = infos[d];
    if (info) return info;
    const date = new Date((originDays + d) * DAY_MS);
    return { year: date.getUTCFullYear(), month: date.getUTCMonth(), date: date.getUTCDate(), weekday: date.getUTCDay() };
  };

  // Offset at local noon holds for the whole working day; DST switches happen at night.
  const offsets = new Map<number, number>();
  const offsetMs = (d: number): number => {
    let offset = offsets.get(d);
    if (offset === undefined) {
      const utcNoon = (originDays + d) * DAY_MS + 12 * 3_600_000;
      const p = localParts(utcNoon);
      offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - utcNoon;
      offsets.set(d, offset);
    }
    return offset;
  };

  const dateStrings = new Map<number, string>();
  const isWorkingDay = (d: number) => {
    const w = dayInfo(d).weekday;
    return w !== 0 && w !== 6;
  };

  return {
    timeZone,
    firstYear,
    currentYear,
    windowStart: dayOf(firstYear, 0, 1),
    today: dayOf(todayLocal.year, todayLocal.month - 1, todayLocal.day),
    lastDay,
    day: dayInfo,
    isWorkingDay,
    nextWorkingDay: (d) => {
      let day = d;
      while (!isWorkingDay(day)) day++;
      return day;
    },
    toUtc: (t) => {
      const d = Math.floor(t);
      return Math.round((originDays + t) * DAY_MS - offsetMs(d));
    },
    dateString: (d) => {
      let s = dateStrings.get(d);
      if (s === undefined) {
        s = new Date((originDays + d) * DAY_MS).toISOString().slice(0, 10);
        dateStrings.set(d, s);
      }
      return s;
    },
    dayOf,
    monthIndex: (d) => {
      const info = dayInfo(d);
      return (info.year - (firstYear - 1)) * 12 + info.month;
    },
  };
}
