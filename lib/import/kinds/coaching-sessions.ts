import { z } from "zod";
import { dateTime, integer, type ParseContext, text } from "./field-parsers";

// A coaching session longer than a working day is a typing mistake.
const MAX_SESSION_MINUTES = 8 * 60;

export const coachingSessionsRowSchema = (ctx: ParseContext) =>
  z.object({
    rep: text().describe("the coached rep: id, email or name"),
    at: dateTime(ctx).describe("when the session took place"),
    minutes: integer(1, MAX_SESSION_MINUTES).describe(`duration in minutes, 1 to ${MAX_SESSION_MINUTES}`),
    topic: text().describe("topic"),
    manager: text().optional().describe("the coaching manager's login email or name"),
    notes: text().optional().describe("notes"),
  });
