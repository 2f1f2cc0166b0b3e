import { z } from "zod";
import { integer, text } from "./field-parsers";

export const accountsRowSchema = () =>
  z.object({
    id: text().optional().describe("the account's id in the file"),
    name: text().describe("company name; matched to existing accounts ignoring case and spaces"),
    industry: text().optional().describe("industry"),
    employees: integer(0, 10_000_000).optional().describe("number of employees, a whole number"),
    region: text().optional().describe("region"),
  });
