import { describe, expect, it } from "vitest";
import {
  addDays,
  calendarDaysBetween,
  daysBetweenDates,
  localDate,
  monthBuckets,
  periodContains,
  periodOf,
  splitIntoWholeMonths,
  nextPeriod,
  previousPeriod,
  startOfLocalDate,
  workingDays,
} from "@/lib/kpi/period";

const iso = (date: Date) => date.toISOString();

describe("startOfLocalDate", () => {
  it.each([
    ["2025-01-01", "UTC", "2025-01-01T00:00:00.000Z"],
    ["2025-01-01", "Europe/Berlin", "2024-12-31T23:00:00.000Z"],
    ["2025-07-01", "Europe/Berlin", "2025-06-30T22:00:00.000Z"],
    // Berlin switches to summer time at 02:00 on Mar 30, 2025 and back at 03:00 on Oct 26.
    ["2025-03-30", "Europe/Berlin", "2025-03-29T23:00:00.000Z"],
    ["2025-03-31", "Europe/Berlin", "2025-03-30T22:00:00.000Z"],
    ["2025-10-26", "Europe/Berlin", "2025-10-25T22:00:00.000Z"],
    ["2025-10-27", "Europe/Berlin", "2025-10-26T23:00:00.000Z"],
    ["2025-03-09", "America/New_York", "2025-03-09T05:00:00.000Z"],
    ["2025-03-10", "America/New_York", "2025-03-10T04:00:00.000Z"],
    ["2025-01-01", "Asia/Kolkata", "2024-12-31T18:30:00.000Z"],
    ["2024-02-29", "UTC", "2024-02-29T00:00:00.000Z"],
    // Midnight does not exist in Santiago on the day clocks go forward: the day starts at 01:00.
    ["2024-09-08", "America/Santiago", "2024-09-08T04:00:00.000Z"],
  ])("%s begins in %s at %s", (date, zone, expected) => {
    expect(iso(startOfLocalDate(date, zone))).toBe(expected);
  });

  it("rejects dates that do not exist", () => {
    expect(() => startOfLocalDate("2025-02-29", "UTC")).toThrow(/No such date/);
  });
});

describe("calendar days in the organisation's time zone", () => {
  it.each([
    // KPI.md: closed on Mar 3 minus created on Mar 1 = 2 days, whatever the hours.
    ["2025-03-01T23:59:00Z", "2025-03-03T00:01:00Z", "UTC", 2],
    ["2025-03-01T00:00:00Z", "2025-03-01T23:59:59Z", "UTC", 0],
    // 23:30 UTC on Dec 31 is already Jan 1 in Berlin.
    ["2024-12-31T23:30:00Z", "2025-01-01T22:30:00Z", "Europe/Berlin", 0],
    ["2024-12-31T22:30:00Z", "2024-12-31T23:30:00Z", "Europe/Berlin", 1],
    ["2024-12-31T22:30:00Z", "2024-12-31T23:30:00Z", "UTC", 0],
    // Across the spring change the day is 23 hours long; it still counts as one day.
    ["2025-03-29T23:00:00Z", "2025-03-30T22:00:00Z", "Europe/Berlin", 1],
    ["2025-03-29T23:30:00Z", "2025-03-30T21:59:00Z", "Europe/Berlin", 0],
    ["2025-11-02T04:30:00Z", "2025-11-02T05:30:00Z", "America/New_York", 0],
    ["2025-01-01T18:29:00Z", "2025-01-01T18:30:00Z", "Asia/Kolkata", 1],
    ["2024-02-28T12:00:00Z", "2024-03-01T12:00:00Z", "UTC", 2],
    ["2023-02-28T12:00:00Z", "2023-03-01T12:00:00Z", "UTC", 1],
  ])("%s → %s in %s is %i days", (from, to, zone, days) => {
    expect(calendarDaysBetween(new Date(from), new Date(to), zone)).toBe(days);
  });

  it("reads the local date of an instant", () => {
    expect(localDate(new Date("2024-12-31T23:30:00Z"), "Europe/Berlin")).toBe("2025-01-01");
    expect(localDate(new Date("2025-01-01T04:59:00Z"), "America/New_York")).toBe("2024-12-31");
  });

  it("adds and counts days across month, year and leap days", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2023-02-28", 1)).toBe("2023-03-01");
    expect(addDays("2025-01-01", -1)).toBe("2024-12-31");
    expect(daysBetweenDates("2024-01-01", "2025-01-01")).toBe(366);
    expect(daysBetweenDates("2025-03-31", "2025-03-30")).toBe(-1);
  });
});

