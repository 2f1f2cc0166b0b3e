import { z } from "zod";
import { idField, optionalIdField } from "./admin-fields";
import { MAX_ID, safeText } from "./bounded";
import { NEXT_STEP_MAX_LENGTH } from "./deal-edit";

const blankToNull = (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value);

export const WALK_ORDERS = ["FLAGGED", "BY_REP"] as const;
export type WalkOrder = (typeof WALK_ORDERS)[number];

/** The decisions a meeting takes on a deal (the other DecisionKind values are the demo history's). */
export const MEETING_DECISIONS = ["ADVANCE", "HOLD", "MOVE_BACK", "CLOSE_LOST", "NEEDS_WORK"] as const;
export type MeetingDecisionKind = (typeof MEETING_DECISIONS)[number];

export const FORECAST_CATEGORY_VALUES = ["PIPELINE", "BEST_CASE", "COMMIT", "OMITTED"] as const;

export const LOST_REASON_MAX_LENGTH = 200;
export const DECISION_NOTE_MAX_LENGTH = 1000;

/** Start (or resume) this week's meeting of one team. */
export const startMeetingSchema = z.object({ teamId: idField, walkOrder: z.enum(WALK_ORDERS) });
export type StartMeetingInput = z.infer<typeof startMeetingSchema>;

/** One meeting, by id. */
export const meetingIdSchema = z.object({ meetingId: idField });

/** Point the meeting at one of its deals. */
export const meetingDealSchema = z.object({ meetingId: idField, dealId: idField });
export type MeetingDealInput = z.infer<typeof meetingDealSchema>;

/** Answer one exit criterion of the meeting's deal. */
export const meetingAnswerSchema = z.object({
  meetingId: idField,
  dealId: idField,
  criterionId: idField,
  answer: z.enum(["yes", "no"]).transform((value) => value === "yes"),
});
export type MeetingAnswerInput = z.infer<typeof meetingAnswerSchema>;

/** Set the forecast category of the meeting's deal. */
export const meetingForecastSchema = z.object({ meetingId: idField, dealId: idField, forecastCategory: z.enum(FORECAST_CATEGORY_VALUES) });
export type MeetingForecastInput = z.infer<typeof meetingForecastSchema>;

const required = (ctx: z.RefinementCtx, path: string) =>
  ctx.addIssue({ code: "too_small", origin: "string", minimum: 1, inclusive: true, path: [path], input: undefined, message: `${path} is required` });

/**
 * A decision on one deal: every kind with a next step and its owner, except CLOSE_LOST, which needs the lost reason
 * instead (a next step is optional there). `baseVersion` is the version of the deal's decision the form started from
 * (0: none yet), so a decision recorded meanwhile by someone else is never overwritten unseen.
 */
export const meetingDecisionSchema = z
  .object({
    meetingId: idField,
    dealId: idField,
    decision: z.enum(MEETING_DECISIONS),
    lostReason: z.preprocess(blankToNull, safeText(LOST_REASON_MAX_LENGTH, { trim: true }).nullable().default(null)),
    nextStep: z.preprocess(blankToNull, safeText(NEXT_STEP_MAX_LENGTH, { trim: true }).nullable().default(null)),
    ownerId: optionalIdField.default(null),
    note: z.preprocess(blankToNull, safeText(DECISION_NOTE_MAX_LENGTH, { trim: true }).nullable().default(null)),
    baseVersion: z.coerce.number().int().min(0).max(MAX_ID),
  })
  .superRefine((input, ctx) => {
    if (input.decision === "CLOSE_LOST") {
      if (input.lostReason === null) required(ctx, "lostReason");
      return;
    }
    if (input.nextStep === null) required(ctx, "nextStep");
    if (input.ownerId === null) required(ctx, "ownerId");
  });
export type MeetingDecisionInput = z.infer<typeof meetingDecisionSchema>;

/** The live-follow stream of one meeting. */
export const meetingEventsSchema = z.object({ id: idField });
