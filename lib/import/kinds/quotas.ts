import { z } from "zod";
import { date, nonNegativeAmount, type ParseContext, text } from "./field-parsers";

export const quotasRowSchema = (ctx: ParseContext) =>
  z.object({
    rep: text().describe("the rep: id, email or name"),
    periodStart: date(ctx).describe("first day of the quota period"),
    periodEnd: date(ctx).describe("the day after the period ends (a month from Jan 1 ends on Feb 1)"),
    amount: nonNegativeAmount(ctx).describe("quota amount"),
  });
