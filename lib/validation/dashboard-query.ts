import { z } from "zod";
import type { PeriodSpec } from "@/lib/kpi/period";

/** What the dashboard, My KPIs and drill-through read from the URL. */
export interface DashboardQuery {
  spec: PeriodSpec;
  pipelineId: number | undefined;
  teamId: number | undefined;
}

const one = (raw: unknown) => (Array.isArray(raw) ? raw[0] : raw);
const positiveId = z.coerce.number().int().positive();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value));
// A custom range longer than this is almost certainly a typo; the year view covers long spans.
const MAX_CUSTOM_DAYS = 3 * 366;

function optionalId(raw: unknown): number | undefined {
  const parsed = positiveId.safeParse(one(raw));
  return parsed.success ? parsed.data : undefined;
}

/**
 * `?period=year|quarter|custom&year=&quarter=&from=&to=&pipeline=&team=`. Each part that does not parse falls
 * back on its own (the current year, all pipelines, every team in scope), so a bad link still shows a page.
 */
export function parseDashboardQuery(params: Record<string, unknown>, bounds: { firstYear: number; currentYear: number }): DashboardQuery {
  const yearSchema = z.coerce.number().int().min(Math.min(bounds.firstYear, bounds.currentYear) - 1).max(bounds.currentYear + 1);
  const yearParsed = yearSchema.safeParse(one(params.year));
  const year = yearParsed.success ? yearParsed.data : bounds.currentYear;
  const kind = one(params.period);
  let spec: PeriodSpec = { kind: "year", year };
  if (kind === "quarter") {
    const quarter = z.coerce.number().int().min(1).max(4).safeParse(one(params.quarter));
    if (quarter.success) spec = { kind: "quarter", year, quarter: quarter.data as 1 | 2 | 3 | 4 };
  } else if (kind === "custom") {
    const from = date.safeParse(one(params.from));
    const to = date.safeParse(one(params.to));
    if (from.success && to.success) {
      const days = (Date.parse(to.data) - Date.parse(from.data)) / 86_400_000;
      if (days >= 0 && days <= MAX_CUSTOM_DAYS) spec = { kind: "custom", from: from.data, to: to.data };
    }
  }
  return { spec, pipelineId: optionalId(params.pipeline), teamId: optionalId(params.team) };
}

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
