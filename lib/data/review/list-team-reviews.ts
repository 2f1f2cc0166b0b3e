import "server-only";
import { db } from "@/lib/db/client";
import type { ReviewSection, ReviewStatus } from "@/lib/db/generated/enums";
import type { Viewer } from "@/lib/auth/viewer";
import { listReviewTeams, type ReviewTeam } from "./review-team";

export interface TeamReviewProgress {
  team: ReviewTeam;
  status: ReviewStatus | null;
  doneSections: ReviewSection[];
  answers: number;
  goals: number;
  updatedAt: string | null;
  completedAt: string | null;
}

/** Every team the viewer may review, with its review of the year (or none yet) and how far it got. */
export async function listTeamReviews(viewer: Viewer, year: number): Promise<TeamReviewProgress[]> {
  const teams = await listReviewTeams(viewer);
  const reviews = await db.review.findMany({
    where: { orgId: viewer.orgId, year, teamId: { in: teams.map((team) => team.id) } },
    select: {
      teamId: true,
      status: true,
      doneSections: true,
      updatedAt: true,
      completedAt: true,
      _count: { select: { goals: true, answers: { where: { answer: { not: "" } } } } },
    },
  });
  const byTeam = new Map(reviews.map((review) => [review.teamId, review]));
  return teams.map((team) => {
    const review = byTeam.get(team.id);
    return {
      team,
      status: review?.status ?? null,
      doneSections: review?.doneSections ?? [],
      answers: review?._count.answers ?? 0,
      goals: review?._count.goals ?? 0,
      updatedAt: review?.updatedAt.toISOString() ?? null,
      completedAt: review?.completedAt?.toISOString() ?? null,
    };
  });
}
