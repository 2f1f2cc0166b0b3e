import type { LeadFigures } from "@/lib/kpi/query-lead-metrics";

/** KPI.md HANDOFF_BOTTLENECK: hand-overs up at least 15% on P′ while first meetings changed less than 5%. */
export const HANDOVER_RISE = 0.15;
export const FIRST_MEETING_CHANGE = 0.05;
/** KPI.md: the rule needs at least 50 hand-overs in P′ (fewer make a ±15 % change noise). */
export const MIN_PREVIOUS_HANDOVERS = 50;

export interface HandoffBottleneck {
  code: "HANDOFF_BOTTLENECK";
  handedOver: { current: number; previous: number; change: number };
  firstMeetings: { current: number; previous: number; change: number };
  /** first meetings ÷ handed over, in P′ and P. */
  conversion: { previous: number; current: number };
}

/**
 * Fires when hand-overs rose ≥ 15% and first meetings rose less than 5% (a fall counts: it is the same
 * bottleneck, worse). Undefined changes (nothing in P′) and fewer than 50 hand-overs in P′ never fire.
 */
export function handoffBottleneck(current: LeadFigures, previous: LeadFigures): HandoffBottleneck | null {
  if (previous.handedOver < MIN_PREVIOUS_HANDOVERS || previous.firstMeetings === 0 || current.handedOver === 0) return null;
  const handedChange = current.handedOver / previous.handedOver - 1;
  const meetingChange = current.firstMeetings / previous.firstMeetings - 1;
  // Compared as cross-products, so 115 vs 100 is exactly +15% (1.15 − 1 is 0.1499… in floating point).
  if (current.handedOver * 100 < previous.handedOver * (100 + HANDOVER_RISE * 100)) return null;
  if (current.firstMeetings * 100 >= previous.firstMeetings * (100 + FIRST_MEETING_CHANGE * 100)) return null;
  return {
    code: "HANDOFF_BOTTLENECK",
    handedOver: { current: current.handedOver, previous: previous.handedOver, change: handedChange },
    firstMeetings: { current: current.firstMeetings, previous: previous.firstMeetings, change: meetingChange },
    conversion: { previous: previous.firstMeetings / previous.handedOver, current: current.firstMeetings / current.handedOver },
  };
}
