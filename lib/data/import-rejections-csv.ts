import type { Rejection } from "@/lib/import/load/load-context";

const cell = (value: string | number) => {
  const text = String(value);
  // Quote what CSV needs quoted, and defuse cells a spreadsheet would run as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** The rejected rows as CSV: row, column, reason. */
export function importRejectionsCsv(rejections: readonly Rejection[]): string {
  return ["row,column,reason", ...rejections.map((r) => [r.row, r.column, r.reason].map(cell).join(","))].join("\r\n") + "\r\n";
}
