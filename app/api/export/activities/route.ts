import { listDrillActivities, type ActivityCursor } from "@/lib/data/drill-activities";
import { authedRoute } from "@/lib/http/authed-route";
import { wallClock } from "@/lib/kpi/period";
import { csvStream } from "@/lib/report/csv-stream";
import { activityExportQuery, parseActivityDrill } from "@/lib/validation/activity-drill";
import { loadScope } from "@/lib/dashboard/load-scope";

const HEADER = ["id", "at", "type", "rep", "team", "dealId", "deal", "leadId", "lead", "responded"];

const two = (value: number) => String(value).padStart(2, "0");

/** "2025-03-04 09:05:00": the wall-clock time in the organisation's time zone, as the page shows it. */
function localDateTime(at: Date, timeZone: string): string {
  const w = wallClock(at.getTime(), timeZone);
  return `${w.year}-${two(w.month)}-${two(w.day)} ${two(w.hour)}:${two(w.minute)}:${two(w.second)}`;
}

/**
 * The drill-through's activities as CSV: the same filters and order as the page, every page of it. Batches
 * continue after the previous batch's last row rather than at an offset, so a long export stays cheap.
 */
export const GET = authedRoute(activityExportQuery, async (viewer, params) => {
  const scope = await loadScope(viewer, params);
  const filter = parseActivityDrill(params);
  const tz = scope.org.timeZone;
  let after: ActivityCursor | undefined;
  return csvStream(
    HEADER,
    async (_offset, limit) => {
      const { rows } = await listDrillActivities(viewer, { period: scope.period, teamId: scope.query.teamId, filter, offset: 0, limit, after, withoutTotal: true });
      after = rows.at(-1) ?? after;
      return rows.map((a) => [a.id, localDateTime(a.at, tz), a.type, a.rep, a.team, a.dealId, a.deal, a.leadId, a.lead, a.responded ? "yes" : "no"]);
    },
    `activities-${scope.period.startDate}-${scope.period.endDate}.csv`,
  );
});
