import { z } from "zod";
import { REVIEW_SECTIONS } from "@/lib/review/steps";
import { idField } from "./admin-fields";

/** An answer is free text; 20,000 characters is some ten pages, far beyond any honest answer. */
export const REVIEW_ANSWER_MAX_LENGTH = 20_000;
export const INSIGHT_NOTE_MAX_LENGTH = 2_000;
// Reviews close a past or the current year; this bounds the URL and the writes, the page narrows it to the data.
export const REVIEW_YEAR_MIN = 2000;
export const REVIEW_YEAR_MAX = 2100;

const noNul = (value: string) => !value.includes("\u0000");
const text = (max: number) => z.string().max(max).refine(noNul);

export const reviewYear = z.coerce.number().int().min(REVIEW_YEAR_MIN).max(REVIEW_YEAR_MAX);

const reviewRef = { teamId: idField, year: reviewYear };

export const saveReviewAnswerSchema = z.object({
  ...reviewRef,
  section: z.enum(REVIEW_SECTIONS),
  questionKey: z.string().regex(/^[a-zA-Z]{1,40}$/),
  answer: text(REVIEW_ANSWER_MAX_LENGTH),
  baseVersion: z.coerce.number().int().min(0).max(2_147_483_647),
});
export type SaveReviewAnswerInput = z.infer<typeof saveReviewAnswerSchema>;

export const setReviewSectionDoneSchema = z.object({
  ...reviewRef,
  section: z.enum(REVIEW_SECTIONS),
  done: z.enum(["true", "false"]).transform((value) => value === "true"),
});
export type SetReviewSectionDoneInput = z.infer<typeof setReviewSectionDoneSchema>;

export const setReviewStatusSchema = z.object({ ...reviewRef, status: z.enum(["COMPLETED", "DRAFT"]) });
export type SetReviewStatusInput = z.infer<typeof setReviewStatusSchema>;

const trimmed = (schema: z.ZodType) => z.preprocess((v) => (typeof v === "string" ? v.trim() : v), schema);
const insightRef = { ...reviewRef, insightKey: z.string().regex(/^[A-Z_]{3,40}(:(rep|stage):[0-9]{1,10})?$/) };

/** Accept (a goal draft), dismiss with a reason, reopen, or comment on one insight. */
export const decideReviewInsightSchema = z.discriminatedUnion("decision", [
  z.object({ ...insightRef, decision: z.literal("ACCEPT") }),
  z.object({ ...insightRef, decision: z.literal("REOPEN") }),
  z.object({ ...insightRef, decision: z.literal("DISMISS"), reason: trimmed(text(INSIGHT_NOTE_MAX_LENGTH).min(1)) as z.ZodType<string> }),
  z.object({ ...insightRef, decision: z.literal("COMMENT"), comment: trimmed(text(INSIGHT_NOTE_MAX_LENGTH)) as z.ZodType<string> }),
]);
export type DecideReviewInsightInput = z.infer<typeof decideReviewInsightSchema>;

export const trackReviewKpiSchema = z.object({
  ...reviewRef,
  metric: z.string().regex(/^[a-zA-Z]{1,40}$/),
  tracked: z.enum(["true", "false"]).transform((value) => value === "true"),
});
export type TrackReviewKpiInput = z.infer<typeof trackReviewKpiSchema>;
