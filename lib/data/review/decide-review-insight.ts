import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { goalDraftOf } from "@/lib/review/insight-goal";
import { computeInsights } from "@/lib/review/insights/compute-insights";
import { insightMessage } from "@/lib/review/insights/insight-message";
import type { DecideReviewInsightInput } from "@/lib/validation/review";
import { recordAudit } from "../audit";
import type { Tx } from "../in-transaction";
import { reviewForWrite } from "./review-for-write";

/**
 * Accept (a goal draft in the action plan, its baseline from the insight's own figures), dismiss with a reason,
 * reopen, or comment. The insight is recomputed here: a key the year does not produce answers NOT_FOUND.
 */
export async function decideReviewInsight(viewer: Viewer, input: DecideReviewInsightInput, tx: Tx): Promise<void> {
  assertViewer(viewer);
  const review = await reviewForWrite(viewer, tx, input);
  const insight = (await computeInsights(viewer, { year: input.year, teamId: input.teamId })).find((candidate) => candidate.key === input.insightKey);
  if (!insight) throw new AppError("NOT_FOUND", { detail: `insight ${input.insightKey} is not produced for team ${input.teamId} in ${input.year}` });
  const source = `insight:${insight.key}`;
  const before = await tx.reviewInsight.findUnique({ where: { reviewId_insightKey: { reviewId: review.id, insightKey: insight.key } } });
  const status = input.decision === "ACCEPT" ? "ACCEPTED" : input.decision === "DISMISS" ? "DISMISSED" : input.decision === "REOPEN" ? "OPEN" : (before?.status ?? "OPEN");
  const reason = input.decision === "DISMISS" ? input.reason : input.decision === "COMMENT" ? (before?.reason ?? null) : null;
  const comment = input.decision === "COMMENT" ? input.comment || null : (before?.comment ?? null);
  const after = await tx.reviewInsight.upsert({
    where: { reviewId_insightKey: { reviewId: review.id, insightKey: insight.key } },
    create: { reviewId: review.id, insightKey: insight.key, status, reason, comment, updatedById: viewer.userId },
    update: { status, reason, comment, updatedById: viewer.userId },
  });
  if (status === "ACCEPTED") {
    const { metric, baseline } = goalDraftOf(insight);
    const title = insightMessage(insight, viewer.locale);
    await tx.$executeRaw(Prisma.sql`
      INSERT INTO review_goal (review_id, horizon, section, title, metric, baseline, target, owner_id, due_at, position, draft, source)
      VALUES (${review.id}, 'SHORT_TERM', ${insight.section}::"ReviewSection", ${title}, ${metric}, ${baseline}, NULL, ${viewer.userId},
              ${`${input.year + 1}-12-31`}::date, (SELECT coalesce(max(position), 0) + 1 FROM review_goal WHERE review_id = ${review.id}), true, ${source})
      ON CONFLICT (review_id, source) DO NOTHING`);
  } else if (before?.status === "ACCEPTED") {
    // Taking an acceptance back removes its draft; a goal the manager already completed stays.
    await tx.reviewGoal.deleteMany({ where: { reviewId: review.id, source, draft: true } });
  }
  await recordAudit(tx, viewer, {
    action: `review.insight_${input.decision.toLowerCase()}`,
    entity: "review_insight",
    entityId: after.id,
    before: before ? { status: before.status, reason: before.reason, comment: before.comment } : undefined,
    after: { key: insight.key, status, reason, comment },
  });
}
