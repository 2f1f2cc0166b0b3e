import { z } from "zod";
import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { metricFigure } from "@/lib/goals/metric-figure";
import { periodOf } from "@/lib/kpi/period";
import { METRICS, targetOnMetricScale } from "@/lib/review/metric-catalogue";
import type { CustomIssueParams } from "@/lib/validation/field-errors";
import type { DeleteGoalInput, SaveGoalInput } from "@/lib/validation/goals";
import { recordAudit } from "../audit";
import type { Tx } from "../in-transaction";
import { reviewForWrite } from "../review/review-for-write";
import { listGoalOwners } from "./goal-owners";

/** The column keeps four decimals: a baseline and a target are compared as stored. */
const stored = (value: number) => Math.round(value * 10_000) / 10_000;

function fieldError(path: string, params: CustomIssueParams): z.ZodError {
  return new z.ZodError([{ code: "custom", path: [path], message: params.messageKey, params, input: undefined } as z.core.$ZodIssue]);
}

const snapshotOf = (goal: { title: string; metric: string; baseline: Prisma.Decimal | null; target: Prisma.Decimal | null; ownerId: number | null; dueAt: Date; horizon: string; section: string | null; draft: boolean }) => ({
  title: goal.title,
  metric: goal.metric,
  baseline: goal.baseline?.toString() ?? null,
  target: goal.target?.toString() ?? null,
  ownerId: goal.ownerId,
  dueAt: goal.dueAt.toISOString().slice(0, 10),
  horizon: goal.horizon,
  section: goal.section,
  draft: goal.draft,
});

/**
 * Creates a goal of the plan of `year + 1` or completes / edits one (a draft from an accepted insight or a ticked KPI
 * stops being a draft). The owner must be the team's manager or one of its reps; the baseline is this year's figure of
 * the metric for the team (manager) or the rep (lib/kpi), and a target equal to it is refused. A completed review's
 * goals stay editable: the plan lives on after the review is closed.
 */
export async function saveGoal(viewer: Viewer, input: SaveGoalInput, tx: Tx): Promise<{ goalId: number }> {
  assertViewer(viewer);
  const review = await reviewForWrite(viewer, tx, input, { allowCompleted: true });
  const before = input.goalId === null ? null : await tx.reviewGoal.findFirst({ where: { id: input.goalId, reviewId: review.id } });
  if (input.goalId !== null && !before) throw new AppError("NOT_FOUND", { detail: `goal ${input.goalId} is not in review ${review.id}` });
  const owner = (await listGoalOwners(viewer, input.teamId, tx)).find((candidate) => candidate.userId === input.ownerId);
  if (!owner) throw fieldError("ownerId", { messageKey: "goals.errors.ownerOutsideTeam" });

  const org = await tx.organization.findUniqueOrThrow({ where: { id: viewer.orgId }, select: { timeZone: true } });
  const period = periodOf({ kind: "year", year: input.year }, org.timeZone);
  const figure = await metricFigure(tx, viewer, { metric: input.metric, period, subject: owner.repId === null ? { teamId: input.teamId } : { repId: owner.repId } });
  const baseline = figure === null ? null : stored(figure);
  const target = stored(targetOnMetricScale(METRICS[input.metric].unit, input.target));
  if (baseline !== null && baseline === target) throw fieldError("target", { messageKey: "goals.errors.targetEqualsBaseline" });

  const data = {
    title: input.title,
    metric: input.metric,
    baseline: baseline === null ? null : new Prisma.Decimal(baseline),
    target: new Prisma.Decimal(target),
    ownerId: owner.userId,
    dueAt: new Date(`${input.dueAt}T00:00:00Z`),
    horizon: input.horizon,
    section: input.section ?? before?.section ?? null,
    draft: false,
  };
  if (before) {
    const after = await tx.reviewGoal.update({ where: { id: before.id }, data });
    await recordAudit(tx, viewer, { action: "goal.update", entity: "review_goal", entityId: after.id, before: snapshotOf(before), after: snapshotOf(after) });
    return { goalId: after.id };
  }
  const [last] = await tx.$queryRaw<Array<{ position: number }>>(Prisma.sql`SELECT coalesce(max(position), 0)::int AS position FROM review_goal WHERE review_id = ${review.id}`);
  const created = await tx.reviewGoal.create({ data: { ...data, reviewId: review.id, position: (last?.position ?? 0) + 1, source: null } });
  await recordAudit(tx, viewer, { action: "goal.create", entity: "review_goal", entityId: created.id, after: snapshotOf(created) });
  return { goalId: created.id };
}

/** Removes a goal of the plan (a draft or a finished one); another review's goal id answers NOT_FOUND. */
export async function deleteGoal(viewer: Viewer, input: DeleteGoalInput, tx: Tx): Promise<void> {
  assertViewer(viewer);
  const review = await reviewForWrite(viewer, tx, input, { allowCompleted: true });
  const before = await tx.reviewGoal.findFirst({ where: { id: input.goalId, reviewId: review.id } });
  if (!before) throw new AppError("NOT_FOUND", { detail: `goal ${input.goalId} is not in review ${review.id}` });
  await tx.reviewGoal.delete({ where: { id: before.id } });
  await recordAudit(tx, viewer, { action: "goal.delete", entity: "review_goal", entityId: before.id, before: snapshotOf(before) });
}
