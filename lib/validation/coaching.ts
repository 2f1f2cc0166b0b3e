import { z } from "zod";
import { COACHING_METRICS, METRICS, TARGET_BOUNDS, type MetricKey } from "@/lib/review/metric-catalogue";
import { idField } from "./admin-fields";
import { FIRST_DATE, LAST_DATE, boundedDate, safeText } from "./bounded";
import type { CustomIssueParams } from "./field-errors";

/** A session lasts at least a minute and at most a working day (8 hours). */
export const SESSION_MIN_MINUTES = 1;
export const SESSION_MAX_MINUTES = 480;
export const TOPIC_MAX_LENGTH = 200;
export const NOTES_MAX_LENGTH = 5_000;
export const COMMITMENT_TEXT_MAX_LENGTH = 500;
export const STATUS_NOTE_MAX_LENGTH = 1_000;
/** Commitment rows one session form can carry. */
export const MAX_COMMITMENTS_PER_SESSION = 10;

const blankToNull = (value: unknown) => (value === undefined || (typeof value === "string" && value.trim() === "") ? null : value);
const issue = (ctx: z.RefinementCtx, path: (string | number)[], params: CustomIssueParams) => ctx.addIssue({ code: "custom", path, params });

/** "YYYY-MM-DDTHH:MM" as a datetime-local field sends it: a wall-clock time in the organisation's time zone. */
export const localDateTimeField = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/)
  .refine((value) => boundedDate.safeParse(value.slice(0, 10)).success && value.slice(0, 10) >= FIRST_DATE && value.slice(0, 10) <= LAST_DATE)
  .refine((value) => Number(value.slice(11, 13)) < 24 && Number(value.slice(14, 16)) < 60);

const minutesField = z.coerce
  .number()
  .int()
  .superRefine((minutes, ctx) => {
    if (minutes < SESSION_MIN_MINUTES || minutes > SESSION_MAX_MINUTES) {
      issue(ctx, [], { messageKey: "coaching.errors.minutes", values: { max: SESSION_MAX_MINUTES / 60 } });
    }
  });

const metricField = z.enum(COACHING_METRICS as [MetricKey, ...MetricKey[]]);

/** A number as people type it: "15", "15.5" or "15,5"; blank is none. */
const decimalField = z.preprocess(
  (value) => {
    const blank = blankToNull(value);
    return typeof blank === "string" ? Number(blank.trim().replace(",", ".")) : blank;
  },
  z.number().finite().nullable(),
);

