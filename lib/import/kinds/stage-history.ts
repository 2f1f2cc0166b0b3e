import { z } from "zod";
import { dateTime, type ParseContext, text } from "./field-parsers";

export const stageHistoryRowSchema = (ctx: ParseContext) =>
  z.object({
    deal: text().describe("the deal's id (as imported with deals)"),
    stage: text().describe("the stage the deal entered, in the deal's pipeline (values.stage applies)"),
    at: dateTime(ctx).describe("when it entered the stage"),
  });
