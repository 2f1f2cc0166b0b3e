import { describe, expect, it } from "vitest";
import { coachingImpact } from "@/lib/kpi/coaching-impact";
import type { CoachingMetrics } from "@/lib/kpi/query-coaching-metrics";
import type { DealMetrics } from "@/lib/kpi/query-deal-metrics";

interface RepCase {
  repId: number;
  hours: number;
  won: number;
  lost: number;
  revenue: string;
  quota: string;
  previousRevenue: string;
}

// Only the fields coachingImpact reads; the rest of the figures play no part in the split.
function results(reps: RepCase[]): [DealMetrics, CoachingMetrics] {
  const deals = {
    reps: reps.map((r) => ({
      repId: r.repId,
      name: `Rep ${r.repId}`,
      teamId: 1,
      current: { won: r.won, lost: r.lost, revenue: r.revenue, quota: r.quota },
      previous: { won: 0, lost: 0, revenue: r.previousRevenue, quota: "0.00" },
    })),
  } as unknown as DealMetrics;
  const coaching = { reps: reps.map((r) => ({ repId: r.repId, meanHoursPerMonth: r.hours })) } as unknown as CoachingMetrics;
  return [deals, coaching];
}

describe("coaching impact (KPI.md: reps averaging ≥ 3 h/month against the rest)", () => {
  const reps: RepCase[] = [
    { repId: 1, hours: 4, won: 3, lost: 1, revenue: "3000.00", quota: "4000.00", previousRevenue: "2000.00" },
    // Exactly 3 hours a month is coached.
    { repId: 2, hours: 3, won: 1, lost: 1, revenue: "1000.50", quota: "0.00", previousRevenue: "0.00" },
    // Just under is not; nor is a rep without any coaching.
    { repId: 3, hours: 2.99, won: 0, lost: 0, revenue: "0.00", quota: "1000.00", previousRevenue: "500.00" },
    { repId: 4, hours: 0, won: 2, lost: 0, revenue: "1500.25", quota: "0.00", previousRevenue: "0.00" },
  ];

  it("splits the reps at 3 hours and sums each group's deals before dividing (not a mean of rep ratios)", () => {
    expect(coachingImpact(...results(reps))).toEqual({
      // Win rate 4 ÷ 6 (the mean of 3/4 and 1/2 would be 0.625); attainment 4,000.50 ÷ 4,000.00; revenue 4,000.50 against 2,000.00.
      coached: { reps: 2, winRate: 4 / 6, quotaAttainment: 400_050 / 400_000, revenueChange: (400_050 - 200_000) / 200_000 },
      // Win rate 2 ÷ 2; attainment 1,500.25 ÷ 1,000.00; revenue 1,500.25 against 500.00.
      others: { reps: 2, winRate: 1, quotaAttainment: 150_025 / 100_000, revenueChange: (150_025 - 50_000) / 50_000 },
    });
  });

  it("leaves every ratio of a group undefined when its denominator is zero, and a group without reps empty", () => {
    const onlyCoached = reps.filter((r) => r.repId <= 2).map((r) => ({ ...r, lost: 0, won: 0, quota: "0.00", previousRevenue: "0.00" }));
    expect(coachingImpact(...results(onlyCoached))).toEqual({
      coached: { reps: 2, winRate: null, quotaAttainment: null, revenueChange: null },
      others: { reps: 0, winRate: null, quotaAttainment: null, revenueChange: null },
    });
  });

  it("counts a fall in revenue on P′ as a negative change", () => {
    const fell = [{ repId: 7, hours: 5, won: 1, lost: 0, revenue: "750.00", quota: "1000.00", previousRevenue: "1000.00" }];
    expect(coachingImpact(...results(fell)).coached).toEqual({ reps: 1, winRate: 1, quotaAttainment: 0.75, revenueChange: -0.25 });
  });
});
