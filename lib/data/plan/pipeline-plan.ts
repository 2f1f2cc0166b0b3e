import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { buildPipelinePlan, PlanInputError, requiredPipelineByMonth, type PipelinePlan } from "@/lib/plan/pipeline-plan";
import { planDefaults } from "@/lib/plan/plan-defaults";
import type { SavePipelinePlanInput } from "@/lib/validation/plan";
import { recordAudit } from "../audit";
import type { Tx } from "../in-transaction";
import { getReviewTeam } from "../review/review-team";

/** A saved plan: what the manager entered and the plan it gave, with the pipeline it requires per month. */
export interface SavedPipelinePlan {
  target: number;
  assumptions: PipelinePlan["assumptions"];
  plan: PipelinePlan;
  requiredByMonth: { month: string; amount: number }[];
  savedBy: string | null;
  updatedAt: Date;
}

const storedPlan = z.object({
  plan: z.custom<PipelinePlan>((value) => typeof value === "object" && value !== null && Array.isArray((value as PipelinePlan).quarters)),
  requiredByMonth: z.array(z.object({ month: z.string(), amount: z.number() })),
});

/**
 * The plans a viewer may plan for: a manager's own teams, every team of an admin's organisation (the same rule as the
 * review: lib/data/review/review-team.ts); a rep none. Any other team answers NOT_FOUND.
 */
export async function getPipelinePlan(viewer: Viewer, input: { teamId: number; year: number }): Promise<SavedPipelinePlan | null> {
  assertViewer(viewer);
  await getReviewTeam(viewer, input.teamId);
  const row = await db.pipelinePlan.findUnique({
    where: { teamId_year: { teamId: input.teamId, year: input.year } },
    select: { orgId: true, target: true, avgDealSize: true, winRateFromFirstMeeting: true, handOverToFirstMeeting: true, cycleDays: true, plan: true, updatedAt: true, savedBy: { select: { name: true } } },
  });
  if (!row || row.orgId !== viewer.orgId) return null;
  const stored = storedPlan.parse(row.plan);
  return {
    target: Number(row.target),
    assumptions: {
      avgDealSize: Number(row.avgDealSize),
      winRateFromFirstMeeting: row.winRateFromFirstMeeting,
      handOverToFirstMeeting: row.handOverToFirstMeeting,
      cycleDays: row.cycleDays,
    },
    plan: stored.plan,
    requiredByMonth: stored.requiredByMonth,
    savedBy: row.savedBy?.name ?? null,
    updatedAt: row.updatedAt,
  };
}

/** A check the plan's arithmetic makes, as a field error with its catalogue message (rolled back with the transaction). */
function fieldErrorsOf(error: PlanInputError): z.ZodError {
  return new z.ZodError(
    error.issues.map((issue) => ({
      code: "custom" as const,
      path: [issue.field === "reps" ? "target" : issue.field],
      message: issue.message,
      input: undefined,
      params: { messageKey: `plan.errors.${issue.code}` },
    })),
  );
}

/**
 * Saves (or replaces) the team's plan for the year: the seasonality and the reps' quota shares come from this year's
 * data as the page shows them, the assumptions from the form. Audited with the plan before and after.
 */
export async function savePipelinePlan(viewer: Viewer, input: SavePipelinePlanInput, tx: Tx): Promise<void> {
  assertViewer(viewer);
  const team = await getReviewTeam(viewer, input.teamId, tx);
  const [org] = await tx.$queryRaw<{ timeZone: string; currentYear: number }[]>(Prisma.sql`
    SELECT time_zone AS "timeZone", extract(year FROM now() AT TIME ZONE time_zone)::int AS "currentYear" FROM organization WHERE id = ${viewer.orgId}`);
  if (!org) throw new AppError("NOT_FOUND", { detail: `organisation ${viewer.orgId}` });
  // A plan is made for next year at the latest; a past year's plan stays as it was saved.
  if (input.year !== org.currentYear + 1 && input.year !== org.currentYear) throw new AppError("NOT_FOUND", { detail: `plan year ${input.year}` });
  const defaults = await planDefaults(tx, viewer, { teamId: team.id, planYear: input.year, timeZone: org.timeZone });
  let plan: PipelinePlan;
  try {
    plan = buildPipelinePlan({
      year: input.year,
      target: input.target,
      sdrFed: defaults.sdrFed,
      monthlyRevenue: defaults.monthlyRevenue,
      reps: defaults.reps,
      assumptions: {
        avgDealSize: input.avgDealSize,
        winRateFromFirstMeeting: input.winRateFromFirstMeeting / 100,
        handOverToFirstMeeting: input.handOverToFirstMeeting === undefined ? null : input.handOverToFirstMeeting / 100,
        cycleDays: input.cycleDays,
      },
    });
  } catch (error) {
    if (error instanceof PlanInputError) throw fieldErrorsOf(error);
    throw error;
  }
  const data = {
    target: new Prisma.Decimal(plan.target.toFixed(2)),
    avgDealSize: new Prisma.Decimal(plan.assumptions.avgDealSize.toFixed(2)),
    winRateFromFirstMeeting: plan.assumptions.winRateFromFirstMeeting,
    handOverToFirstMeeting: plan.assumptions.handOverToFirstMeeting,
    cycleDays: plan.assumptions.cycleDays,
    plan: { plan, requiredByMonth: requiredPipelineByMonth(plan) } as unknown as Prisma.InputJsonValue,
    savedById: viewer.userId,
  };
  const before = await tx.pipelinePlan.findUnique({ where: { teamId_year: { teamId: team.id, year: input.year } }, select: { id: true, target: true, avgDealSize: true, winRateFromFirstMeeting: true, handOverToFirstMeeting: true, cycleDays: true } });
  const saved = await tx.pipelinePlan.upsert({
    where: { teamId_year: { teamId: team.id, year: input.year } },
    create: { orgId: viewer.orgId, teamId: team.id, year: input.year, ...data },
    update: data,
    select: { id: true },
  });
  await recordAudit(tx, viewer, {
    action: "pipeline_plan.save",
    entity: "pipeline_plan",
    entityId: saved.id,
    before: before ? { target: before.target.toString(), avgDealSize: before.avgDealSize.toString(), winRateFromFirstMeeting: before.winRateFromFirstMeeting, handOverToFirstMeeting: before.handOverToFirstMeeting, cycleDays: before.cycleDays } : undefined,
    after: { team: team.name, year: input.year, target: plan.target, ...plan.assumptions },
  });
}
