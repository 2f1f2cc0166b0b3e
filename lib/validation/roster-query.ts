import { z } from "zod";
import { FIRST_YEAR, LAST_YEAR } from "./bounded";

/** `?year=` on the roster: a whole year the organisation has data for, else the current year. */
export function parseRosterYear(raw: unknown, bounds: { firstYear: number; currentYear: number }): number {
  const schema = z.coerce.number().int().min(Math.max(FIRST_YEAR, Math.min(bounds.firstYear, bounds.currentYear))).max(Math.min(LAST_YEAR, bounds.currentYear));
  const parsed = schema.safeParse(Array.isArray(raw) ? raw[0] : raw);
  return parsed.success ? parsed.data : bounds.currentYear;
}

export const rosterInputSchema = z.object({ year: z.number().int().min(FIRST_YEAR).max(LAST_YEAR) });
