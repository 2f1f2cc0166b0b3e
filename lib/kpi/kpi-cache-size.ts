import { z } from "zod";

export const KPI_CACHE_DEFAULT_ROWS = 100_000;
export const KPI_CACHE_MAX_ROWS_LIMIT = 2_000_000;
export const KPI_CACHE_DEFAULT_RESULTS = 2_000;
export const KPI_CACHE_MAX_RESULTS_LIMIT = 100_000;

const bound = (name: string, fallback: number, limit: number) =>
  z.coerce
    .number({ error: `${name} must be a whole number` })
    .int({ error: `${name} must be a whole number` })
    .min(0, { error: `${name} must be 0 or more` })
    .max(limit, { error: `${name} must be at most ${limit}` })
    .default(fallback);

// KPI_CACHE_MAX_ROWS bounds the server's KPI result cache (lib/kpi/kpi-cache.ts) in rows over all results,
// KPI_CACHE_MAX_RESULTS in results (each holds its statement's text as key). 0 turns the cache off.
const schema = z.object({
  KPI_CACHE_MAX_ROWS: bound("KPI_CACHE_MAX_ROWS", KPI_CACHE_DEFAULT_ROWS, KPI_CACHE_MAX_ROWS_LIMIT),
  KPI_CACHE_MAX_RESULTS: bound("KPI_CACHE_MAX_RESULTS", KPI_CACHE_DEFAULT_RESULTS, KPI_CACHE_MAX_RESULTS_LIMIT),
});

/** The KPI cache's bounds from the environment; a bad value stops the server with a message naming the variable. */
export function kpiCacheBounds(source: Record<string, string | undefined> = process.env): { maxRows: number; maxResults: number } {
  const blank = (value: string | undefined) => (value === "" ? undefined : value);
  const parsed = schema.safeParse({ KPI_CACHE_MAX_ROWS: blank(source.KPI_CACHE_MAX_ROWS), KPI_CACHE_MAX_RESULTS: blank(source.KPI_CACHE_MAX_RESULTS) });
  if (!parsed.success) throw new Error(`Invalid environment: ${parsed.error.issues.map((issue) => issue.message).join("; ")}`);
  return { maxRows: parsed.data.KPI_CACHE_MAX_ROWS, maxResults: parsed.data.KPI_CACHE_MAX_RESULTS };
}
