import fs from "node:fs/promises";
import { type ImportMapping, importMappingSchema } from "@/lib/validation/import-mapping";
import type { ImportKind } from "./kinds/import-kinds";
import { ImportFileError } from "./parse/import-file-error";
import { importMessage } from "./messages/import-message";
import { findPreset, IMPORT_PRESETS } from "./presets/import-presets";

/** --mapping: a preset's name or a JSON file; none means columns named like the fields (as the export writes them). */
export async function readMappingArgument(argument: string | undefined, kind: ImportKind): Promise<ImportMapping> {
  if (argument === undefined) return importMappingSchema.parse({});
  const preset = findPreset(argument);
  if (preset) {
    if (preset.kind !== kind) throw new ImportFileError(importMessage("presetWrongKind", { preset: preset.name, presetKind: preset.kind, kind }));
    return preset.mapping;
  }
  let text: string;
  try {
    text = await fs.readFile(argument, "utf8");
  } catch {
    throw new ImportFileError(importMessage("mappingNotFound", { file: argument, presets: IMPORT_PRESETS.map((p) => p.name) }));
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ImportFileError(importMessage("mappingNotJson", { file: argument, reason: (error as Error).message }));
  }
  const parsed = importMappingSchema.safeParse(json);
  // The mapping schema's own messages (lib/validation) are English: this is the command line's.
  if (!parsed.success) throw new ImportFileError(importMessage("mappingInvalid", { issues: parsed.error.issues.map((i) => `${i.path.join(".") || "mapping"}: ${i.message}`).join("; ") }));
  return parsed.data;
}
