"use server";

import { saveReviewAnswer as save, type SaveAnswerOutcome } from "@/lib/data/review/save-review-answer";
import { saveReviewAnswerSchema } from "@/lib/validation/review";
import { authedAction } from "./authed-action";

// Autosave: not audited per keystroke; the answer keeps who saved it last, when, and its version.
export const saveReviewAnswer = authedAction<typeof saveReviewAnswerSchema, SaveAnswerOutcome>(
  saveReviewAnswerSchema,
  async (viewer, input, tx) => ({ data: await save(viewer, input, tx) }),
  { roles: ["MANAGER", "ADMIN"] },
);
