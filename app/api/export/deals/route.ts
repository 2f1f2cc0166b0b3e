import { listDrillDeals } from "@/lib/data/drill-deals";
import type { KeysetCursor } from "@/lib/data/keyset";
import { DRILL_EXPORT_BATCH, DEAL_CSV_HEADER, dealCsvCells } from "@/lib/export/drill-csv";
import { authedRoute } from "@/lib/http/authed-route";
import { csvStream } from "@/lib/report/csv-stream";
import { dealExportQuery, parseDealDrill } from "@/lib/validation/dashboard-drill";
import { loadScope } from "@/lib/dashboard/load-scope";

/**
 * The drill-through's deals as CSV: the same filters and order as the page, every page of it. Batches continue
 * after the previous batch's last row rather than at an offset, and skip the page's total, so a long export stays cheap.
 */
export const GET = authedRoute(dealExportQuery, async (viewer, params) => {
  const scope = await loadScope(viewer, params);
  const filter = parseDealDrill(params);
  const tz = scope.org.timeZone;
  let after: KeysetCursor | undefined;
  return csvStream(
    DEAL_CSV_HEADER,
    async (_offset, limit) => {
      const { rows } = await listDrillDeals(viewer, { period: scope.period, pipelineId: scope.query.pipelineId, teamId: scope.query.teamId, filter, limit, after, withoutTotal: true });
      const last = rows.at(-1);
      if (last) after = { key: last.sortKey, id: last.id };
      return rows.map((d) => dealCsvCells(d, tz));
    },
    `deals-${scope.period.startDate}-${scope.period.endDate}.csv`,
    { batch: DRILL_EXPORT_BATCH },
  );
});
