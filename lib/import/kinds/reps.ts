import { z } from "zod";
import { bool, oneOf, text } from "./field-parsers";

export const repsRowSchema = () =>
  z.object({
    id: text().optional().describe("the rep's id in the file; re-importing the same id updates the rep"),
    name: text().describe("full name; matched to existing reps ignoring case and spaces"),
    email: z.email().optional().describe("email address"),
    team: text().optional().describe("team name; a team that does not exist is created"),
    manager: text().optional().describe("the team manager: a user's login email or name; one who is not a user is created with --create-missing managers (from an email)"),
    managerEmail: z.email().optional().describe("the manager's email, when `manager` holds their name: how --create-missing managers creates them"),
    region: text().optional().describe("region"),
    kind: oneOf(["SDR", "AE"]).optional().describe("SDR or AE; AE when empty"),
    active: bool().optional().describe("yes/no, true/false, 1/0, да/нет; yes when empty"),
  });
