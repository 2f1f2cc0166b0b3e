import { z } from "zod";
import { METRIC_KEYS, METRICS, TARGET_BOUNDS, type MetricKey } from "@/lib/review/metric-catalogue";
import { REVIEW_SECTIONS } from "@/lib/review/steps";
import { idField } from "./admin-fields";
import { boundedDate, safeText } from "./bounded";
import type { CustomIssueParams } from "./field-errors";
import { reviewYear } from "./review";

export const GOAL_TITLE_MAX_LENGTH = 200;

const blankToNull = (value: unknown) => (value === undefined || (typeof value === "string" && value.trim() === "") ? null : value);
const issue = (ctx: z.RefinementCtx, path: (string | number)[], params: CustomIssueParams) => ctx.addIssue({ code: "custom", path, params });

/** A number as people type it: "15", "15.5" or "15,5". */
const targetField = z.preprocess(
  (value) => {
    const blank = blankToNull(value);
    return typeof blank === "string" ? Number(blank.trim().replace(",", ".")) : (blank ?? undefined);
  },
  z.number().finite(),
);

/**
 * One goal of the plan of `year + 1`, written in the review of `year` (the review's Action plan step and `/plan/[year + 1]`
 * post the same form). The target is typed in the metric's unit (a rate in percent); checks that need the data (the
 * owner belongs to the team, the target differs from the baseline) run in the data layer as field errors too.
 */
export const saveGoalSchema = z
  .object({
    teamId: idField,
    year: reviewYear,
    goalId: z.preprocess(blankToNull, idField.nullable()),
    title: safeText(GOAL_TITLE_MAX_LENGTH, { trim: true }).min(1),
    metric: z.enum(METRIC_KEYS as [MetricKey, ...MetricKey[]]),
    target: targetField,
    ownerId: idField,
    dueAt: boundedDate,
    horizon: z.enum(["SHORT_TERM", "LONG_TERM"]),
    section: z.preprocess(blankToNull, z.enum(REVIEW_SECTIONS).nullable()),
  })
  .superRefine((goal, ctx) => {
    const unit = METRICS[goal.metric].unit;
    const bounds = TARGET_BOUNDS[unit];
    if (goal.target < bounds.min) issue(ctx, ["target"], { messageKey: "goals.errors.targetNegative" });
    else if (unit === "rate" && goal.target > bounds.max) issue(ctx, ["target"], { messageKey: "goals.errors.rateAbove100" });
    else if (goal.target > bounds.max) issue(ctx, ["target"], { messageKey: "goals.errors.targetTooBig", values: { max: bounds.max } });
    else if (bounds.integer && !Number.isInteger(goal.target)) issue(ctx, ["target"], { messageKey: "goals.errors.targetWhole" });
    else if (Math.abs(goal.target * 100 - Math.round(goal.target * 100)) > 1e-6) issue(ctx, ["target"], { messageKey: "goals.errors.targetDecimals" });
    const next = goal.year + 1;
    if (goal.dueAt < `${next}-01-01` || goal.dueAt > `${next}-12-31`) issue(ctx, ["dueAt"], { messageKey: "goals.errors.dueOutsideYear", values: { year: next } });
  }, {
    // Every field error shows at once: the cross-field checks run whenever the fields they read parsed.
    when: (payload) => {
      const value = payload.value as { metric?: unknown; target?: unknown; year?: unknown; dueAt?: unknown };
      return typeof value.metric === "string" && Object.hasOwn(METRICS, value.metric) && typeof value.target === "number" && Number.isFinite(value.target) && typeof value.year === "number" && typeof value.dueAt === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value.dueAt);
    },
  });
export type SaveGoalInput = z.infer<typeof saveGoalSchema>;

export const deleteGoalSchema = z.object({ teamId: idField, year: reviewYear, goalId: idField });
export type DeleteGoalInput = z.infer<typeof deleteGoalSchema>;
