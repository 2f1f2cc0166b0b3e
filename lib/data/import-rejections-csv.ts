import type { Rejection } from "@/lib/import/load/load-context";
import { importMessageText } from "@/lib/import/messages/import-message-text";
import type { Locale } from "@/lib/i18n/config";

const cell = (value: string | number) => {
  const text = String(value);
  // Quote what CSV needs quoted, and defuse cells a spreadsheet would run as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** The rejected rows as CSV: row, column, reason — the reason in `locale`, the requester's language. */
export function importRejectionsCsv(rejections: readonly Rejection[], locale: Locale): string {
  return ["row,column,reason", ...rejections.map((r) => [r.row, r.column, importMessageText(r.reason, locale)].map(cell).join(","))].join("\r\n") + "\r\n";
}
