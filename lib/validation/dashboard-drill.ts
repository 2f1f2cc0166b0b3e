import { z } from "zod";

export const DRILL_PAGE_SIZE = 50;

const one = (raw: unknown) => (Array.isArray(raw) ? raw[0] : raw);
const id = z.coerce.number().int().positive();

function pick<T>(schema: z.ZodType<T>, raw: unknown): T | undefined {
  const parsed = schema.safeParse(one(raw));
  return parsed.success ? parsed.data : undefined;
}

export const DEAL_BASES = ["closed", "created", "openStart", "openEnd", "coverage", "expansion", "churn", "entered", "firstMeeting", "fromHandedOver"] as const;
export const DEAL_SORTS = ["closedAt", "createdAt", "amount", "name", "owner", "stage", "cycle"] as const;
export const DEAL_STATUSES = ["OPEN", "WON", "LOST"] as const;
/** Where deals that entered a stage went next (KPI.md "Stages"): advanced + lost + still = entered. */
export const DEAL_FLOWS = ["advanced", "lost", "still"] as const;

/** Which deals a drill-through lists, besides the period/pipeline/team of the dashboard query. */
export interface DealDrillFilter {
  /**
   * closed: closedAt in P; created: createdAt in P; openStart/openEnd: open at the start / end of P; coverage:
   * open at the end of P and expected to close in the next period; entered: entered `stageId` in P;
   * firstMeeting: deals from leads handed over in P that reached their pipeline's first-meeting stage, owned (as
   * the hand-over chain counts them) by the lead's SDR, else its AE.
   */
  basis: (typeof DEAL_BASES)[number];
  /** With basis entered: of the deals that entered the stage, those that advanced, were lost, or are still there. */
  flow?: (typeof DEAL_FLOWS)[number];
  status?: (typeof DEAL_STATUSES)[number];
  repId?: number;
  stageId?: number;
  /** Deals lost from this stage (with basis closed and status LOST). */
  lostFromStageId?: number;
  lostReason?: string;
  fromLead?: boolean;
  sort: (typeof DEAL_SORTS)[number];
  dir: "asc" | "desc";
  page: number;
}

/** `?basis=&status=&rep=&stage=&flow=&lostFrom=&reason=&fromLead=1&sort=&dir=&page=`; each bad part falls back on its own. */
export function parseDealDrill(params: Record<string, unknown>): DealDrillFilter {
  return {
    basis: pick(z.enum(DEAL_BASES), params.basis) ?? "closed",
    status: pick(z.enum(DEAL_STATUSES), params.status),
    repId: pick(id, params.rep),
    stageId: pick(id, params.stage),
    flow: pick(z.enum(DEAL_FLOWS), params.flow),
    lostFromStageId: pick(id, params.lostFrom),
    lostReason: pick(z.string().min(1).max(200), params.reason),
    fromLead: one(params.fromLead) === "1" ? true : undefined,
    sort: pick(z.enum(DEAL_SORTS), params.sort) ?? "closedAt",
    dir: pick(z.enum(["asc", "desc"]), params.dir) ?? "desc",
    page: pick(z.coerce.number().int().min(1).max(100_000), params.page) ?? 1,
  };
}

/** The drill filter as query-string entries (page and sort included), for links and the CSV export. */
export function dealDrillEntries(filter: Partial<DealDrillFilter>): Record<string, string | undefined> {
  return {
    basis: filter.basis,
    status: filter.status,
    rep: filter.repId?.toString(),
    stage: filter.stageId?.toString(),
    flow: filter.flow,
    lostFrom: filter.lostFromStageId?.toString(),
    reason: filter.lostReason,
    fromLead: filter.fromLead ? "1" : undefined,
    sort: filter.sort,
    dir: filter.dir,
    page: filter.page && filter.page > 1 ? String(filter.page) : undefined,
  };
}

export const LEAD_BASES = ["created", "handedOver"] as const;
export const LEAD_OUTCOMES = ["converted", "won"] as const;
export const LEAD_SOURCES = ["INBOUND", "OUTBOUND", "REFERRAL", "EVENT", "PARTNER", "OTHER"] as const;
export const LEAD_SORTS = ["createdAt", "handedOverAt", "name", "owner", "source"] as const;

/** Which leads a drill-through lists: created or handed over in P, optionally only those that became a deal or a won deal. */
export interface LeadDrillFilter {
  basis: (typeof LEAD_BASES)[number];
  outcome?: (typeof LEAD_OUTCOMES)[number];
  source?: (typeof LEAD_SOURCES)[number];
  repId?: number;
  sort: (typeof LEAD_SORTS)[number];
  dir: "asc" | "desc";
  page: number;
}

export function parseLeadDrill(params: Record<string, unknown>): LeadDrillFilter {
  return {
    basis: pick(z.enum(LEAD_BASES), params.basis) ?? "handedOver",
    outcome: pick(z.enum(LEAD_OUTCOMES), params.outcome),
    source: pick(z.enum(LEAD_SOURCES), params.source),
    repId: pick(id, params.rep),
    sort: pick(z.enum(LEAD_SORTS), params.sort) ?? "createdAt",
    dir: pick(z.enum(["asc", "desc"]), params.dir) ?? "desc",
    page: pick(z.coerce.number().int().min(1).max(100_000), params.page) ?? 1,
  };
}

export function leadDrillEntries(filter: Partial<LeadDrillFilter>): Record<string, string | undefined> {
  return {
    basis: filter.basis,
    outcome: filter.outcome,
    source: filter.source,
    rep: filter.repId?.toString(),
    sort: filter.sort,
    dir: filter.dir,
    page: filter.page && filter.page > 1 ? String(filter.page) : undefined,
  };
}
