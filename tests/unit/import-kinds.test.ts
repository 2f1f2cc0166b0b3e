import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { IMPORT_KINDS, kindFields } from "@/lib/import/kinds/import-kinds";
import { IMPORT_PRESETS } from "@/lib/import/presets/import-presets";
import { importMappingSchema } from "@/lib/validation/import-mapping";

const docs = fs.readFileSync(path.resolve("docs/import.md"), "utf8");
const readme = fs.readFileSync(path.resolve("README.md"), "utf8");

describe("import kinds", () => {
  it.each(IMPORT_KINDS)("docs/import.md documents every field of %s, whether it is required and how it is read", (kind) => {
    expect(docs).toContain(`### ${kind}`);
    for (const field of kindFields(kind)) {
      expect(field.description, `${kind}.${field.name}`).not.toBe("");
      expect(docs).toContain(`| \`${field.name}\` | ${field.required ? "yes" : ""} | ${field.description.replace(/\|/g, "\\|")} |`);
    }
  });

  it.each(IMPORT_PRESETS.map((p) => [p.name, p] as const))("the %s preset is a valid mapping onto real fields, named in the README", (name, preset) => {
    expect(importMappingSchema.parse(preset.mapping)).toEqual(preset.mapping);
    const fields = new Set(kindFields(preset.kind).map((f) => f.name));
    for (const field of [...Object.keys(preset.mapping.columns), ...Object.keys(preset.mapping.values)]) expect(fields).toContain(field);
    expect(readme).toContain(`\`${name}\``);
  });
});
