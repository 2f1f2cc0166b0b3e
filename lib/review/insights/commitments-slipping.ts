import type { CoachingFigures } from "@/lib/kpi/query-coaching-metrics";
import type { InsightFinding } from "./insight";

/** KPI.md COMMITMENTS_SLIPPING: fewer than 60 % kept, or 10 points fewer than in P′. */
export const COMMITMENTS_KEPT_FLOOR_PERCENT = 60;
export const COMMITMENTS_FALL_POINTS = 10;
/** KPI.md: at least 10 commitments due in P (KEPT or MISSED; those still OPEN have no outcome yet). */
export const MIN_COMMITMENTS_DUE = 10;

export type CommitmentsSlipping = Extract<InsightFinding, { code: "COMMITMENTS_SLIPPING" }>;

/**
 * Commitments kept in P below 60 %, or 10 points or more below P′ (which then needs 10 due as well). Compared in
 * whole numbers, so 6 of 10 is exactly 60 % and not below it.
 */
export function commitmentsSlipping(current: CoachingFigures, previous: CoachingFigures): CommitmentsSlipping | null {
  const due = { current: current.kept + current.missed, previous: previous.kept + previous.missed };
  if (due.current < MIN_COMMITMENTS_DUE) return null;
  const belowFloor = current.kept * 100 < COMMITMENTS_KEPT_FLOOR_PERCENT * due.current;
  const comparable = due.previous >= MIN_COMMITMENTS_DUE;
  // kept′/due′ − kept/due ≥ 10 points ⇔ (kept′·due − kept·due′) · 100 ≥ 10 · due · due′.
  const fell = comparable && (previous.kept * due.current - current.kept * due.previous) * 100 >= COMMITMENTS_FALL_POINTS * due.current * due.previous;
  if (!belowFloor && !fell) return null;
  return {
    code: "COMMITMENTS_SLIPPING",
    rep: null,
    stage: null,
    figures: {
      kept: { current: current.kept, previous: previous.kept },
      due,
      rate: { current: current.kept / due.current, previous: comparable ? previous.kept / due.previous : null },
      reason: belowFloor ? "BELOW_FLOOR" : "FELL",
    },
  };
}
