import { z } from "zod";
import { dateTime, oneOf, type ParseContext, text } from "./field-parsers";

export const leadsRowSchema = (ctx: ParseContext) =>
  z.object({
    id: text().optional().describe("the lead's id in the file"),
    name: text().describe("lead or contact name"),
    source: oneOf(["INBOUND", "OUTBOUND", "REFERRAL", "EVENT", "PARTNER", "OTHER"]).describe("INBOUND, OUTBOUND, REFERRAL, EVENT, PARTNER or OTHER (map the file's values with values.source)"),
    status: oneOf(["NEW", "WORKING", "HANDED_OVER", "CONVERTED", "DISQUALIFIED"]).optional().describe("NEW, WORKING, HANDED_OVER, CONVERTED or DISQUALIFIED; NEW when empty"),
    created: dateTime(ctx).describe("when the lead was created: a date in dateFormat or ISO"),
    account: text().optional().describe("account name (an existing account, or created with --create-missing accounts)"),
    sdr: text().optional().describe("the SDR who worked the lead: rep id, email or name"),
    handedOver: dateTime(ctx).optional().describe("when the SDR handed the lead to an AE"),
    ae: text().optional().describe("the AE who received the lead: rep id, email or name"),
  });
