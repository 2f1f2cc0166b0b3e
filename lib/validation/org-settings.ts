// The organisation's settings (name, currency, time zone and KPI.md's thresholds) as the admin page, the setup page
// and `npm run org -- set` accept them. The English messages are the command line's; forms translate by issue code.
import { z } from "zod";
import { safeText } from "./bounded";

/** KPI.md: STALE after this many days without activity. A year at most: past that every open deal is stale. */
export const STALE_DAYS = { min: 1, max: 365 } as const;
/** KPI.md: STUCK past this multiple of the won deals' median days in stage; stored as numeric(4,2). */
export const STUCK_FACTOR = { min: 1, max: 10 } as const;
/** The coaching target per rep and month, in minutes (KPI.md: 3 hours). 6,000 minutes is 100 hours, past any real plan. */
export const COACHING_MINUTES = { min: 0, max: 6000 } as const;

/** IANA zones this runtime knows, with UTC (which Intl lists only as an alias). */
export function timeZoneOptions(): string[] {
  return [...new Set(["UTC", ...Intl.supportedValuesOf("timeZone")])].sort();
}

/** ISO 4217 codes this runtime knows. */
export function currencyOptions(): string[] {
  return Intl.supportedValuesOf("currency");
}

export const orgNameField = safeText(120, { trim: true }).min(1, { error: "must not be empty" });

/** ISO 4217: three letters, upper case, a currency Intl can format. */
export const currencyField = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, { error: "must be three letters (ISO 4217), e.g. EUR", abort: true })
  .refine((code) => currencyOptions().includes(code), { error: "is not an ISO 4217 currency code" });

/** The canonical IANA name of a zone the runtime knows ("europe/berlin", "Etc/UTC" → "Europe/Berlin", "UTC"); null otherwise. */
export function canonicalTimeZone(zone: string): string | null {
  // Offsets ("+03:00") are no zone: they have no daylight-saving rules and PostgreSQL reads their sign the POSIX way.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/.test(zone)) return null;
  try {
    return new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** An IANA time-zone name, stored in its canonical spelling. */
export const timeZoneField = z
  .string()
  .trim()
  .max(64)
  .transform((zone, context) => {
    const canonical = canonicalTimeZone(zone);
    if (canonical === null) context.addIssue({ code: "custom", message: "is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)" });
    return canonical ?? zone;
  });

// An empty field is missing, not zero.
const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const wholeNumber = (range: { min: number; max: number }, unit: string) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "must be a number" })
      // Not .int(): a fraction is an invalid value, not "not a number".
      .multipleOf(1, { error: "must be a whole number" })
      .min(range.min, { error: `must be ${range.min}–${range.max} ${unit}` })
      .max(range.max, { error: `must be ${range.min}–${range.max} ${unit}` }),
  );

export const staleDaysField = wholeNumber(STALE_DAYS, "days");
export const coachingMinutesField = wholeNumber(COACHING_MINUTES, "minutes");

/** 1–10 with at most two decimals ("2", "1.5", "2,25"). */
export const stuckFactorField = z
  .preprocess((value) => (typeof value === "number" ? String(value) : blankToUndefined(value)), z.string({ error: "must be a number" }))
  .transform((value) => value.trim().replace(",", "."))
  .pipe(z.string().regex(/^\d{1,2}(\.\d{1,2})?$/, { error: "must be a number with at most two decimals" }))
  .transform(Number)
  .pipe(
    z
      .number()
      .min(STUCK_FACTOR.min, { error: `must be ${STUCK_FACTOR.min}–${STUCK_FACTOR.max}` })
      .max(STUCK_FACTOR.max, { error: `must be ${STUCK_FACTOR.min}–${STUCK_FACTOR.max}` }),
  );

const YES_NO: Record<string, boolean> = { yes: true, true: true, on: true, no: false, false: false, off: false };

/** yes/no on the command line; a checkbox ("on") or "true"/"false" in a form. */
export const yesNoField = z.preprocess(
  (value) => (typeof value === "string" ? (YES_NO[value.trim().toLowerCase()] ?? value) : value),
  z.boolean({ error: "must be yes or no" }),
);

const settingsFields = {
  name: orgNameField,
  currency: currencyField,
  timeZone: timeZoneField,
  staleAfterDays: staleDaysField,
  stuckFactor: stuckFactorField,
  coachingTargetMinutes: coachingMinutesField,
  managersEditStageRules: yesNoField,
};

/** Any subset of the settings: what `npm run org -- set` changes. */
export const orgSettingsChangeSchema = z.strictObject(settingsFields).partial();
export type OrgSettingsChange = z.infer<typeof orgSettingsChangeSchema>;
export type OrgSettings = Required<OrgSettingsChange>;

/**
 * The admin page's form: every setting. A new time zone rebuilds the derived KPI tables, so it needs the
 * confirmation button (`confirmTimeZone=yes`); `savedTimeZone` is the zone the form was shown with.
 */
export const orgSettingsFormSchema = z
  .object({
    ...settingsFields,
    // An unticked checkbox is not posted at all.
    managersEditStageRules: z.preprocess((value) => value ?? false, yesNoField),
    savedTimeZone: safeText(64),
    confirmTimeZone: z.literal("yes").optional(),
  })
  .superRefine((value, context) => {
    const changed = canonicalTimeZone(value.timeZone) !== null && value.timeZone !== (canonicalTimeZone(value.savedTimeZone) ?? value.savedTimeZone);
    if (changed && value.confirmTimeZone !== "yes") {
      // Reported as a missing answer, so the form says that the confirmation is required.
      context.addIssue({ code: "invalid_type", expected: "string", path: ["confirmTimeZone"], input: undefined, message: "confirm the time-zone change" });
    }
  })
  .transform(
    (value): OrgSettings => ({
      name: value.name,
      currency: value.currency,
      timeZone: value.timeZone,
      staleAfterDays: value.staleAfterDays,
      stuckFactor: value.stuckFactor,
      coachingTargetMinutes: value.coachingTargetMinutes,
      managersEditStageRules: value.managersEditStageRules,
    }),
  );
