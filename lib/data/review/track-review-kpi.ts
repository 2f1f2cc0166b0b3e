import { createTranslator } from "next-intl";
import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { messagesFor } from "@/lib/i18n/messages";
import { periodOf, previousPeriod } from "@/lib/kpi/period";
import { isMetricKey, METRICS, TRACKABLE_KPIS } from "@/lib/review/metric-catalogue";
import { getTeamYearFigures } from "@/lib/review/team-year-figures";
import type { TrackReviewKpiInput } from "@/lib/validation/review";
import { recordAudit } from "../audit";
import type { Tx } from "../in-transaction";
import { reviewForWrite } from "./review-for-write";

/**
 * Ticking a KPI to track next year puts a goal draft in the action plan with this year's value as its
 * baseline; unticking removes the draft unless the manager already made it a goal.
 */
export async function trackReviewKpi(viewer: Viewer, input: TrackReviewKpiInput, tx: Tx): Promise<void> {
  assertViewer(viewer);
  if (!isMetricKey(input.metric) || !TRACKABLE_KPIS.includes(input.metric)) throw new AppError("INVALID", { detail: `${input.metric} is not trackable` });
  const review = await reviewForWrite(viewer, tx, input);
  const source = `kpi:${input.metric}`;
  if (!input.tracked) {
    const removed = await tx.reviewGoal.deleteMany({ where: { reviewId: review.id, source, draft: true } });
    if (removed.count > 0) await recordAudit(tx, viewer, { action: "review.untrack_kpi", entity: "review", entityId: review.id, before: { metric: input.metric } });
    return;
  }
  const org = await tx.organization.findUniqueOrThrow({ where: { id: viewer.orgId }, select: { timeZone: true } });
  const period = periodOf({ kind: "year", year: input.year }, org.timeZone);
  const figures = await getTeamYearFigures(viewer, { period, previous: previousPeriod(period), filter: { teamIds: [input.teamId] } });
  const baseline = METRICS[input.metric].value(figures.current);
  const t = createTranslator({ locale: viewer.locale, messages: messagesFor(viewer.locale), namespace: "review.metrics" });
  const [goal] = await tx.$queryRaw<Array<{ id: number }>>(Prisma.sql`
    INSERT INTO review_goal (review_id, horizon, section, title, metric, baseline, target, owner_id, due_at, position, draft, source)
    VALUES (${review.id}, 'SHORT_TERM', 'SALES_KPIS', ${t(input.metric)}, ${input.metric}, ${baseline}, NULL, ${viewer.userId},
            ${`${input.year + 1}-12-31`}::date, (SELECT coalesce(max(position), 0) + 1 FROM review_goal WHERE review_id = ${review.id}), true, ${source})
    ON CONFLICT (review_id, source) DO NOTHING
    RETURNING id`);
  if (goal) await recordAudit(tx, viewer, { action: "review.track_kpi", entity: "review_goal", entityId: goal.id, after: { metric: input.metric, baseline } });
}
