import { z } from "zod";

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
const id = z.coerce.number().int().positive().max(2_147_483_647);

function pick<T>(schema: z.ZodType<T>, raw: unknown): T | undefined {
  const parsed = schema.safeParse(one(raw));
  return parsed.success ? parsed.data : undefined;
}

/** `?type=&rep=&response=yes|no&on=deal|lead|none&deal=&lead=&sort=at|rep&dir=&page=`; each bad part falls back on its own. */
export function parseActivityDrill(params: Record<string, unknown>): ActivityDrillFilter {
  return {
    type: pick(z.enum(ACTIVITY_DRILL_TYPES), params.type),
    repId: pick(id, params.rep),
    response: pick(z.enum(ACTIVITY_RESPONSES), params.response),
    subject: pick(z.enum(ACTIVITY_SUBJECTS), params.on),
    dealId: pick(id, params.deal),
    leadId: pick(id, params.lead),
    sort: pick(z.enum(ACTIVITY_SORTS), params.sort) ?? "at",
    dir: pick(z.enum(["asc", "desc"]), params.dir) ?? "desc",
    page: pick(z.coerce.number().int().min(1).max(100_000), params.page) ?? 1,
  };
}

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
