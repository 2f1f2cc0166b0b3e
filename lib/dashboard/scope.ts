import "server-only";
import { cache } from "react";
import type { Viewer } from "@/lib/auth/viewer";
import type { OrganizationSummary } from "@/lib/data/get-organization";
import { getDealMetrics } from "@/lib/kpi/get-deal-metrics";
import type { KpiFilter } from "@/lib/kpi/kpi-filter";
import type { Period } from "@/lib/kpi/period";
import type { ScopeLabels } from "@/lib/kpi/query-scope-labels";
import type { Formatter } from "@/lib/i18n/get-formatter";
import { dashboardSearch, type DashboardQuery } from "@/lib/validation/dashboard-query";
import { activityDrillEntries, type ActivityDrillFilter } from "@/lib/validation/activity-drill";
import { dealDrillEntries, leadDrillEntries, type DealDrillFilter, type LeadDrillFilter } from "@/lib/validation/dashboard-drill";

/** Everything a dashboard panel needs, built once by the page and passed by reference. */
export interface DashboardScope {
  viewer: Viewer;
  org: OrganizationSummary;
  query: DashboardQuery;
  period: Period;
  previous: Period;
  filter: KpiFilter;
  labels: ScopeLabels;
  format: Formatter;
  /** "2025", "Q2 2025", "1 Mar 2025 – 15 Apr 2025" */
  periodLabel: string;
  previousLabel: string;
}

export function dealsHref(scope: DashboardScope, filter: Partial<DealDrillFilter>): string {
  return `/drill/deals?${dashboardSearch(scope.query, dealDrillEntries(filter)).toString()}`;
}

export function leadsHref(scope: DashboardScope, filter: Partial<LeadDrillFilter>): string {
  return `/drill/leads?${dashboardSearch(scope.query, leadDrillEntries(filter)).toString()}`;
}

/** First meetings count deals (not leads) and ignore the pipeline filter, as the hand-over chain does. */
/** The hand-over chain's won deals: deals won from leads handed over in P (the chain ignores the pipeline filter). */
export function handedOverWonHref(scope: DashboardScope): string {
  return handedOverDealsHref(scope, "WON");
}

/** Deals from leads handed over in P with this status (the chain ignores the pipeline filter). */
export function handedOverDealsHref(scope: DashboardScope, status: "OPEN" | "WON"): string {
  const query = { ...scope.query, pipelineId: undefined };
  return `/drill/deals?${dashboardSearch(query, dealDrillEntries({ basis: "fromHandedOver", status, sort: "createdAt" })).toString()}`;
}

export function firstMeetingsHref(scope: DashboardScope): string {
  const query = { ...scope.query, pipelineId: undefined };
  return `/drill/deals?${dashboardSearch(query, dealDrillEntries({ basis: "firstMeeting", sort: "createdAt" })).toString()}`;
}

export function activitiesHref(scope: DashboardScope, filter: Partial<ActivityDrillFilter>): string {
  return `/drill/activities?${dashboardSearch(scope.query, activityDrillEntries(filter)).toString()}`;
}

/** The headline cards and the expansion panel read the same figures: one query per request. */
export const cachedDealMetrics = cache((scope: DashboardScope) =>
  getDealMetrics(scope.viewer, { period: scope.period, filter: scope.filter, pipelineId: scope.query.pipelineId }),
);
