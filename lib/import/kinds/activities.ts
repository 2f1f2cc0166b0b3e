import { z } from "zod";
import { bool, dateTime, oneOf, type ParseContext, text } from "./field-parsers";

export const activitiesRowSchema = (ctx: ParseContext) =>
  z.object({
    rep: text().describe("the rep: id, email or name"),
    type: oneOf(["CALL", "EMAIL", "SOCIAL", "MEETING"]).describe("CALL, EMAIL, SOCIAL or MEETING (map the file's values with values.type)"),
    at: dateTime(ctx).describe("when it happened"),
    deal: text().optional().describe("the deal's id, if it was on a deal"),
    lead: text().optional().describe("the lead's id, if it was on a lead"),
    responded: bool().optional().describe("whether it got a response (reply, connected call, attended meeting); no when empty"),
  });
