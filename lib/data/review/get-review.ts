import "server-only";
import { db } from "@/lib/db/client";
import type { InsightStatus, ReviewSection, ReviewStatus } from "@/lib/db/generated/enums";
import type { Viewer } from "@/lib/auth/viewer";
import { getReviewTeam, type ReviewTeam } from "./review-team";

export interface ReviewAnswerView {
  answer: string;
  version: number;
  updatedBy: string | null;
  updatedAt: string;
}

export interface ReviewGoalView {
  id: number;
  source: string | null;
  section: ReviewSection | null;
  title: string;
  metric: string;
  baseline: string | null;
  target: string | null;
  draft: boolean;
  dueAt: string;
  horizon: "SHORT_TERM" | "LONG_TERM";
  ownerId: number | null;
  ownerName: string | null;
}

export interface ReviewView {
  team: ReviewTeam;
  year: number;
  /** Null until the first answer, decision or tick creates the review. */
  id: number | null;
  status: ReviewStatus;
  completedAt: string | null;
  completedBy: string | null;
  doneSections: ReviewSection[];
  /** Sections with an answer, an insight decision or a goal drawn from them. */
  touchedSections: ReviewSection[];
  answers: Record<string, ReviewAnswerView>;
  insights: Record<string, { status: InsightStatus; reason: string | null; comment: string | null }>;
  goals: ReviewGoalView[];
}

/** A team's review of a year as the wizard shows it; a team outside the viewer's scope answers NOT_FOUND. */
export async function getReview(viewer: Viewer, input: { teamId: number; year: number }): Promise<ReviewView> {
  const team = await getReviewTeam(viewer, input.teamId);
  const review = await db.review.findUnique({
    where: { teamId_year: { teamId: team.id, year: input.year } },
    include: {
      completedBy: { select: { name: true } },
      answers: { include: { updatedBy: { select: { name: true } } } },
      insights: true,
      goals: { include: { owner: { select: { name: true } } }, orderBy: [{ position: "asc" }, { id: "asc" }] },
    },
  });
  if (!review || review.orgId !== viewer.orgId) {
    return { team, year: input.year, id: null, status: "DRAFT", completedAt: null, completedBy: null, doneSections: [], touchedSections: [], answers: {}, insights: {}, goals: [] };
  }
  const done = review.doneSections ?? [];
  const touched = new Set<ReviewSection>(done);
  for (const answer of review.answers) if (answer.answer.trim() !== "") touched.add(answer.section);
  for (const goal of review.goals) if (goal.section) touched.add(goal.section);
  return {
    team,
    year: review.year,
    id: review.id,
    status: review.status,
    completedAt: review.completedAt?.toISOString() ?? null,
    completedBy: review.completedBy?.name ?? null,
    doneSections: done,
    touchedSections: [...touched],
    answers: Object.fromEntries(
      review.answers.map((a) => [a.questionKey, { answer: a.answer, version: a.version, updatedBy: a.updatedBy?.name ?? null, updatedAt: a.updatedAt.toISOString() }]),
    ),
    insights: Object.fromEntries(review.insights.map((i) => [i.insightKey, { status: i.status, reason: i.reason, comment: i.comment }])),
    goals: review.goals.map((g) => ({
      id: g.id,
      source: g.source,
      section: g.section,
      title: g.title,
      metric: g.metric,
      baseline: g.baseline?.toString() ?? null,
      target: g.target?.toString() ?? null,
      draft: g.draft,
      dueAt: g.dueAt.toISOString().slice(0, 10),
      horizon: g.horizon,
      ownerId: g.ownerId,
      ownerName: g.owner?.name ?? null,
    })),
  };
}
