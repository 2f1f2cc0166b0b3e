import { listDrillLeads } from "@/lib/data/drill-leads";
import type { KeysetCursor } from "@/lib/data/keyset";
import { DRILL_EXPORT_BATCH, LEAD_CSV_HEADER, leadCsvCells } from "@/lib/export/drill-csv";
import { authedRoute } from "@/lib/http/authed-route";
import { csvStream } from "@/lib/report/csv-stream";
import { leadExportQuery, parseLeadDrill } from "@/lib/validation/dashboard-drill";
import { loadScope } from "@/lib/dashboard/load-scope";

/**
 * The drill-through's leads as CSV: the same filters and order as the page, every page of it. Batches continue
 * after the previous batch's last row rather than at an offset, and skip the page's total, so a long export stays cheap.
 */
export const GET = authedRoute(leadExportQuery, async (viewer, params) => {
  const scope = await loadScope(viewer, params);
  const filter = parseLeadDrill(params);
  const tz = scope.org.timeZone;
  let after: KeysetCursor | undefined;
  return csvStream(
    LEAD_CSV_HEADER,
    async (_offset, limit) => {
      const { rows } = await listDrillLeads(viewer, { period: scope.period, teamId: scope.query.teamId, filter, limit, after, withoutTotal: true });
      const last = rows.at(-1);
      if (last) after = { key: last.sortKey, id: last.id };
      return rows.map((l) => leadCsvCells(l, tz));
    },
    `leads-${scope.period.startDate}-${scope.period.endDate}.csv`,
    { batch: DRILL_EXPORT_BATCH },
  );
});
