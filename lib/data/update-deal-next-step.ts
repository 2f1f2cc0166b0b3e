import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import type { UpdateDealNextStepInput } from "@/lib/validation/deal-edit";
import { recordAudit } from "./audit";
import { dealInScopeSql } from "./get-deal";
import type { Tx } from "./in-transaction";
import { lockOpenDeal } from "./lock-open-deal";

interface Changed {
  id: number;
  beforeNextStep: string | null;
  beforeExpectedCloseAt: string | null;
  nextStep: string | null;
  expectedCloseAt: string | null;
}

/**
 * Sets a deal's next step and expected close date. The viewer's scope is in the UPDATE itself, so a deal id
 * from another team or rep changes no row and answers NOT_FOUND, exactly like a missing one; a won or lost deal
 * answers CONFLICT and keeps the next step it closed with.
 */
export async function updateDealNextStep(viewer: Viewer, input: UpdateDealNextStepInput, tx: Tx): Promise<void> {
  assertViewer(viewer);
  await lockOpenDeal(viewer, input.dealId, tx);
  const [row] = await tx.$queryRaw<Changed[]>(Prisma.sql`
    WITH target AS (
      SELECT d.id, d.next_step, d.expected_close_at
      FROM deal d, rep r
      WHERE d.id = ${input.dealId} AND d.status = 'OPEN' AND ${dealInScopeSql(viewer)}
      FOR UPDATE OF d
    )
    UPDATE deal d
    SET next_step = ${input.nextStep}, expected_close_at = ${input.expectedCloseAt}::date, updated_at = now()
    FROM target t
    WHERE d.id = t.id
    RETURNING d.id, t.next_step AS "beforeNextStep", t.expected_close_at::text AS "beforeExpectedCloseAt",
              d.next_step AS "nextStep", d.expected_close_at::text AS "expectedCloseAt"`);
  if (!row) throw new AppError("NOT_FOUND", { detail: `deal ${input.dealId} is not in the scope of user ${viewer.userId}` });
  const before = { nextStep: row.beforeNextStep, expectedCloseAt: row.beforeExpectedCloseAt };
  const after = { nextStep: row.nextStep, expectedCloseAt: row.expectedCloseAt };
  if (before.nextStep === after.nextStep && before.expectedCloseAt === after.expectedCloseAt) return;
  await recordAudit(tx, viewer, { action: "deal.update_next_step", entity: "deal", entityId: row.id, before, after });
}
