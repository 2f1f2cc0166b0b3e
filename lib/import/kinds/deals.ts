import { z } from "zod";
import { date, dateTime, nonNegativeAmount, oneOf, type ParseContext, text } from "./field-parsers";

export const dealsRowSchema = (ctx: ParseContext) =>
  z.object({
    id: text().optional().describe("the deal's id in the file; without it, a key of name, account and create date"),
    name: text().optional().describe("deal name; when empty, the account and the id (\"Acme GmbH — D-1001\"), or the id"),
    owner: text().describe("the owning rep: rep id, email or name (ignoring case and spaces)"),
    account: text().optional().describe("account name"),
    lead: text().optional().describe("the id of the lead the deal came from (as imported with leads)"),
    type: oneOf(["NEW", "EXPANSION", "RENEWAL"]).optional().describe("NEW, EXPANSION or RENEWAL; NEW when empty"),
    amount: nonNegativeAmount(ctx).optional().describe("amount in the organisation's currency; symbols and thousands separators are ignored, decimal per `decimal`"),
    created: dateTime(ctx).optional().describe("create date; when empty, the earlier of the close date and defaults.created (an open deal with neither is rejected; a stored deal keeps its date)"),
    expectedClose: date(ctx).optional().describe("expected close date of an open deal"),
    closed: dateTime(ctx).optional().describe("the date a won or lost deal closed"),
    closeDate: dateTime(ctx).optional().describe("one column for both, as CRMs export it: the close date if the deal is won or lost, else its expected close"),
    pipeline: text().optional().describe("pipeline name; the one chosen for the import (--pipeline, else the first) when empty"),
    stage: text().describe("stage name, mapped onto the pipeline's stages (and WON / LOST) by values.stage"),
    status: oneOf(["OPEN", "WON", "LOST"]).optional().describe("OPEN, WON or LOST when the file keeps it apart from the stage (Pipedrive); WON / LOST override the stage"),
    lostReason: text().optional().describe("why a lost deal was lost; \"unknown\" when empty"),
    nextStep: text().optional().describe("next step"),
    forecastCategory: oneOf(["PIPELINE", "BEST_CASE", "COMMIT", "OMITTED"]).optional().describe("PIPELINE, BEST_CASE, COMMIT or OMITTED; PIPELINE when empty"),
  });
