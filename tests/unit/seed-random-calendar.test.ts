import { describe, expect, it } from "vitest";
import { createCalendar } from "@/prisma/seed/calendar";
import { createEvenChance, createRandom, deriveSeed } from "@/prisma/seed/random";

describe("createRandom", () => {
  it("repeats its sequence for the same seed and changes it for another", () => {
    const take = (seed: number) => Array.from({ length: 5 }, createRandom(seed).next);
    expect(take(42)).toEqual(take(42));
    expect(take(43)).not.toEqual(take(42));
  });

  it("stays in [0, 1) and draws integers within the inclusive bounds", () => {
    const rng = createRandom(1);
    for (let i = 0; i < 10_000; i++) {
      const u = rng.next();
      expect(u >= 0 && u < 1).toBe(true);
      const n = rng.int(3, 5);
      expect(n >= 3 && n <= 5).toBe(true);
    }
  });

  it("derives different sub-seeds for different parts", () => {
    expect(deriveSeed(1, "rep", 1)).not.toBe(deriveSeed(1, "rep", 2));
    expect(deriveSeed(1, "rep", 1)).toBe(deriveSeed(1, "rep", 1));
  });
});

describe("createEvenChance", () => {
  it("says yes Σp times, give or take one", () => {
    const decide = createEvenChance(createRandom(9));
    let yes = 0;
    for (let i = 0; i < 1000; i++) if (decide(0.3)) yes++;
    expect(Math.abs(yes - 300)).toBeLessThanOrEqual(1);
  });
});

describe("createCalendar in Europe/Berlin", () => {
  const calendar = createCalendar("Europe/Berlin", 3, new Date("2025-03-31T22:30:00Z"));

  it("takes today's date in the organisation's time zone, not UTC's", () => {
    expect(calendar.currentYear).toBe(2025);
    expect(calendar.firstYear).toBe(2023);
    expect(calendar.dateString(calendar.today)).toBe("2025-04-01");
    expect(calendar.dateString(calendar.windowStart)).toBe("2023-01-01");
  });

  it("turns local wall-clock times into UTC across daylight saving time", () => {
    const winter = calendar.dayOf(2025, 0, 15);
    const summer = calendar.dayOf(2025, 6, 15);
    expect(new Date(calendar.toUtc(winter + 10 / 24)).toISOString()).toBe("2025-01-15T09:00:00.000Z");
    expect(new Date(calendar.toUtc(summer + 10 / 24)).toISOString()).toBe("2025-07-15T08:00:00.000Z");
  });

  it("knows working days and moves weekends to Monday", () => {
    const saturday = calendar.dayOf(2025, 2, 1);
    expect(calendar.isWorkingDay(saturday)).toBe(false);
    expect(calendar.dateString(calendar.nextWorkingDay(saturday))).toBe("2025-03-03");
  });
});
