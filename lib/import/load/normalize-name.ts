/** The form names are compared in: case, spaces and Unicode composition do not matter ("Anna  Lee" = "anna lee"). */
export function normalizeName(name: string): string {
  return name.normalize("NFKC").toLowerCase().replace(/\s+/g, "");
}
