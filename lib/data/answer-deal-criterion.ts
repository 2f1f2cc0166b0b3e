import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import type { AnswerDealCriterionInput } from "@/lib/validation/deal-edit";
import { recordAudit } from "./audit";
import { dealInScopeSql } from "./get-deal";
import type { Tx } from "./in-transaction";
import { lockOpenDeal } from "./lock-open-deal";

interface Written {
  before: boolean | null;
  answer: boolean;
  answeredAt: Date;
}

/**
 * Answers one exit criterion of a deal. The deal must be in the viewer's scope and the criterion an active
 * one of an open stage of the deal's pipeline up to its current stage; both are conditions of the INSERT
 * itself, so a deal or criterion from elsewhere writes nothing and answers NOT_FOUND. A won or lost deal answers
 * CONFLICT: its answers stay as they were when it closed.
 */
export async function answerDealCriterion(viewer: Viewer, input: AnswerDealCriterionInput, tx: Tx): Promise<void> {
  assertViewer(viewer);
  await lockOpenDeal(viewer, input.dealId, tx);
  const [row] = await tx.$queryRaw<Written[]>(Prisma.sql`
    WITH target AS (
      SELECT d.id AS deal_id, sc.id AS criterion_id,
             (SELECT a.answer FROM deal_criterion_answer a WHERE a.deal_id = d.id AND a.criterion_id = sc.id) AS before
      FROM deal d
      JOIN rep r ON r.id = d.owner_id
      JOIN stage cur ON cur.id = d.stage_id
      JOIN stage s ON s.pipeline_id = d.pipeline_id AND s.kind = 'OPEN' AND s.position <= cur.position
      JOIN stage_criterion sc ON sc.stage_id = s.id AND sc.retired_at IS NULL
      WHERE d.id = ${input.dealId} AND d.status = 'OPEN' AND sc.id = ${input.criterionId} AND ${dealInScopeSql(viewer)}
      FOR UPDATE OF d
    )
    INSERT INTO deal_criterion_answer AS a (deal_id, criterion_id, answer, answered_by_id, answered_at)
    SELECT t.deal_id, t.criterion_id, ${input.answer}, ${viewer.userId}, now() FROM target t
    ON CONFLICT (deal_id, criterion_id)
      DO UPDATE SET answer = excluded.answer, answered_by_id = excluded.answered_by_id, answered_at = excluded.answered_at
    RETURNING (SELECT before FROM target) AS before, a.answer, a.answered_at AS "answeredAt"`);
  if (!row) {
    throw new AppError("NOT_FOUND", { detail: `deal ${input.dealId} / criterion ${input.criterionId} is not in the scope of user ${viewer.userId}` });
  }
  await recordAudit(tx, viewer, {
    action: "deal.answer_criterion",
    entity: "deal",
    entityId: input.dealId,
    before: { criterionId: input.criterionId, answer: row.before },
    after: { criterionId: input.criterionId, answer: row.answer, answeredAt: row.answeredAt },
  });
}
