import { describe, expect, it } from "vitest";
import { diagnoseReps } from "@/lib/kpi/diagnose-reps";
import type { ActivityMetrics } from "@/lib/kpi/query-activity-metrics";
import type { LeadMetrics } from "@/lib/kpi/query-lead-metrics";

const rep = (repId: number, perWorkingDay: number, responseRate: number) => ({
  repId,
  name: `Rep ${repId}`,
  teamId: 1,
  current: { count: 0, responded: 0, responseRate, perWorkingDay, byType: {} },
  previous: { count: 0, responded: 0, responseRate: null, perWorkingDay: null, byType: {} },
});

describe("diagnosis against the team median (KPI.md, 60% thresholds)", () => {
  it("finds the low-activity rep and the busy rep whose responses lag", () => {
    const activities = { reps: [rep(1, 8, 0.22), rep(2, 8, 0.2), rep(3, 3.5, 0.3), rep(4, 12, 0.08), rep(5, 7, 0.25)] } as unknown as ActivityMetrics;
    const leads = { reps: [] } as unknown as LeadMetrics;
    const codes = Object.fromEntries(diagnoseReps(activities, leads).map((d) => [d.repId, d.codes]));
    expect(codes).toEqual({ 1: [], 2: [], 3: ["LOW_ACTIVITY"], 4: ["LOW_EFFECTIVENESS"], 5: [] });
  });
});
