import { z } from "zod";
import { idParam } from "./bounded";
import { drillPageParam } from "./dashboard-drill";
import { checkCustomRange, dashboardQueryParams } from "./dashboard-query";

export const ACTIVITY_DRILL_TYPES = ["CALL", "EMAIL", "SOCIAL", "MEETING"] as const;
export const ACTIVITY_RESPONSES = ["yes", "no"] as const;
/** What an activity was about: a deal, a lead (and no deal), or neither. */
export const ACTIVITY_SUBJECTS = ["deal", "lead", "none"] as const;
// Both orders are served by the (rep_id, at) index: newest/oldest first, or rep by rep, newest first.
export const ACTIVITY_SORTS = ["at", "rep"] as const;

/** Which activities a drill-through lists, besides the period and team of the dashboard query. */
export interface ActivityDrillFilter {
  type?: (typeof ACTIVITY_DRILL_TYPES)[number];
  repId?: number;
  response?: (typeof ACTIVITY_RESPONSES)[number];
  subject?: (typeof ACTIVITY_SUBJECTS)[number];
  /** Only the activities on this deal (or lead). */
  dealId?: number;
  leadId?: number;
  sort: (typeof ACTIVITY_SORTS)[number];
  dir: "asc" | "desc";
  page: number;
}

const one = (raw: unknown) => (Array.isArray(raw) ? raw[0] : raw);

function pick<T>(schema: z.ZodType<T>, raw: unknown): T | undefined {
  const parsed = schema.safeParse(one(raw));
  return parsed.success ? parsed.data : undefined;
}

/** Each query parameter of the activity drill-through, by its name in the URL. */
const activityDrillParams = {
  type: z.enum(ACTIVITY_DRILL_TYPES),
  rep: idParam,
  response: z.enum(ACTIVITY_RESPONSES),
  on: z.enum(ACTIVITY_SUBJECTS),
  deal: idParam,
  lead: idParam,
  sort: z.enum(ACTIVITY_SORTS),
  dir: z.enum(["asc", "desc"]),
  page: drillPageParam,
};

/** `?type=&rep=&response=yes|no&on=deal|lead|none&deal=&lead=&sort=at|rep&dir=&page=`; each bad part falls back on its own. */
export function parseActivityDrill(params: Record<string, unknown>): ActivityDrillFilter {
  const p = activityDrillParams;
  return {
    type: pick(p.type, params.type),
    repId: pick(p.rep, params.rep),
    response: pick(p.response, params.response),
    subject: pick(p.on, params.on),
    dealId: pick(p.deal, params.deal),
    leadId: pick(p.lead, params.lead),
    sort: pick(p.sort, params.sort) ?? "at",
    dir: pick(p.dir, params.dir) ?? "desc",
    page: pick(p.page, params.page) ?? 1,
  };
}

/** The activity export's query (the page's filters and period), checked strictly: a bad value is refused, naming its field. */
export const activityExportQuery = z.object({ ...dashboardQueryParams, ...activityDrillParams }).partial().superRefine(checkCustomRange);

/** The drill filter as query-string entries (the inverse of parseActivityDrill), for links, forms and the CSV export. */
export function activityDrillEntries(filter: Partial<ActivityDrillFilter>): Record<string, string | undefined> {
  return {
    type: filter.type,
    rep: filter.repId?.toString(),
    response: filter.response,
    on: filter.subject,
    deal: filter.dealId?.toString(),
    lead: filter.leadId?.toString(),
    sort: filter.sort,
    dir: filter.dir,
    page: filter.page && filter.page > 1 ? String(filter.page) : undefined,
  };
}
