import { authedRoute } from "@/lib/http/authed-route";
import { buildReport } from "@/lib/report/build-report";
import { reportCsv } from "@/lib/report/report-csv";
import { reportExportQuery } from "@/lib/validation/dashboard-query";
import { loadScope } from "@/lib/dashboard/load-scope";

/** The dashboard's "Export" button: the report of `npm run report` for the dashboard's period and team, as JSON or CSV. */
export const GET = authedRoute(
  reportExportQuery,
  async (viewer, params, tx) => {
    const scope = await loadScope(viewer, params);
    const report = await buildReport(tx, viewer, { period: scope.period, teamId: scope.query.teamId });
    const name = `report-${scope.period.startDate}-${scope.period.endDate}`;
    const headers = { "Cache-Control": "private, no-store" };
    if (params.format === "csv") {
      return new Response(`\uFEFF${reportCsv(report)}`, { headers: { ...headers, "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}.csv"` } });
    }
    return new Response(JSON.stringify(report, null, 2), { headers: { ...headers, "Content-Type": "application/json; charset=utf-8", "Content-Disposition": `attachment; filename="${name}.json"` } });
  },
  { roles: ["MANAGER", "ADMIN"] },
);
