import type { ImportMapping } from "@/lib/validation/import-mapping";
import { type ImportKind, kindFields } from "./kinds/import-kinds";
import { normalizeName } from "./load/normalize-name";
import { ImportFileError } from "./parse/import-file-error";
import { importMessage, quotedList } from "./messages/import-message";

export interface ResolvedColumns {
  /** Optional columns the mapping names that the file does not have. */
  absent: string[];
  /** Fields a column or a default fills. */
  provided: Set<string>;
  /** The header a field is read from (the field's own name when it comes from a default). */
  header(field: string): string;
  /** A record's cells as field → text; empty cells are missing, then values and defaults apply. */
  read(cells: string[]): Record<string, string | undefined>;
}

// Defaults the loader applies itself rather than as a cell: a deal without a creation date takes the earlier of the
// default and its close date (load-deals.ts), and the summary counts how each was dated.
const LOADER_DEFAULTS: Partial<Record<ImportKind, ReadonlySet<string>>> = { deals: new Set(["created"]) };

/** Checks the header against the mapping (no mapping: columns named like the fields) and builds the row reader. */
export function resolveColumns(kind: ImportKind, header: string[], mapping: ImportMapping): ResolvedColumns {
  const seen = new Map<string, number>();
  header.forEach((name, i) => {
    const first = seen.get(normalizeName(name));
    if (first !== undefined) throw new ImportFileError(importMessage("duplicateColumn", { column: name, first: first + 1, second: i + 1 }));
    seen.set(normalizeName(name), i);
  });
  const fields = kindFields(kind);
  const known = new Set(fields.map((f) => f.name));
  for (const field of [...Object.keys(mapping.columns), ...Object.keys(mapping.defaults), ...Object.keys(mapping.values)]) {
    if (!known.has(field)) throw new ImportFileError(importMessage("unknownMappingField", { field, kind, fields: [...known] }));
  }
  const explicit = Object.keys(mapping.columns).length > 0;
  const index = new Map<string, number>();
  const absent: string[] = [];
  for (const field of fields) {
    const headerName = explicit ? mapping.columns[field.name] : field.name;
    if (headerName === undefined) continue;
    const i = seen.get(normalizeName(headerName));
    if (i === undefined) {
      // A preset names every column its CRM can export; a report without an optional one still imports.
      if (explicit && !field.required) absent.push(headerName);
      continue;
    }
    index.set(field.name, i);
  }
  const missing = fields.filter((f) => f.required && !index.has(f.name) && mapping.defaults[f.name] === undefined).map((f) => f.name);
  if (missing.length > 0) {
    throw new ImportFileError(
      header.length === 1
        ? importMessage("oneColumnHeader", { column: header[0] ?? "" })
        : importMessage("missingColumns", {
            fields: missing.map((field) => {
              const column = explicit ? mapping.columns[field] : undefined;
              return column ? importMessage("fieldWithColumn", { field, column }) : field;
            }),
            columns: quotedList(header),
          }),
    );
  }
  const values = Object.fromEntries(
    Object.entries(mapping.values).map(([field, map]) => [field, new Map(Object.entries(map).map(([from, to]) => [normalizeName(from), to]))]),
  );
  const entries = [...index.entries()];
  const defaulted = Object.entries(mapping.defaults).filter(([field]) => !LOADER_DEFAULTS[kind]?.has(field));
  return {
    absent,
    provided: new Set([...index.keys(), ...Object.keys(mapping.defaults)]),
    header: (field) => (index.has(field) ? (header[index.get(field) as number] as string) : field),
    read(cells) {
      const raw: Record<string, string | undefined> = {};
      for (const [field, i] of entries) {
        const cell = cells[i]?.trim();
        if (cell) raw[field] = values[field]?.get(normalizeName(cell)) ?? cell;
      }
      for (const [field, value] of defaulted) if (raw[field] === undefined) raw[field] = value;
      return raw;
    },
  };
}
