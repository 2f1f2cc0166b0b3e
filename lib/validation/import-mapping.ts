import { z } from "zod";
import { safeText } from "./bounded";

// A column name, a cell value or a default: generous for any CRM export, and never NUL (PostgreSQL's JSON refuses it).
const text = safeText(1000);

/** How a file's columns and values become the app's fields; the same JSON in the CLI and the UI. */
export const importMappingSchema = z.strictObject({
  columns: z.record(text, text.min(1)).default({}),
  values: z.record(text, z.record(text, text)).default({}),
  dateFormat: z
    .string()
    .regex(/^(?=.*(YYYY|YY))(?=.*(MM|M))(?=.*(DD|D))[YMD./\- ]+$/, { error: "dateFormat must be built from YYYY, MM or M, DD or D and . / - separators" })
    .optional(),
  decimal: z.enum([".", ","]).default("."),
  defaults: z.record(text, text).default({}),
});

export type ImportMapping = z.output<typeof importMappingSchema>;
export type ImportMappingInput = z.input<typeof importMappingSchema>;
