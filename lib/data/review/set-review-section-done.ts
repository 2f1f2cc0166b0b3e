import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import type { SetReviewSectionDoneInput } from "@/lib/validation/review";
import { recordAudit } from "../audit";
import type { Tx } from "../in-transaction";
import { reviewForWrite } from "./review-for-write";

/** Marks a section done or not; the stepper shows it. */
export async function setReviewSectionDone(viewer: Viewer, input: SetReviewSectionDoneInput, tx: Tx): Promise<void> {
  assertViewer(viewer);
  const review = await reviewForWrite(viewer, tx, input);
  const change = input.done
    ? Prisma.sql`array_append(array_remove(done_sections, ${input.section}::"ReviewSection"), ${input.section}::"ReviewSection")`
    : Prisma.sql`array_remove(done_sections, ${input.section}::"ReviewSection")`;
  await tx.$executeRaw(Prisma.sql`UPDATE review SET done_sections = ${change}, version = version + 1, updated_at = now() WHERE id = ${review.id}`);
  await recordAudit(tx, viewer, { action: input.done ? "review.section_done" : "review.section_reopened", entity: "review", entityId: review.id, after: { section: input.section } });
}
