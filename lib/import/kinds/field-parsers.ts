// The parsers every kind's row schema is built from; each turns one trimmed, non-empty cell into a value or a reason.
// A reason is an ImportMessage carried in the zod issue's params; rowIssueMessage reads it back.
import { z } from "zod";
import { type ImportMessage, importMessage } from "../messages/import-message";
import { parseAmount } from "../parse/parse-amount";
import { parseBoolean } from "../parse/parse-boolean";
import { type LocalDateTime, parseDate } from "../parse/parse-date";

export interface ParseContext {
  dateFormat?: string;
  decimal: "." | ",";
}

const MAX_TEXT = 1000;

/** Rejects the cell with `message`. */
function fail(c: z.RefinementCtx, message: ImportMessage): never {
  c.addIssue({ code: "custom", message: message.code, params: { importMessage: message } });
  return z.NEVER;
}

/** Why a row's cell was refused: a parser's own reason, or what zod found (a missing cell, too long, not an email). */
export function rowIssueMessage(issue: z.core.$ZodIssue | undefined): ImportMessage {
  if (issue?.code === "custom" && issue.params?.importMessage) return issue.params.importMessage as ImportMessage;
  // Cells are strings or missing, so a wrong type is a missing value.
  if (issue?.code === "invalid_type") return importMessage("required");
  if (issue?.code === "too_big") return importMessage("tooLong", { max: Number(issue.maximum) });
  if (issue?.code === "invalid_format" && issue.format === "email") return importMessage("notEmail");
  return importMessage("invalid");
}

export const text = () => z.string().max(MAX_TEXT);

export const amount = (ctx: ParseContext) =>
  z.string().transform((s, c) => {
    const parsed = parseAmount(s, ctx.decimal);
    return parsed.ok ? parsed.value : fail(c, parsed.error);
  });

export const nonNegativeAmount = (ctx: ParseContext) =>
  amount(ctx).transform((value, c) => (value.startsWith("-") ? fail(c, importMessage("negativeAmount", { amount: value })) : value));

export const dateTime = (ctx: ParseContext) =>
  z.string().transform((s, c): LocalDateTime => {
    const parsed = parseDate(s, ctx.dateFormat);
    return parsed.ok ? parsed.value : fail(c, parsed.error);
  });

/** A calendar date as YYYY-MM-DD (quota periods, expected close). */
export const date = (ctx: ParseContext) => dateTime(ctx).transform((value) => value.date);

export const integer = (min: number, max: number) =>
  z.string().transform((s, c) => {
    const n = Number(s.replace(/[\s\u00a0,']/g, ""));
    if (Number.isInteger(n) && n >= min && n <= max) return n;
    return fail(c, importMessage("notWholeNumber", { value: s, min, max }));
  });

export const bool = () =>
  z.string().transform((s, c) => {
    const parsed = parseBoolean(s);
    return parsed.ok ? parsed.value : fail(c, parsed.error);
  });

/** One of the app's values, read case-insensitively with spaces and dashes as underscores ("Best case" → BEST_CASE). */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.string().transform((s, c): T[number] => {
    const key = s.trim().toUpperCase().replace(/[\s-]+/g, "_");
    const found = values.find((v) => v === key);
    return found ?? fail(c, importMessage("notOneOf", { value: s, values: [...values] }));
  });
