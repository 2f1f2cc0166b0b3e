import { z } from "zod";

/** `?year=` on the roster: a whole year the organisation has data for, else the current year. */
export function parseRosterYear(raw: unknown, bounds: { firstYear: number; currentYear: number }): number {
  const schema = z.coerce.number().int().min(Math.min(bounds.firstYear, bounds.currentYear)).max(bounds.currentYear);
  const parsed = schema.safeParse(Array.isArray(raw) ? raw[0] : raw);
  return parsed.success ? parsed.data : bounds.currentYear;
}

export const rosterInputSchema = z.object({ year: z.number().int().min(1970).max(9999) });
