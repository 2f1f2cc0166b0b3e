import { listDrillDeals } from "@/lib/data/drill-deals";
import { authedRoute } from "@/lib/http/authed-route";
import { localDate } from "@/lib/kpi/period";
import { csvStream } from "@/lib/report/csv-stream";
import { dealExportQuery, parseDealDrill } from "@/lib/validation/dashboard-drill";
import { loadScope } from "@/lib/dashboard/load-scope";

const HEADER = ["id", "deal", "account", "owner", "team", "pipeline", "stage", "type", "status", "amount", "createdAt", "expectedCloseAt", "closedAt", "cycleDays", "lostReason"];

/** The drill-through's deals as CSV: the same filters and order as the page, every page of it. */
export const GET = authedRoute(dealExportQuery, async (viewer, params) => {
  const scope = await loadScope(viewer, params);
  const filter = parseDealDrill(params);
  const tz = scope.org.timeZone;
  return csvStream(
    HEADER,
    async (offset, limit) => {
      const { rows } = await listDrillDeals(viewer, { period: scope.period, pipelineId: scope.query.pipelineId, teamId: scope.query.teamId, filter, offset, limit });
      return rows.map((d) => [
        d.id, d.name, d.account, d.owner, d.team, d.pipeline, d.stage, d.type, d.status, d.amount,
        localDate(d.createdAt, tz), d.expectedCloseAt ? d.expectedCloseAt.toISOString().slice(0, 10) : null,
        d.closedAt ? localDate(d.closedAt, tz) : null, d.cycleDays, d.lostReason,
      ]);
    },
    `deals-${scope.period.startDate}-${scope.period.endDate}.csv`,
  );
});
