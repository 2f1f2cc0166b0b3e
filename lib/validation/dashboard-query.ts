import { z } from "zod";
import type { PeriodSpec } from "@/lib/kpi/period";
import { boundedDate, FIRST_YEAR, idParam, LAST_YEAR, yearParam } from "./bounded";

/** What the dashboard, My KPIs and drill-through read from the URL. */
export interface DashboardQuery {
  spec: PeriodSpec;
  pipelineId: number | undefined;
  teamId: number | undefined;
}

const one = (raw: unknown) => (Array.isArray(raw) ? raw[0] : raw);
// A custom range longer than this is almost certainly a typo; the year view covers long spans.
export const MAX_CUSTOM_DAYS = 3 * 366;
const DAY_MS = 86_400_000;

function optionalId(raw: unknown): number | undefined {
  const parsed = idParam.safeParse(one(raw));
  return parsed.success ? parsed.data : undefined;
}

/**
 * `?period=year|quarter|custom&year=&quarter=&from=&to=&pipeline=&team=`. Each part that does not parse falls
 * back on its own (the current year, all pipelines, every team in scope), so a bad link still shows a page.
 */
export function parseDashboardQuery(params: Record<string, unknown>, bounds: { firstYear: number; currentYear: number }): DashboardQuery {
  const yearSchema = z.coerce
    .number()
    .int()
    .min(Math.max(FIRST_YEAR, Math.min(bounds.firstYear, bounds.currentYear) - 1))
    .max(Math.min(LAST_YEAR, bounds.currentYear + 1));
  const yearParsed = yearSchema.safeParse(one(params.year));
  const year = yearParsed.success ? yearParsed.data : bounds.currentYear;
  const kind = one(params.period);
  let spec: PeriodSpec = { kind: "year", year };
  if (kind === "quarter") {
    const quarter = z.coerce.number().int().min(1).max(4).safeParse(one(params.quarter));
    if (quarter.success) spec = { kind: "quarter", year, quarter: quarter.data as 1 | 2 | 3 | 4 };
  } else if (kind === "custom") {
    const from = boundedDate.safeParse(one(params.from));
    const to = boundedDate.safeParse(one(params.to));
    if (from.success && to.success) {
      const days = (Date.parse(to.data) - Date.parse(from.data)) / DAY_MS;
      if (days >= 0 && days <= MAX_CUSTOM_DAYS) spec = { kind: "custom", from: from.data, to: to.data };
    }
  }
  return { spec, pipelineId: optionalId(params.pipeline), teamId: optionalId(params.team) };
}

/**
 * The same query checked strictly, for exports: a link the app made always passes, so any value that does not
 * parse is refused with its field named instead of quietly exporting something else. Spread into a drill's
 * parameters and finish with `.partial().superRefine(checkCustomRange)`.
 */
export const dashboardQueryParams = {
  period: z.enum(["year", "quarter", "custom"]),
  year: yearParam,
  quarter: z.coerce.number().int().min(1).max(4),
  from: boundedDate,
  to: boundedDate,
  pipeline: idParam,
  team: idParam,
};

/** A custom period names both days, in order, at most MAX_CUSTOM_DAYS apart. */
export function checkCustomRange(query: { period?: string; from?: string; to?: string }, context: z.RefinementCtx): void {
  if (query.period !== "custom") return;
  for (const field of ["from", "to"] as const) {
    if (query[field] === undefined) context.addIssue({ code: "invalid_type", expected: "string", input: undefined, path: [field] });
  }
  if (query.from === undefined || query.to === undefined) return;
  const days = (Date.parse(query.to) - Date.parse(query.from)) / DAY_MS;
  if (days < 0 || days > MAX_CUSTOM_DAYS) context.addIssue({ code: "custom", path: ["to"] });
}

/** The report export's query: the dashboard's period and team, and the file format. */
export const reportExportQuery = z.object({ ...dashboardQueryParams, format: z.enum(["json", "csv"]) }).partial().superRefine(checkCustomRange);

/** The query string that reproduces a dashboard query (the inverse of parseDashboardQuery). */
export function dashboardSearch(query: DashboardQuery, extra: Record<string, string | number | undefined> = {}): URLSearchParams {
  const search = new URLSearchParams();
  const { spec } = query;
  switch (spec.kind) {
    case "year":
      search.set("year", String(spec.year));
      break;
    case "quarter":
      search.set("period", "quarter");
      search.set("year", String(spec.year));
      search.set("quarter", String(spec.quarter));
      break;
    case "month":
      search.set("year", String(spec.year));
      break;
    case "custom":
      search.set("period", "custom");
      search.set("from", spec.from);
      search.set("to", spec.to);
      break;
  }
  if (query.pipelineId !== undefined) search.set("pipeline", String(query.pipelineId));
  if (query.teamId !== undefined) search.set("team", String(query.teamId));
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) search.set(key, String(value));
  return search;
}
