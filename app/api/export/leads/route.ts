import { listDrillLeads } from "@/lib/data/drill-leads";
import { authedRoute } from "@/lib/http/authed-route";
import { localDate } from "@/lib/kpi/period";
import { csvStream } from "@/lib/report/csv-stream";
import { leadExportQuery, parseLeadDrill } from "@/lib/validation/dashboard-drill";
import { loadScope } from "@/lib/dashboard/load-scope";

const HEADER = ["id", "lead", "account", "source", "status", "sdr", "team", "ae", "createdAt", "handedOverAt", "deals", "wonDeals"];

/** The drill-through's leads as CSV: the same filters and order as the page, every page of it. */
export const GET = authedRoute(leadExportQuery, async (viewer, params) => {
  const scope = await loadScope(viewer, params);
  const filter = parseLeadDrill(params);
  const tz = scope.org.timeZone;
  return csvStream(
    HEADER,
    async (offset, limit) => {
      const { rows } = await listDrillLeads(viewer, { period: scope.period, teamId: scope.query.teamId, filter, offset, limit });
      return rows.map((l) => [
        l.id, l.name, l.account, l.source, l.status, l.owner, l.team, l.ae,
        localDate(l.createdAt, tz), l.handedOverAt ? localDate(l.handedOverAt, tz) : null, l.deals, l.wonDeals,
      ]);
    },
    `leads-${scope.period.startDate}-${scope.period.endDate}.csv`,
  );
});
