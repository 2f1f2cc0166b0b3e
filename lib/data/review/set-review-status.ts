import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import type { SetReviewStatusInput } from "@/lib/validation/review";
import { recordAudit } from "../audit";
import type { Tx } from "../in-transaction";
import { reviewForWrite } from "./review-for-write";

/** Completes a review (read-only afterwards, who and when recorded) or reopens it; both audited. */
export async function setReviewStatus(viewer: Viewer, input: SetReviewStatusInput, tx: Tx): Promise<void> {
  assertViewer(viewer);
  // Completing a completed review (a second tab, a second click) changes nothing and is not an error.
  const review = await reviewForWrite(viewer, tx, input, { allowCompleted: true });
  if (review.status === input.status) return;
  const completed = input.status === "COMPLETED";
  await tx.review.update({
    where: { id: review.id },
    data: { status: input.status, completedAt: completed ? new Date() : null, completedById: completed ? viewer.userId : null, version: { increment: 1 } },
  });
  await recordAudit(tx, viewer, {
    action: completed ? "review.complete" : "review.reopen",
    entity: "review",
    entityId: review.id,
    before: { status: review.status },
    after: { status: input.status },
  });
}