describe("periods", () => {
  it("makes a year [Jan 1, Jan 1 next year) in the organisation's time zone", () => {
    const year = periodOf({ kind: "year", year: 2025 }, "Europe/Berlin");
    expect([year.startDate, year.endDate]).toEqual(["2025-01-01", "2026-01-01"]);
    expect([iso(year.start), iso(year.end)]).toEqual(["2024-12-31T23:00:00.000Z", "2025-12-31T23:00:00.000Z"]);
  });

  it.each([
    [{ kind: "year", year: 2025 } as const, "2024-01-01", "2025-01-01"],
    [{ kind: "quarter", year: 2025, quarter: 1 } as const, "2024-10-01", "2025-01-01"],
    [{ kind: "quarter", year: 2025, quarter: 3 } as const, "2025-04-01", "2025-07-01"],
    [{ kind: "month", year: 2025, month: 1 } as const, "2024-12-01", "2025-01-01"],
    [{ kind: "month", year: 2024, month: 3 } as const, "2024-02-01", "2024-03-01"],
    // A custom range is preceded by as many days: Mar 1–31 (31 days) by Jan 30 – Feb 29 of a leap year.
    [{ kind: "custom", from: "2024-03-01", to: "2024-03-31" } as const, "2024-01-30", "2024-03-01"],
    [{ kind: "custom", from: "2025-01-01", to: "2025-01-01" } as const, "2024-12-31", "2025-01-01"],
  ])("precedes %o by [%s, %s)", (spec, start, end) => {
    const previous = previousPeriod(periodOf(spec, "UTC"));
    expect([previous.startDate, previous.endDate]).toEqual([start, end]);
  });

  it("makes the previous period end where the period starts", () => {
    for (const zone of ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata"]) {
      const period = periodOf({ kind: "custom", from: "2025-03-15", to: "2025-04-14" }, zone);
      expect(previousPeriod(period).end).toEqual(period.start);
    }
  });

  it("makes the next period the one whose previous period is P", () => {
    const specs = [
      { kind: "year", year: 2024 },
      { kind: "quarter", year: 2024, quarter: 4 },
      { kind: "month", year: 2024, month: 12 },
      { kind: "month", year: 2024, month: 2 },
      { kind: "custom", from: "2024-02-10", to: "2024-03-05" },
    ] as const;
    for (const spec of specs) {
      const period = periodOf(spec, "Europe/Berlin");
      const next = nextPeriod(period);
      expect(next.start).toEqual(period.end);
      expect(previousPeriod(next)).toEqual(period);
    }
  });

  it("rejects a custom range that ends before it starts", () => {
    expect(() => periodOf({ kind: "custom", from: "2025-03-02", to: "2025-03-01" }, "UTC")).toThrow(/end after/);
  });

  it.each([
    [{ kind: "year", year: 2025 } as const, 261],
    [{ kind: "year", year: 2024 } as const, 262],
    [{ kind: "month", year: 2025, month: 2 } as const, 20],
    [{ kind: "custom", from: "2025-03-01", to: "2025-03-02" } as const, 0],
    [{ kind: "custom", from: "2025-03-07", to: "2025-03-10" } as const, 2],
  ])("counts the working days (Mon–Fri) of %o: %i", (spec, days) => {
    expect(workingDays(periodOf(spec, "Europe/Berlin"))).toBe(days);
  });

  it("splits a period into calendar months clipped to it", () => {
    const buckets = monthBuckets(periodOf({ kind: "custom", from: "2024-01-15", to: "2024-03-10" }, "Europe/Berlin"));
    expect(buckets.map((b) => [b.month, b.startDate, b.endDate])).toEqual([
      ["2024-01", "2024-01-15", "2024-02-01"],
      ["2024-02", "2024-02-01", "2024-03-01"],
      ["2024-03", "2024-03-01", "2024-03-11"],
    ]);
    expect(iso(buckets[2]!.end)).toBe("2024-03-10T23:00:00.000Z");
    expect(monthBuckets(periodOf({ kind: "year", year: 2025 }, "UTC"))).toHaveLength(12);
  });
});

describe("periodContains", () => {
  it("holds from the period's first instant up to, not including, its end", () => {
    const year = periodOf({ kind: "year", year: 2026 }, "Europe/Berlin");
    expect(periodContains(year, new Date("2026-11-28T12:00:00Z"))).toBe(true);
    expect(periodContains(year, new Date("2025-12-31T23:00:00Z"))).toBe(true);
    expect(periodContains(year, new Date("2025-12-31T22:59:59.999Z"))).toBe(false);
    expect(periodContains(year, new Date("2026-12-31T23:00:00Z"))).toBe(false);
  });
});

describe("splitIntoWholeMonths", () => {
  it("gives a year as twelve whole months and no edges", () => {
    expect(splitIntoWholeMonths({ startDate: "2025-01-01", endDate: "2026-01-01" })).toEqual({
      monthsFrom: "2025-01-01",
      monthsTo: "2026-01-01",
      head: { from: "2025-01-01", to: "2025-01-01" },
      tail: { from: "2026-01-01", to: "2026-01-01" },
    });
  });

  it("keeps the days before the first and after the last whole month as edges, across a year end", () => {
    expect(splitIntoWholeMonths({ startDate: "2025-11-17", endDate: "2026-02-05" })).toEqual({
      monthsFrom: "2025-12-01",
      monthsTo: "2026-02-01",
      head: { from: "2025-11-17", to: "2025-12-01" },
      tail: { from: "2026-02-01", to: "2026-02-05" },
    });
  });

  it("has no whole month in a range inside one month or across two partial ones", () => {
    for (const [startDate, endDate] of [
      ["2025-03-05", "2025-03-20"],
      ["2025-03-17", "2025-04-12"],
      ["2025-02-01", "2025-02-28"],
    ] as const)
      expect(splitIntoWholeMonths({ startDate, endDate })).toEqual({
        monthsFrom: endDate,
        monthsTo: endDate,
        head: { from: startDate, to: endDate },
        tail: { from: endDate, to: endDate },
      });
  });
});
