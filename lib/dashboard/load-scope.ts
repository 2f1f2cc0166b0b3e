import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { getOrganization } from "@/lib/data/get-organization";
import { getScopeLabels } from "@/lib/kpi/get-scope-labels";
import { periodOf, previousPeriod, type Period } from "@/lib/kpi/period";
import { getFormatter, type Formatter } from "@/lib/i18n/get-formatter";
import { getTranslations } from "@/lib/i18n/get-translations";
import { parseDashboardQuery } from "@/lib/validation/dashboard-query";
import type { DashboardScope } from "./scope";

async function periodLabel(period: Period, format: Formatter): Promise<string> {
  const t = await getTranslations("dashboard");
  const { spec } = period;
  switch (spec.kind) {
    case "year":
      return String(spec.year);
    case "quarter":
      return t("quarterLabel", { quarter: spec.quarter, year: spec.year });
    default:
      return `${format.date(period.start)} – ${format.date(new Date(period.end.getTime() - 1))}`;
  }
}

/**
 * The dashboard's query from the URL, checked against what the viewer may see: a team or pipeline outside
 * the scope falls back to all, a period outside the data to the current year.
 */
export async function loadScope(viewer: Viewer, params: Record<string, unknown>): Promise<DashboardScope> {
  const [org, labels] = await Promise.all([getOrganization(viewer), getScopeLabels(viewer)]);
  const parsed = parseDashboardQuery(params, org);
  const query = {
    spec: parsed.spec,
    pipelineId: labels.pipelines.some((p) => p.id === parsed.pipelineId) ? parsed.pipelineId : undefined,
    teamId: viewer.role !== "REP" && labels.teams.some((team) => team.id === parsed.teamId) ? parsed.teamId : undefined,
  };
  const period = periodOf(query.spec, org.timeZone);
  const previous = previousPeriod(period);
  const format = await getFormatter(org);
  return {
    viewer,
    org,
    query,
    period,
    previous,
    filter: query.teamId === undefined ? {} : { teamIds: [query.teamId] },
    labels,
    format,
    periodLabel: await periodLabel(period, format),
    previousLabel: await periodLabel(previous, format),
  };
}

/** The years the period picker offers: the organisation's first year with data to the current one. */
export function pickerYears(org: { firstYear: number; currentYear: number }): number[] {
  const first = Math.min(org.firstYear, org.currentYear);
  return Array.from({ length: org.currentYear - first + 1 }, (_, index) => org.currentYear - index);
}
