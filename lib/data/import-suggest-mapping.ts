import { type ImportKind, kindFields } from "@/lib/import/kinds/import-kinds";
import { normalizeName } from "@/lib/import/load/normalize-name";
import { IMPORT_PRESETS } from "@/lib/import/presets/import-presets";
import { importMappingSchema, type ImportMapping } from "@/lib/validation/import-mapping";

// Header names CRMs and spreadsheets commonly use for a field, beyond the field's own name and the presets'.
const ALIASES: Record<string, string[]> = {
  id: ["external id", "record id", "код", "ид"],
  name: ["title", "deal", "deal name", "full name", "название", "имя", "сделка"],
  owner: ["deal owner", "owner name", "rep", "sales rep", "ответственный", "менеджер"],
  account: ["company", "organization", "organisation", "account name", "компания", "клиент"],
  amount: ["value", "deal value", "sum", "сумма", "бюджет"],
  created: ["create date", "created at", "created on", "date created", "дата создания"],
  closeDate: ["close date", "closing date", "дата закрытия"],
  expectedClose: ["expected close date"],
  closed: ["closed at", "closed date", "won time", "lost time"],
  stage: ["deal stage", "status", "этап", "стадия"],
  lostReason: ["lost reason", "loss reason", "причина отказа"],
  nextStep: ["next step", "следующий шаг"],
  forecastCategory: ["forecast category", "forecast"],
  email: ["e-mail", "email address", "почта"],
  team: ["команда", "отдел"],
  manager: ["team lead", "team manager", "руководитель"],
  managerEmail: ["manager email", "manager e-mail", "team lead email", "почта руководителя"],
  rep: ["owner", "sales rep", "user", "ответственный"],
  at: ["date", "time", "when", "дата"],
  periodStart: ["period start", "start", "from"],
  periodEnd: ["period end", "end", "to"],
  deal: ["deal id", "opportunity id"],
  lead: ["lead id"],
};

// Spaces, dashes and underscores do not matter: "Close_Date", "close-date" and "closeDate" all match closeDate.
const key = (s: string) => normalizeName(s).replace(/[\s_\-./]+/g, "");

export interface SuggestedMapping {
  /** The built-in preset whose columns the file has, when one fits. */
  preset: string | null;
  mapping: ImportMapping;
}

/** A mapping for a file's header: a fitting preset of the kind, else each field matched to a column by name and aliases. */
export function suggestMapping(kind: ImportKind, header: readonly string[]): SuggestedMapping {
  const fields = kindFields(kind);
  const byKey = new Map(header.map((h) => [key(h), h]));
  const presets = IMPORT_PRESETS.filter((p) => p.kind === kind);
  let best: { name: string; matched: number; mapping: ImportMapping } | null = null;
  for (const preset of presets) {
    const columns = Object.entries(preset.mapping.columns);
    const matched = columns.filter(([, column]) => byKey.has(key(column))).length;
    const fitsRequired = fields.filter((f) => f.required).every((f) => {
      const column = preset.mapping.columns[f.name];
      return (column !== undefined && byKey.has(key(column))) || preset.mapping.defaults[f.name] !== undefined;
    });
    if (fitsRequired && (!best || matched > best.matched)) best = { name: preset.name, matched, mapping: preset.mapping };
  }
  if (best) {
    // Keep only the columns the file has, spelled as the file spells them.
    const columns: Record<string, string> = {};
    for (const [field, column] of Object.entries(best.mapping.columns)) {
      const found = byKey.get(key(column));
      if (found) columns[field] = found;
    }
    return { preset: best.name, mapping: { ...best.mapping, columns } };
  }
  const columns: Record<string, string> = {};
  const taken = new Set<string>();
  for (const field of fields) {
    const candidates = [field.name, field.name.replace(/([a-z])([A-Z])/g, "$1 $2"), ...(ALIASES[field.name] ?? []), ...presets.flatMap((p) => p.mapping.columns[field.name] ?? [])];
    for (const candidate of candidates) {
      const found = byKey.get(key(candidate));
      if (found && !taken.has(found)) {
        columns[field.name] = found;
        taken.add(found);
        break;
      }
    }
  }
  return { preset: null, mapping: importMappingSchema.parse({ columns }) };
}
