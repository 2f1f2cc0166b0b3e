/** One RFC 4180 line (CRLF). Text that a spreadsheet would run as a formula is prefixed with a quote. */
export function csvLine(values: ReadonlyArray<string | number | boolean | null | undefined>): string {
  return (
    values
      .map((value) => {
        if (value === null || value === undefined) return "";
        if (typeof value !== "string") return String(value);
        const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
        return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
      })
      .join(",") + "\r\n"
  );
}
