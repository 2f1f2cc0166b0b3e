// Bounded primitives for every outside input: what PostgreSQL and the period maths can take, so a hostile value
// is refused as a field error instead of failing in a query.
import { z } from "zod";

/** The largest id an int4 column holds; every id in the schema is one. */
export const MAX_ID = 2_147_483_647;

/**
 * The years a period, a filter or a date field may name. 1970 as the roster and the report already take; 2100
 * leaves room for plans and expected closes. Outside it JavaScript's Date misreads years 0–99 as 1900–1999 and
 * the day after 9999-12-31 has no YYYY-MM-DD.
 */
export const FIRST_YEAR = 1970;
export const LAST_YEAR = 2100;
export const FIRST_DATE = `${FIRST_YEAR}-01-01`;
export const LAST_DATE = `${LAST_YEAR}-12-31`;

/** A database id from a URL, a form or JSON: an integer 1…2147483647. */
export const idParam = z.coerce.number().int().min(1).max(MAX_ID);

/** A calendar year within FIRST_YEAR…LAST_YEAR. */
export const yearParam = z.coerce.number().int().min(FIRST_YEAR).max(LAST_YEAR);

/** A real calendar date "YYYY-MM-DD" within FIRST_DATE…LAST_DATE (ISO dates compare as strings). */
export const boundedDate = z.iso.date().refine((date) => date >= FIRST_DATE && date <= LAST_DATE);

/** Text of at most `max` characters without NUL, which PostgreSQL cannot store or compare; optionally trimmed first. */
export function safeText(max: number, { trim = false }: { trim?: boolean } = {}) {
  return (trim ? z.string().trim() : z.string()).max(max).refine((text) => !text.includes("\u0000"));
}
