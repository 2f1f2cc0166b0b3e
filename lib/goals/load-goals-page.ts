import "server-only";
import { notFound } from "next/navigation";
import type { Viewer } from "@/lib/auth/viewer";
import { getOrganization, type OrganizationSummary } from "@/lib/data/get-organization";
import { listReviewTeams, type ReviewTeam } from "@/lib/data/review/review-team";
import { reviewYear } from "@/lib/validation/review";
import { listGoalProgress, type GoalProgressList } from "./goal-progress";

export interface GoalsPage {
  year: number;
  org: OrganizationSummary;
  team: ReviewTeam;
  teams: ReviewTeam[];
  progress: GoalProgressList;
}

/**
 * `/plan/[year]?team=`: the goals of a team's plan for `year`. A manager of the team or an admin; a rep is not found
 * (a rep's own goals show on My KPIs), as are a year outside [first year with data + 1, next year] and a team outside
 * the scope. Without `team`, a single team stands in, else the team picker.
 */
export async function loadGoalsPage(viewer: Viewer, rawYear: string, params: Record<string, string | string[] | undefined>): Promise<GoalsPage | { pickTeam: ReviewTeam[]; year: number }> {
  if (viewer.role === "REP") notFound();
  const parsed = reviewYear.safeParse(rawYear);
  if (!parsed.success) notFound();
  const year = parsed.data;
  const org = await getOrganization(viewer);
  if (year < Math.min(org.firstYear, org.currentYear) + 1 || year > org.currentYear + 1) notFound();
  const teams = await listReviewTeams(viewer);
  const rawTeam = Array.isArray(params.team) ? params.team[0] : params.team;
  const team = rawTeam !== undefined ? teams.find((candidate) => String(candidate.id) === rawTeam) : teams.length === 1 ? teams[0] : undefined;
  if (!team) {
    if (rawTeam !== undefined || teams.length === 0) notFound();
    return { pickTeam: teams, year };
  }
  const progress = await listGoalProgress(viewer, { planYear: year, teamIds: [team.id], includeDrafts: true });
  return { year, org, team, teams, progress };
}
