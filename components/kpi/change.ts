/** How a figure moved against the previous period; `better` says whether that is good news. */
export interface Change {
  direction: "up" | "down" | "flat";
  /** Relative change (0.12 = +12%) or, for ratios, the difference in fraction points (0.031 = +3.1 pp). */
  amount: number;
  kind: "relative" | "points";
  better: boolean | null;
}

/**
 * The change from `previous` to `current`: relative for counts and money, in points for ratios. Undefined
 * (null) when either side is, or when a relative change would divide by zero.
 */
export function changeOf(
  current: number | null,
  previous: number | null,
  { kind, higherIsBetter = true }: { kind: "relative" | "points"; higherIsBetter?: boolean },
): Change | null {
  if (current === null || previous === null) return null;
  const amount = kind === "points" ? current - previous : previous === 0 ? null : (current - previous) / Math.abs(previous);
  if (amount === null) return null;
  // Below half a tenth of a percent (or point) the arrow would only show rounding.
  const direction = Math.abs(amount) < 0.0005 ? "flat" : amount > 0 ? "up" : "down";
  return { direction, amount, kind, better: direction === "flat" ? null : (direction === "up") === higherIsBetter };
}

/** Money strings from SQL to numbers for comparison (display keeps its own formatting). */
export const num = (value: string | number | null | undefined): number | null => (value === null || value === undefined ? null : Number(value));
