// The parsers every kind's row schema is built from; each turns one trimmed, non-empty cell into a value or a reason.
import { z } from "zod";
import { parseAmount } from "../parse/parse-amount";
import { parseBoolean } from "../parse/parse-boolean";
import { type LocalDateTime, parseDate } from "../parse/parse-date";

export interface ParseContext {
  dateFormat?: string;
  decimal: "." | ",";
}

const MAX_TEXT = 1000;

const required = { error: (issue: { input?: unknown }) => (issue.input === undefined ? "a value is required" : undefined) };

export const text = () => z.string(required).max(MAX_TEXT, { error: `is longer than ${MAX_TEXT} characters` });

export const amount = (ctx: ParseContext) =>
  z.string(required).transform((s, c) => {
    const parsed = parseAmount(s, ctx.decimal);
    if (parsed.ok) return parsed.value;
    c.addIssue({ code: "custom", message: parsed.error });
    return z.NEVER;
  });

export const nonNegativeAmount = (ctx: ParseContext) =>
  amount(ctx).refine((value) => !value.startsWith("-"), { error: (issue) => `the amount ${String(issue.input)} is negative` });

export const dateTime = (ctx: ParseContext) =>
  z.string(required).transform((s, c): LocalDateTime => {
    const parsed = parseDate(s, ctx.dateFormat);
    if (parsed.ok) return parsed.value;
    c.addIssue({ code: "custom", message: parsed.error });
    return z.NEVER;
  });

/** A calendar date as YYYY-MM-DD (quota periods, expected close). */
export const date = (ctx: ParseContext) => dateTime(ctx).transform((value) => value.date);

export const integer = (min: number, max: number) =>
  z.string(required).transform((s, c) => {
    const n = Number(s.replace(/[\s\u00a0,']/g, ""));
    if (Number.isInteger(n) && n >= min && n <= max) return n;
    c.addIssue({ code: "custom", message: `"${s}" is not a whole number from ${min} to ${max}` });
    return z.NEVER;
  });

export const bool = () =>
  z.string(required).transform((s, c) => {
    const parsed = parseBoolean(s);
    if (parsed.ok) return parsed.value;
    c.addIssue({ code: "custom", message: parsed.error });
    return z.NEVER;
  });

/** One of the app's values, read case-insensitively with spaces and dashes as underscores ("Best case" → BEST_CASE). */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.string(required).transform((s, c): T[number] => {
    const key = s.trim().toUpperCase().replace(/[\s-]+/g, "_");
    const found = values.find((v) => v === key);
    if (found) return found;
    c.addIssue({ code: "custom", message: `"${s}" is not one of ${values.join(", ")}` });
    return z.NEVER;
  });
