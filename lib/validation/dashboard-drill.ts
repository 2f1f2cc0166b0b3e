import { z } from "zod";
import { idParam, safeText } from "./bounded";
import { checkCustomRange, dashboardQueryParams } from "./dashboard-query";

export const DRILL_PAGE_SIZE = 50;

const one = (raw: unknown) => (Array.isArray(raw) ? raw[0] : raw);
const DIRS = ["asc", "desc"] as const;
/** `?page=`: far beyond any real table, small enough for an OFFSET. */
export const drillPageParam = z.coerce.number().int().min(1).max(100_000);

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

/** Each query parameter of the deal drill-through, by its name in the URL. */
const dealDrillParams = {
  basis: z.enum(DEAL_BASES),
  status: z.enum(DEAL_STATUSES),
  rep: idParam,
  stage: idParam,
  flow: z.enum(DEAL_FLOWS),
  lostFrom: idParam,
  reason: safeText(200).min(1),
  fromLead: z.enum(["1"]),
  sort: z.enum(DEAL_SORTS),
  dir: z.enum(DIRS),
  page: drillPageParam,
};

/** `?basis=&status=&rep=&stage=&flow=&lostFrom=&reason=&fromLead=1&sort=&dir=&page=`; each bad part falls back on its own. */
export function parseDealDrill(params: Record<string, unknown>): DealDrillFilter {
  const p = dealDrillParams;
  return {
    basis: pick(p.basis, params.basis) ?? "closed",
    status: pick(p.status, params.status),
    repId: pick(p.rep, params.rep),
    stageId: pick(p.stage, params.stage),
    flow: pick(p.flow, params.flow),
    lostFromStageId: pick(p.lostFrom, params.lostFrom),
    lostReason: pick(p.reason, params.reason),
    fromLead: pick(p.fromLead, params.fromLead) ? true : undefined,
    sort: pick(p.sort, params.sort) ?? "closedAt",
    dir: pick(p.dir, params.dir) ?? "desc",
    page: pick(p.page, params.page) ?? 1,
  };
}

/** The deal export's query (the page's filters and period), checked strictly: a bad value is refused, naming its field. */
export const dealExportQuery = z.object({ ...dashboardQueryParams, ...dealDrillParams }).partial().superRefine(checkCustomRange);

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

/** Each query parameter of the lead drill-through, by its name in the URL. */
const leadDrillParams = {
  basis: z.enum(LEAD_BASES),
  outcome: z.enum(LEAD_OUTCOMES),
  source: z.enum(LEAD_SOURCES),
  rep: idParam,
  sort: z.enum(LEAD_SORTS),
  dir: z.enum(DIRS),
  page: drillPageParam,
};

/** `?basis=&outcome=&source=&rep=&sort=&dir=&page=`; each bad part falls back on its own. */
export function parseLeadDrill(params: Record<string, unknown>): LeadDrillFilter {
  const p = leadDrillParams;
  return {
    basis: pick(p.basis, params.basis) ?? "handedOver",
    outcome: pick(p.outcome, params.outcome),
    source: pick(p.source, params.source),
    repId: pick(p.rep, params.rep),
    sort: pick(p.sort, params.sort) ?? "createdAt",
    dir: pick(p.dir, params.dir) ?? "desc",
    page: pick(p.page, params.page) ?? 1,
  };
}

/** The lead export's query, checked strictly like the deal export's. */
export const leadExportQuery = z.object({ ...dashboardQueryParams, ...leadDrillParams }).partial().superRefine(checkCustomRange);

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
