import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { isQuestionOf } from "@/lib/review/steps";
import type { SaveReviewAnswerInput } from "@/lib/validation/review";
import type { Tx } from "../in-transaction";
import { reviewForWrite } from "./review-for-write";

export type SaveAnswerOutcome =
  | { outcome: "saved"; version: number; savedAt: string }
  | { outcome: "conflict"; theirs: { answer: string; version: number; updatedBy: string | null; updatedAt: string } };

/**
 * Saves one answer if nobody saved it since the version the writer started from (`baseVersion`, 0 for a new
 * answer). Otherwise nothing is written and the other version comes back, for the writer to choose.
 */
export async function saveReviewAnswer(viewer: Viewer, input: SaveReviewAnswerInput, tx: Tx): Promise<SaveAnswerOutcome> {
  assertViewer(viewer);
  if (!isQuestionOf(input.section, input.questionKey)) throw new AppError("INVALID", { detail: `${input.questionKey} is not a question of ${input.section}` });
  const review = await reviewForWrite(viewer, tx, input);
  const [current] = await tx.$queryRaw<Array<{ answer: string; version: number; updatedBy: string | null; updatedAt: Date }>>(Prisma.sql`
    SELECT a.answer, a.version, u.name AS "updatedBy", a.updated_at AS "updatedAt"
    FROM review_answer a LEFT JOIN app_user u ON u.id = a.updated_by_id
    WHERE a.review_id = ${review.id} AND a.question_key = ${input.questionKey}`);
  const currentVersion = current?.version ?? 0;
  if (current && current.answer === input.answer) return { outcome: "saved", version: currentVersion, savedAt: current.updatedAt.toISOString() };
  if (currentVersion !== input.baseVersion) {
    return {
      outcome: "conflict",
      theirs: { answer: current?.answer ?? "", version: currentVersion, updatedBy: current?.updatedBy ?? null, updatedAt: (current?.updatedAt ?? new Date()).toISOString() },
    };
  }
  const [saved] = await tx.$queryRaw<Array<{ version: number; updatedAt: Date }>>(Prisma.sql`
    INSERT INTO review_answer (review_id, section, question_key, answer, version, updated_by_id, updated_at)
    VALUES (${review.id}, ${input.section}::"ReviewSection", ${input.questionKey}, ${input.answer}, 1, ${viewer.userId}, now())
    ON CONFLICT (review_id, question_key)
    DO UPDATE SET answer = EXCLUDED.answer, version = review_answer.version + 1, updated_by_id = EXCLUDED.updated_by_id, updated_at = now()
    RETURNING version, updated_at AS "updatedAt"`);
  return { outcome: "saved", version: saved!.version, savedAt: saved!.updatedAt.toISOString() };
}
