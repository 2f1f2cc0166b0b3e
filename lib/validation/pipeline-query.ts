import { z } from "zod";
import { DEAL_FLAGS, type DealFlag } from "@/lib/kpi/qualification-sql";
import { idParam } from "./bounded";

export const FORECAST_CATEGORIES = ["COMMIT", "BEST_CASE", "PIPELINE", "OMITTED"] as const;
export type ForecastCategoryName = (typeof FORECAST_CATEGORIES)[number];
export const PIPELINE_VIEWS = ["board", "table"] as const;
export type PipelineViewName = (typeof PIPELINE_VIEWS)[number];
// Far beyond any real pipeline; a bookmarked page number past the end shows the last page.
const MAX_PAGE = 10_000;

/** What /pipeline reads from the URL. */
export interface PipelineQuery {
  pipelineId: number | undefined;
  teamId: number | undefined;
  repId: number | undefined;
  stageId: number | undefined;
  flag: DealFlag | undefined;
  forecast: ForecastCategoryName | undefined;
  view: PipelineViewName;
  page: number;
}

const one = (raw: unknown) => (Array.isArray(raw) ? raw[0] : raw);
function optional<T>(schema: z.ZodType<T>, raw: unknown): T | undefined {
  const parsed = schema.safeParse(one(raw));
  return parsed.success ? parsed.data : undefined;
}

/**
 * `?pipeline=&team=&rep=&stage=&flag=&forecast=&view=board|table&page=`. Each part that does not parse falls back
 * on its own (the first pipeline, the whole scope, no filter, the board), so a bad link still shows a page; the page
 * checks ids against what the viewer may see.
 */
export function parsePipelineQuery(params: Record<string, unknown>): PipelineQuery {
  return {
    pipelineId: optional(idParam, params.pipeline),
    teamId: optional(idParam, params.team),
    repId: optional(idParam, params.rep),
    stageId: optional(idParam, params.stage),
    flag: optional(z.enum(DEAL_FLAGS), params.flag),
    forecast: optional(z.enum(FORECAST_CATEGORIES), params.forecast),
    view: optional(z.enum(PIPELINE_VIEWS), params.view) ?? "board",
    page: optional(z.coerce.number().int().min(1).max(MAX_PAGE), params.page) ?? 1,
  };
}

/** The query string that reproduces a pipeline query, with some parts replaced (undefined removes one). */
export function pipelineSearch(query: PipelineQuery, change: Partial<PipelineQuery> = {}): string {
  const next = { ...query, ...change };
  const entries: Array<[string, string | number | undefined]> = [
    ["pipeline", next.pipelineId],
    ["team", next.teamId],
    ["rep", next.repId],
    ["stage", next.stageId],
    ["flag", next.flag],
    ["forecast", next.forecast],
    ["view", next.view === "board" ? undefined : next.view],
    ["page", next.page === 1 ? undefined : next.page],
  ];
  const search = new URLSearchParams();
  for (const [key, value] of entries) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text === "" ? "/pipeline" : `/pipeline?${text}`;
}
