import { z } from "zod";
import { IMPORT_KINDS } from "@/lib/import/kinds/import-kinds";
import { TEXT_ENCODINGS } from "@/lib/import/parse/detect-encoding";
import { importMappingSchema } from "@/lib/validation/import-mapping";
import { safeText } from "./bounded";

const encoding = z.enum(TEXT_ENCODINGS).optional().catch(undefined);
const pipeline = safeText(200, { trim: true }).optional().transform((s) => s || undefined);

/** What the preview and the import need besides the upload: the mapping and the options. */
export const importRunSchema = z.object({
  uploadId: z.uuid(),
  kind: z.enum(IMPORT_KINDS),
  encoding,
  pipeline,
  mapping: importMappingSchema,
  skipInvalid: z.boolean().default(false),
  createMissing: z.array(z.enum(["reps", "accounts", "managers"])).max(3).default([]),
});

export type ImportRunInput = z.output<typeof importRunSchema>;

export const importJobSchema = z.object({ id: z.uuid() });

/** POST /api/import/presets: a mapping saved under a name for the organisation. */
export const importPresetSaveSchema = z.object({
  name: safeText(80, { trim: true }).min(1, { error: "name the preset" }),
  kind: z.enum(IMPORT_KINDS),
  mapping: importMappingSchema,
});
