import { describe, expect, it } from "vitest";
import { salesVelocity } from "@/lib/kpi/sales-velocity";

describe("salesVelocity", () => {
  it("is open deals × win rate × average deal size ÷ mean cycle, in money per day", () => {
    expect(salesVelocity({ openDeals: 40, winRate: 0.25, avgDealSize: "12000.00", cycleMeanDays: 60 })).toBe("2000.00");
  });

  it.each([
    ["no closed deals", { winRate: null }],
    ["no won deals", { avgDealSize: null, cycleMeanDays: null }],
    ["every deal won the day it was created", { cycleMeanDays: 0 }],
  ])("is undefined with %s", (_case, override) => {
    expect(salesVelocity({ openDeals: 10, winRate: 0.5, avgDealSize: "100.00", cycleMeanDays: 10, ...override })).toBeNull();
  });

  it("is zero, not undefined, when nothing is open", () => {
    expect(salesVelocity({ openDeals: 0, winRate: 0.5, avgDealSize: "100.00", cycleMeanDays: 10 })).toBe("0.00");
  });
});
