import { Prisma } from "@/lib/db/generated/client";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import type { Tx } from "../in-transaction";
import { getReviewTeam } from "./review-team";

export interface LockedReview {
  id: number;
  status: "DRAFT" | "COMPLETED";
  version: number;
}

/**
 * The team's review of the year, created on the first write and locked for this transaction, so two saves
 * cannot interleave. A completed review refuses changes unless `allowCompleted` (reopening it).
 */
export async function reviewForWrite(viewer: Viewer, tx: Tx, input: { teamId: number; year: number }, options: { allowCompleted?: boolean } = {}): Promise<LockedReview> {
  const team = await getReviewTeam(viewer, input.teamId, tx);
  const lock = () => tx.$queryRaw<LockedReview[]>(Prisma.sql`
    SELECT id, status::text AS status, version FROM review
    WHERE team_id = ${team.id} AND year = ${input.year} AND org_id = ${viewer.orgId}
    FOR UPDATE`);
  // Insert only when the review is missing: even an INSERT that inserts nothing fires the table's data-change
  // trigger, and an autosave that moved the data version would end every cached KPI result of the organisation.
  let [review] = await lock();
  if (!review) {
    await tx.$executeRaw(Prisma.sql`
      INSERT INTO review (org_id, team_id, year, author_id, updated_at)
      VALUES (${viewer.orgId}, ${team.id}, ${input.year}, ${viewer.userId}, now())
      ON CONFLICT (team_id, year) DO NOTHING`);
    [review] = await lock();
  }
  if (!review) throw new AppError("NOT_FOUND", { detail: `review of team ${team.id} for ${input.year} vanished` });
  if (review.status === "COMPLETED" && !options.allowCompleted) throw new AppError("CONFLICT", { messageKey: "reviewCompleted" });
  return review;
}
