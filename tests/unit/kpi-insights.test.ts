import { describe, expect, it } from "vitest";
import { handoffBottleneck } from "@/lib/review/insights/handoff-bottleneck";
import type { LeadFigures } from "@/lib/kpi/query-lead-metrics";

const leads = (handedOver: number, firstMeetings: number): LeadFigures => ({
  created: 0,
  createdBySource: { INBOUND: 0, OUTBOUND: 0, REFERRAL: 0, EVENT: 0, PARTNER: 0, OTHER: 0 },
  handedOver,
  converted: 0,
  leadToOpportunity: null,
  firstMeetings,
  wonDeals: 0,
  closeRate: null,
  openDeals: 0,
});

describe("HANDOFF_BOTTLENECK", () => {
  it("gives KPI.md's example numbers", () => {
    const insight = handoffBottleneck(leads(412, 140), leads(312, 137));
    expect(insight?.handedOver.change).toBeCloseTo(0.32, 2);
    expect(insight?.firstMeetings.change).toBeCloseTo(0.02, 2);
    expect(insight?.conversion.previous).toBeCloseTo(0.44, 2);
    expect(insight?.conversion.current).toBeCloseTo(0.34, 2);
  });

  it("needs hand-overs up at least 15% and first meetings up less than 5%", () => {
    expect(handoffBottleneck(leads(115, 100), leads(100, 100))).not.toBeNull();
    expect(handoffBottleneck(leads(114, 100), leads(100, 100))).toBeNull();
    expect(handoffBottleneck(leads(200, 105), leads(100, 100))).toBeNull();
    expect(handoffBottleneck(leads(200, 80), leads(100, 100))).not.toBeNull();
  });

  it("needs KPI.md's minimum of 50 hand-overs in P′", () => {
    expect(handoffBottleneck(leads(58, 30), leads(50, 30))).not.toBeNull();
    expect(handoffBottleneck(leads(57, 30), leads(49, 30))).toBeNull();
  });

  it("never fires on an undefined change", () => {
    expect(handoffBottleneck(leads(10, 0), leads(0, 0))).toBeNull();
    expect(handoffBottleneck(leads(10, 5), leads(5, 0))).toBeNull();
  });
});
