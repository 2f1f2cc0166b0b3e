import "server-only";
import { notFound } from "next/navigation";
import type { Viewer } from "@/lib/auth/viewer";
import { loadScope } from "@/lib/dashboard/load-scope";
import type { DashboardScope } from "@/lib/dashboard/scope";
import { getReview, type ReviewView } from "@/lib/data/review/get-review";
import { listReviewTeams, type ReviewTeam } from "@/lib/data/review/review-team";
import { reviewYear } from "@/lib/validation/review";

export interface ReviewPage {
  scope: DashboardScope;
  review: ReviewView;
  teams: ReviewTeam[];
}

/**
 * The review of `year` for the team in `?team=` (or the viewer's only team): its scope for the KPI panels and
 * its saved state. A rep, a year outside the organisation's data or a team outside the scope is not found.
 */
export async function loadReviewPage(viewer: Viewer, rawYear: string, params: Record<string, string | string[] | undefined>): Promise<ReviewPage | { pickTeam: ReviewTeam[]; year: number }> {
  if (viewer.role === "REP") notFound();
  const year = reviewYear.safeParse(rawYear);
  if (!year.success) notFound();
  const teams = await listReviewTeams(viewer);
  const rawTeam = Array.isArray(params.team) ? params.team[0] : params.team;
  // A team named in the URL must be one of the viewer's; only without one does a single team stand in.
  const team = rawTeam !== undefined ? teams.find((candidate) => String(candidate.id) === rawTeam) : teams.length === 1 ? teams[0] : undefined;
  if (!team) {
    if (rawTeam !== undefined || teams.length === 0) notFound();
    return { pickTeam: teams, year: year.data };
  }
  const scope = await loadScope(viewer, { year: String(year.data), team: String(team.id) });
  // loadScope falls back to the current year for a year outside the data; a review URL must not.
  if (scope.query.spec.kind !== "year" || scope.query.spec.year !== year.data || scope.query.teamId !== team.id) notFound();
  if (year.data < Math.min(scope.org.firstYear, scope.org.currentYear) || year.data > scope.org.currentYear) notFound();
  const review = await getReview(viewer, { teamId: team.id, year: year.data });
  return { scope, review, teams };
}
