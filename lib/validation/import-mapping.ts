import { z } from "zod";

/** How a file's columns and values become the app's fields; the same JSON in the CLI and the UI. */
export const importMappingSchema = z.strictObject({
  columns: z.record(z.string(), z.string().min(1)).default({}),
  values: z.record(z.string(), z.record(z.string(), z.string())).default({}),
  dateFormat: z
    .string()
    .regex(/^(?=.*(YYYY|YY))(?=.*(MM|M))(?=.*(DD|D))[YMD./\- ]+$/, { error: "dateFormat must be built from YYYY, MM or M, DD or D and . / - separators" })
    .optional(),
  decimal: z.enum([".", ","]).default("."),
  defaults: z.record(z.string(), z.string()).default({}),
});

export type ImportMapping = z.output<typeof importMappingSchema>;
export type ImportMappingInput = z.input<typeof importMappingSchema>;
