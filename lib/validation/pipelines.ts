import { z } from "zod";
import type { BuyerStage } from "@/lib/db/generated/enums";
import { PIPELINE_TEMPLATES } from "@/lib/pipelines/templates";
import { booleanField, idField } from "./admin-fields";
import { safeText } from "./bounded";

// Bounds that keep the editor one screen per stage and the qualification query small (no source: judgement, well
// above the 6–8 stages and 2–5 criteria a B2B pipeline has in practice).
export const MAX_PIPELINES = 20;
export const MAX_OPEN_STAGES = 30;
export const MAX_CRITERIA = 20;
export const MAX_NAME_LENGTH = 80;
export const MAX_QUESTION_LENGTH = 300;

export const BUYER_STAGES = ["AWARENESS", "CONSIDERATION", "EVALUATION", "DECISION", "PURCHASE"] as const satisfies readonly BuyerStage[];

const blankToNull = (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value);

/** A pipeline's or a stage's name: 1–80 characters, no NUL, trimmed. */
export const pipelineNameField = safeText(MAX_NAME_LENGTH, { trim: true }).min(1);
const questionField = safeText(MAX_QUESTION_LENGTH, { trim: true }).min(1);
// An empty percentage is missing, not 0 (z.coerce would read "" as 0).
const probabilityField = z.preprocess((value) => (value === "" ? undefined : value), z.coerce.number().int().min(0).max(100));
const direction = z.enum(["up", "down"]);

/** Stage names one a line (start empty); blank lines are dropped. */
const stageLinesField = safeText((MAX_NAME_LENGTH + 2) * MAX_OPEN_STAGES)
  .transform((text) =>
    text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== ""),
  )
  .pipe(z.array(pipelineNameField).max(MAX_OPEN_STAGES));

/** A template's pipeline, or an empty start from `stages` (a start without one is refused by the pipeline rules). */
export const createPipelineSchema = z.object({
  name: pipelineNameField,
  template: z.enum([...PIPELINE_TEMPLATES, "empty"]),
  stages: z.preprocess((value) => value ?? "", stageLinesField),
});
export type CreatePipelineInput = z.infer<typeof createPipelineSchema>;

export const renamePipelineSchema = z.object({ pipelineId: idField, name: pipelineNameField });
export type RenamePipelineInput = z.infer<typeof renamePipelineSchema>;

export const movePipelineSchema = z.object({ pipelineId: idField, direction });
export type MovePipelineInput = z.infer<typeof movePipelineSchema>;

export const deletePipelineSchema = z.object({ pipelineId: idField });
export type DeletePipelineInput = z.infer<typeof deletePipelineSchema>;

/** A new open stage goes last among the open stages; a won or lost end only where the pipeline lacks it. */
export const addStageSchema = z.object({ pipelineId: idField, name: pipelineNameField, kind: z.enum(["OPEN", "WON", "LOST"]).default("OPEN") });
export type AddStageInput = z.infer<typeof addStageSchema>;

/** An open stage's rules, or an end's name (the won and lost ends have no buyer question, probability or criteria). */
export const updateStageSchema = z.discriminatedUnion("part", [
  z.object({
    part: z.literal("open"),
    stageId: idField,
    name: pipelineNameField,
    buyerStage: z.preprocess(blankToNull, z.enum(BUYER_STAGES).nullable()),
    buyerQuestion: z.preprocess(blankToNull, questionField.nullable()),
    probability: probabilityField,
    isFirstMeeting: booleanField,
  }),
  z.object({ part: z.literal("end"), stageId: idField, name: pipelineNameField }),
]);
export type UpdateStageInput = z.infer<typeof updateStageSchema>;

export const moveStageSchema = z.object({ stageId: idField, direction });
export type MoveStageInput = z.infer<typeof moveStageSchema>;

export const removeStageSchema = z.object({ stageId: idField });
export type RemoveStageInput = z.infer<typeof removeStageSchema>;

export const mergeStageSchema = z.object({ stageId: idField, intoStageId: idField });
export type MergeStageInput = z.infer<typeof mergeStageSchema>;

export const addCriterionSchema = z.object({ stageId: idField, question: questionField });
export type AddCriterionInput = z.infer<typeof addCriterionSchema>;

export const updateCriterionSchema = z.object({ criterionId: idField, question: questionField });
export type UpdateCriterionInput = z.infer<typeof updateCriterionSchema>;

export const moveCriterionSchema = z.object({ criterionId: idField, direction });
export type MoveCriterionInput = z.infer<typeof moveCriterionSchema>;

/** Deletes a criterion nobody answered; retires (deactivates) one with answers, so their history keeps it. */
export const removeCriterionSchema = z.object({ criterionId: idField });
export type RemoveCriterionInput = z.infer<typeof removeCriterionSchema>;

export const restoreCriterionSchema = z.object({ criterionId: idField });
export type RestoreCriterionInput = z.infer<typeof restoreCriterionSchema>;
