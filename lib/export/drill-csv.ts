// The drill-throughs' CSV rows: the columns of the deals and leads exports (app/api/export/*), shared with the tests
// that check the streamed file against the page's rows.
import { localDate } from "@/lib/kpi/period";
import type { DrillDealRow } from "@/lib/data/drill-deals";
import type { DrillLeadRow } from "@/lib/data/drill-leads";

/**
 * Rows per batch of the deals and leads exports. Their sort columns have no index, so each batch is one pass over
 * the matching rows (a bounded top-N sort, then the batch's own rows joined): fewer, larger batches make the whole
 * export faster while memory stays one batch (a few MB).
 */
export const DRILL_EXPORT_BATCH = 5000;

export const DEAL_CSV_HEADER = ["id", "deal", "account", "owner", "team", "pipeline", "stage", "type", "status", "amount", "createdAt", "expectedCloseAt", "closedAt", "cycleDays", "lostReason"];

export function dealCsvCells(d: DrillDealRow, tz: string): Array<string | number | null> {
  return [
    d.id, d.name, d.account, d.owner, d.team, d.pipeline, d.stage, d.type, d.status, d.amount,
    localDate(d.createdAt, tz), d.expectedCloseAt ? d.expectedCloseAt.toISOString().slice(0, 10) : null,
    d.closedAt ? localDate(d.closedAt, tz) : null, d.cycleDays, d.lostReason,
  ];
}

export const LEAD_CSV_HEADER = ["id", "lead", "account", "source", "status", "sdr", "team", "ae", "createdAt", "handedOverAt", "deals", "wonDeals"];

export function leadCsvCells(l: DrillLeadRow, tz: string): Array<string | number | null> {
  return [
    l.id, l.name, l.account, l.source, l.status, l.owner, l.team, l.ae,
    localDate(l.createdAt, tz), l.handedOverAt ? localDate(l.handedOverAt, tz) : null, l.deals, l.wonDeals,
  ];
}
