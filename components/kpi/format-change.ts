import type { Change } from "./change";

/** "+12.3%" for relative changes, "+3.1" (percentage points, unit added by the caller) for ratios. */
export function formatChange(change: Change | null, locale: string): string {
  if (!change) return "—";
  if (change.kind === "relative") {
    return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(change.amount);
  }
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(change.amount * 100);
}
