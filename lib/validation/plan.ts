import { z } from "zod";
import { MAX_TARGET } from "@/lib/plan/pipeline-plan";
import { idField } from "./admin-fields";
import { reviewYear } from "./review";

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : typeof value === "string" ? value.trim() : value);

/** A decimal typed in a form ("1200000", "1200000.50") within (0, max], or [min, max] when `min` is given; out of range names plan.errors.range. */
function amount(max: number, { min }: { min?: number } = {}) {
  return z.preprocess(
    blankToUndefined,
    z.coerce.number().superRefine((value, ctx) => {
      const low = min === undefined ? value > 0 : value >= min;
      if (!Number.isFinite(value) || !low || value > max) ctx.addIssue({ code: "custom", message: "out of range", params: { messageKey: "plan.errors.range" } });
    }),
  );
}

/** Save a team's pipeline plan: the target and the assumptions as the form shows them (rates in per cent). */
export const savePipelinePlanSchema = z.object({
  teamId: idField,
  year: reviewYear,
  target: amount(MAX_TARGET),
  avgDealSize: amount(MAX_TARGET),
  winRateFromFirstMeeting: amount(100),
  // Empty when no SDR feeds the team.
  handOverToFirstMeeting: amount(100).optional(),
  cycleDays: amount(3650, { min: 0 }),
});
export type SavePipelinePlanInput = z.infer<typeof savePipelinePlanSchema>;
