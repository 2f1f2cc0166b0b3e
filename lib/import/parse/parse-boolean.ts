import { importMessage } from "../messages/import-message";
import type { Parsed } from "./parse-amount";

const TRUE = new Set(["true", "yes", "y", "1", "да", "д", "x", "✓"]);
const FALSE = new Set(["false", "no", "n", "0", "нет", "н"]);

export function parseBoolean(text: string): Parsed<boolean> {
  const t = text.trim().toLowerCase();
  if (TRUE.has(t)) return { ok: true, value: true };
  if (FALSE.has(t)) return { ok: true, value: false };
  return { ok: false, error: importMessage("notYesNo", { value: text }) };
}
