import { type ImportMessage, importMessage } from "../messages/import-message";

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: ImportMessage };

// Decimal(14, 2) holds twelve digits before the point.
const MAX_INTEGER_DIGITS = 12;

/**
 * A money amount as a decimal string: currency symbols and codes dropped, spaces, apostrophes and the
 * separator that is not the decimal one read as thousands separators, "(100)" and "-100" as negative.
 */
export function parseAmount(text: string, decimal: "." | ","): Parsed<string> {
  let t = text.trim();
  let negative = false;
  if (/^\(.*\)$/.test(t)) {
    negative = true;
    t = t.slice(1, -1);
  }
  t = t
    .replace(/[A-Za-zА-Яа-яЁё]+\.?/g, "")
    .replace(/[$€£₽¥₴₸₹]/g, "")
    .replace(/[\s\u00a0\u202f\u2009'’]/g, "");
  if (/^[-−]|[-−]$/.test(t)) {
    negative = !negative;
    t = t.replace(/^[-−]|[-−]$/, "");
  }
  t = decimal === "." ? t.replace(/,/g, "") : t.replace(/\./g, "").replace(",", ".");
  const match = /^(\d*)(?:\.(\d+))?$/.exec(t);
  if (!match || (match[1] === "" && match[2] === undefined)) return { ok: false, error: importMessage("notAmount", { value: text }) };
  const integer = (match[1] ?? "").replace(/^0+(?=\d)/, "") || "0";
  if (integer.length > MAX_INTEGER_DIGITS) return { ok: false, error: importMessage("amountTooLarge", { value: text }) };
  const value = `${negative ? "-" : ""}${integer}${match[2] ? `.${match[2]}` : ""}`;
  return { ok: true, value: value === "-0" ? "0" : value };
}
