import { z } from "zod";
import { idField } from "./admin-fields";
import { boundedDate, safeText } from "./bounded";

const blankToNull = (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value);

export const NEXT_STEP_MAX_LENGTH = 500;

/** The next step and expected close date of one deal; a blank field clears the value. */
export const updateDealNextStepSchema = z.object({
  dealId: idField,
  nextStep: z.preprocess(blankToNull, safeText(NEXT_STEP_MAX_LENGTH, { trim: true }).nullable()),
  // A calendar date (the column is a DATE): no time zone can shift it.
  expectedCloseAt: z.preprocess(blankToNull, boundedDate.nullable()),
});
export type UpdateDealNextStepInput = z.infer<typeof updateDealNextStepSchema>;

/** A yes/no answer to one exit criterion of one deal. */
export const answerDealCriterionSchema = z.object({
  dealId: idField,
  criterionId: idField,
  answer: z.enum(["yes", "no"]).transform((value) => value === "yes"),
});
export type AnswerDealCriterionInput = z.infer<typeof answerDealCriterionSchema>;