/** The figures a session discussed: catalogue keys, each once (checkboxes post one value per tick). */
const figuresField = z.preprocess(
  (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
  z.array(metricField).max(COACHING_METRICS.length).transform((keys) => [...new Set(keys)]),
);

/**
 * One commitment: text, an optional metric with its target and direction, a due date. The target must be one the
 * metric can take (TARGET_BOUNDS: a rate 0–100 %, a count a whole number ≥ 0).
 */
const commitmentSchema = z
  .object({
    text: safeText(COMMITMENT_TEXT_MAX_LENGTH, { trim: true }).min(1),
    metric: z.preprocess(blankToNull, metricField.nullable()),
    comparator: z.preprocess(blankToNull, z.enum(["AT_LEAST", "AT_MOST"]).nullable()),
    target: decimalField,
    dueAt: z.preprocess((value) => blankToNull(value) ?? undefined, boundedDate),
  })
  .superRefine((commitment, ctx) => {
    if (commitment.metric !== null && !COACHING_METRICS.includes(commitment.metric)) return;
    if (commitment.metric !== null && commitment.target === null) issue(ctx, ["target"], { messageKey: "coaching.errors.targetRequired" });
    if (commitment.metric === null && commitment.target !== null) issue(ctx, ["metric"], { messageKey: "coaching.errors.metricRequired" });
    if (commitment.metric === null || commitment.target === null) return;
    const bounds = TARGET_BOUNDS[METRICS[commitment.metric].unit];
    if (commitment.target < bounds.min) issue(ctx, ["target"], { messageKey: "coaching.errors.targetNegative" });
    else if (METRICS[commitment.metric].unit === "rate" && commitment.target > bounds.max) issue(ctx, ["target"], { messageKey: "coaching.errors.rateAbove100" });
    else if (commitment.target > bounds.max) issue(ctx, ["target"], { messageKey: "coaching.errors.targetTooBig", values: { max: bounds.max } });
    else if (bounds.integer && !Number.isInteger(commitment.target)) issue(ctx, ["target"], { messageKey: "coaching.errors.targetWhole" });
    // The column keeps two decimals: 15.25 % is a target, 15.125 % is not.
    else if (Math.abs(commitment.target * 100 - Math.round(commitment.target * 100)) > 1e-6) issue(ctx, ["target"], { messageKey: "coaching.errors.targetDecimals" });
  }, {
    // Checked even when another field of the row failed (a missing due date), so every error shows at once.
    when: (payload) => {
      const row = payload.value as { metric?: unknown; target?: unknown };
      return (row.metric === null || typeof row.metric === "string") && (row.target === null || (typeof row.target === "number" && Number.isFinite(row.target)));
    },
  })
  .transform((commitment) => ({
    ...commitment,
    comparator: commitment.metric === null ? null : (commitment.comparator ?? (METRICS[commitment.metric].higherIsBetter ? "AT_LEAST" : "AT_MOST")),
  }));

const COMMITMENT_FIELDS = ["text", "metric", "comparator", "target", "dueAt"] as const;

/**
 * The form posts commitments as flat fields `commitments.<n>.<field>`: gathered into an array in row order. A row
 * left entirely blank is an unused row and is dropped; one with anything typed in it is a commitment to check.
 */
function gatherCommitments(raw: unknown): unknown {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return raw;
  const rows = new Map<number, Record<string, unknown>>();
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const match = /^commitments\.(\d{1,2})\.([a-zA-Z]+)$/.exec(key);
    if (!match) {
      rest[key] = value;
      continue;
    }
    const row = rows.get(Number(match[1])) ?? {};
    row[match[2]!] = value;
    rows.set(Number(match[1]), row);
  }
  const ordered = [...rows.entries()].sort(([a], [b]) => a - b);
  // The row's index stays its place in the form, so an error lands beside the row it is about.
  const commitments: unknown[] = [];
  for (const [index, row] of ordered) {
    const used = COMMITMENT_FIELDS.some((field) => field !== "comparator" && typeof row[field] === "string" && (row[field] as string).trim() !== "");
    if (used) commitments[index] = row;
  }
  return { ...rest, commitments: commitments.length === 0 ? [] : commitments };
}

/** A logged coaching session with the figures discussed and the commitments made in it. */
export const createCoachingSessionSchema = z.preprocess(
  gatherCommitments,
  z
    .object({
      repId: idField,
      at: localDateTimeField,
      minutes: minutesField,
      topic: safeText(TOPIC_MAX_LENGTH, { trim: true }).min(1),
      notes: z.preprocess(blankToNull, safeText(NOTES_MAX_LENGTH, { trim: true }).nullable()),
      figures: figuresField,
      // Holes are the unused rows between filled ones; they are dropped after the check.
      commitments: z.array(commitmentSchema.optional()).max(MAX_COMMITMENTS_PER_SESSION),
    })
    .superRefine((session, ctx) => {
      const day = session.at.slice(0, 10);
      session.commitments.forEach((commitment, index) => {
        if (commitment && /^\d{4}-\d{2}-\d{2}$/.test(commitment.dueAt) && commitment.dueAt < day) issue(ctx, ["commitments", index, "dueAt"], { messageKey: "coaching.errors.dueBeforeSession" });
      });
    }, {
      when: (payload) => {
        const value = payload.value as { at?: unknown; commitments?: unknown };
        return typeof value.at === "string" && Array.isArray(value.commitments);
      },
    })
    .transform((session) => ({ ...session, commitments: session.commitments.filter((c) => c !== undefined) })),
);
export type CreateCoachingSessionInput = z.infer<typeof createCoachingSessionSchema>;
export type CommitmentInput = CreateCoachingSessionInput["commitments"][number];

/** The manager confirms the proposed status or sets another, with an optional note (why it was missed). */
export const setCommitmentStatusSchema = z.object({
  commitmentId: idField,
  status: z.enum(["OPEN", "KEPT", "MISSED"]),
  note: z.preprocess(blankToNull, safeText(STATUS_NOTE_MAX_LENGTH, { trim: true }).nullable()),
});
export type SetCommitmentStatusInput = z.infer<typeof setCommitmentStatusSchema>;

/** The rep acknowledges a commitment made in their session. */
export const acknowledgeCommitmentSchema = z.object({ commitmentId: idField });
export type AcknowledgeCommitmentInput = z.infer<typeof acknowledgeCommitmentSchema>;
