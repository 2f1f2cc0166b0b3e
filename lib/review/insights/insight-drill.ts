import type { PeriodSpec } from "@/lib/kpi/period";
import { activityDrillEntries } from "@/lib/validation/activity-drill";
import { dealDrillEntries, leadDrillEntries } from "@/lib/validation/dashboard-drill";
import { dashboardSearch, type DashboardQuery } from "@/lib/validation/dashboard-query";
import type { InsightFinding } from "./insight";

/** The period and team an insight was computed for: its drill link opens the same rows. */
export interface InsightScope {
  spec: PeriodSpec;
  teamId: number | undefined;
}

/**
 * The drill-through page (app/(app)/drill) listing the rows behind a finding, or null where no page lists them
 * (coaching sessions and commitments have none).
 */
export function insightDrill(finding: InsightFinding, scope: InsightScope): string | null {
  const query: DashboardQuery = { spec: scope.spec, pipelineId: undefined, teamId: scope.teamId };
  const link = (page: "deals" | "leads" | "activities", entries: Record<string, string | undefined>, narrowed: Partial<DashboardQuery> = {}) =>
    `/drill/${page}?${dashboardSearch({ ...query, ...narrowed }, entries).toString()}`;
  switch (finding.code) {
    case "HANDOFF_BOTTLENECK":
      return link("leads", leadDrillEntries({ basis: "handedOver" }));
    case "STAGE_DROP":
    case "STALLED_STAGE":
      return link("deals", dealDrillEntries({ basis: "entered", stageId: finding.stage.id }), { pipelineId: finding.figures.pipeline.id });
    case "LOW_ACTIVITY":
      return link("activities", activityDrillEntries({ repId: finding.rep.id }));
    case "LOW_EFFECTIVENESS":
      return finding.figures.below.includes("responseRate")
        ? link("activities", activityDrillEntries({ repId: finding.rep.id }))
        : link("leads", leadDrillEntries({ basis: "handedOver", repId: finding.rep.id }));
    case "FORECAST_BIAS": {
      // The worst month's won deals: what the forecast was measured against.
      const [year, month] = finding.figures.worstMonth.month.split("-").map(Number) as [number, number];
      const last = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
      return link("deals", dealDrillEntries({ basis: "closed", status: "WON" }), { spec: { kind: "custom", from: `${finding.figures.worstMonth.month}-01`, to: last } });
    }
    case "QUALIFICATION_GAPS":
      return link("deals", dealDrillEntries({ basis: "openEnd" }));
    case "QUOTA_MISS_CONCENTRATION":
      return link("deals", dealDrillEntries({ basis: "closed", status: "WON" }));
    case "COACHING_BELOW_TARGET":
    case "COMMITMENTS_SLIPPING":
      return null;
  }
}
