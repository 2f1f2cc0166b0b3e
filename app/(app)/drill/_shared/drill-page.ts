// What the three drill-through pages (deals, leads, activities) share around their own table and filters.
import { homePath } from "@/lib/auth/home-path";
import { DRILL_PAGE_SIZE } from "@/lib/validation/dashboard-drill";
import { dashboardSearch } from "@/lib/validation/dashboard-query";
import type { DashboardScope } from "@/lib/dashboard/scope";

/** Back to the page the numbers came from (the dashboard, or My KPIs for a rep), with the same period and filters. */
export function drillBackHref(scope: DashboardScope): string {
  return `${homePath(scope.viewer.role)}?${dashboardSearch(scope.query).toString()}`;
}

/** How many pages of DRILL_PAGE_SIZE rows `total` rows make; an empty table still has its one page. */
export function drillPageCount(total: number): number {
  return Math.max(1, Math.ceil(total / DRILL_PAGE_SIZE));
}

/** The filter chips that apply, in order: each entry is a label, or false/undefined when that filter is not set. */
export function presentChips(chips: ReadonlyArray<string | false | null | undefined>): string[] {
  return chips.filter((chip): chip is string => typeof chip === "string" && chip.length > 0);
}

/** The chip of the team filter, when the page is narrowed to one team. */
export function teamChip(scope: DashboardScope): string | undefined {
  const { teamId } = scope.query;
  return teamId === undefined ? undefined : scope.labels.teams.find((team) => team.id === teamId)?.name;
}
