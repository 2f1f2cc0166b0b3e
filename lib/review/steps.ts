import type { ReviewSection } from "@/lib/db/generated/enums";

/** The wizard's steps in order, as they appear in the URL: the four sections, the action plan, the summary. */
export const REVIEW_STEPS = ["sales-process", "sales-kpis", "pipeline-review", "coaching", "action-plan", "summary"] as const;
export type ReviewStep = (typeof REVIEW_STEPS)[number];

export const REVIEW_SECTIONS = ["SALES_PROCESS", "SALES_KPIS", "PIPELINE_REVIEW", "COACHING"] as const satisfies readonly ReviewSection[];

export const SECTION_OF_STEP: Partial<Record<ReviewStep, ReviewSection>> = {
  "sales-process": "SALES_PROCESS",
  "sales-kpis": "SALES_KPIS",
  "pipeline-review": "PIPELINE_REVIEW",
  coaching: "COACHING",
};

export const STEP_OF_SECTION: Record<ReviewSection, ReviewStep> = {
  SALES_PROCESS: "sales-process",
  SALES_KPIS: "sales-kpis",
  PIPELINE_REVIEW: "pipeline-review",
  COACHING: "coaching",
};

/**
 * The guiding questions of each section (DESIGN.md, from the source article), as catalogue keys under
 * `review.questions.<section>`. A key is stored with each answer: renaming one orphans its answers.
 */
export const SECTION_QUESTIONS = {
  SALES_PROCESS: ["buyerHelp", "buyerInformation", "buyerNextStage", "stallAndLoss"],
  SALES_KPIS: ["realPicture", "deeperKpis", "handOver"],
  PIPELINE_REVIEW: ["oneProcess", "teachingMoments", "forecast"],
  COACHING: ["realProcess", "persistenceOrSkills", "commitments"],
} as const satisfies Record<ReviewSection, readonly string[]>;

export type QuestionKey = (typeof SECTION_QUESTIONS)[ReviewSection][number];

export function isQuestionOf(section: ReviewSection, key: string): boolean {
  return (SECTION_QUESTIONS[section] as readonly string[]).includes(key);
}

export type SectionState = "notStarted" | "inProgress" | "done";

/** Done when marked; in progress once anything in it was answered or decided; else not started. */
export function sectionState(section: ReviewSection, review: { doneSections: readonly ReviewSection[]; touchedSections: readonly ReviewSection[] }): SectionState {
  if (review.doneSections.includes(section)) return "done";
  return review.touchedSections.includes(section) ? "inProgress" : "notStarted";
}

/** The year a manager closes by default: the current one from November on, else the one before. */
export function defaultReviewYear(now: { year: number; month: number }): number {
  return now.month >= 11 ? now.year : now.year - 1;
}
