import "server-only";
import { notFound } from "next/navigation";
import type { Viewer } from "@/lib/auth/viewer";
import { loadScope } from "@/lib/dashboard/load-scope";
import { dealsHref, type DashboardScope } from "@/lib/dashboard/scope";
import { getOrganization, type OrganizationSummary } from "@/lib/data/get-organization";
import { getPipelinePlan, type SavedPipelinePlan } from "@/lib/data/plan/pipeline-plan";
import { listReviewTeams, type ReviewTeam } from "@/lib/data/review/review-team";
import { kpiDb } from "@/lib/kpi/kpi-db";
import { reviewYear } from "@/lib/validation/review";
import { planActuals, type PlanActuals } from "./plan-actuals";
import { planDefaults, type PlanDefaults } from "./plan-defaults";

export interface PipelinePlanPage {
  year: number;
  org: OrganizationSummary;
  team: ReviewTeam;
  teams: ReviewTeam[];
  defaults: PlanDefaults;
  saved: SavedPipelinePlan | null;
  /** The plan year has begun: what happened so far. */
  actuals: PlanActuals | null;
  /** A plan may be saved for the current and the next year. */
  editable: boolean;
  /** Drill-throughs of this year's figures the assumptions come from. */
  links: { won: string; created: string; actualWon: string | null };
}

/**
 * `/plan/[year]/pipeline?team=`: a manager of the team or an admin; a rep, a year outside [first year with data + 1,
 * next year] or a team outside the scope is not found. Without `team`, a single team stands in, else the team picker.
 */
export async function loadPipelinePlanPage(viewer: Viewer, rawYear: string, params: Record<string, string | string[] | undefined>): Promise<PipelinePlanPage | { pickTeam: ReviewTeam[]; year: number }> {
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
  const started = year <= org.currentYear;
  const [defaults, saved, actuals, base, current] = await Promise.all([
    planDefaults(kpiDb, viewer, { teamId: team.id, planYear: year, timeZone: org.timeZone }),
    getPipelinePlan(viewer, { teamId: team.id, year }),
    started ? planActuals(kpiDb, viewer, { teamId: team.id, year, timeZone: org.timeZone }) : Promise.resolve(null),
    loadScope(viewer, { year: String(year - 1), team: String(team.id) }),
    started ? loadScope(viewer, { year: String(year), team: String(team.id) }) : Promise.resolve(null as DashboardScope | null),
  ]);
  return {
    year,
    org,
    team,
    teams,
    defaults,
    saved,
    actuals,
    editable: year >= org.currentYear,
    links: {
      won: dealsHref(base, { basis: "closed", status: "WON" }),
      created: dealsHref(base, { basis: "created" }),
      actualWon: current ? dealsHref(current, { basis: "closed", status: "WON" }) : null,
    },
  };
}
