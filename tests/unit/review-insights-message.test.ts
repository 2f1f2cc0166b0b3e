// insightMessage: KPI.md's example sentence, Intl formatting per locale, Russian plural forms, every code in both languages.
import { describe, expect, it } from "vitest";
import type { Locale } from "@/lib/i18n/config";
import { INSIGHT_CODES, INSIGHT_SECTION, insightKey, type Insight, type InsightFigures, type InsightFinding } from "@/lib/review/insights/insight";
import { insightMessage } from "@/lib/review/insights/insight-message";

// Intl separates numbers and units with (narrow) no-break spaces; the assertions read them as plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");
const message = (finding: InsightFinding, locale: Locale) =>
  plain(insightMessage({ ...finding, section: INSIGHT_SECTION[finding.code], key: insightKey(finding), drill: null } as Insight, locale));

const rep = { id: 7, name: "Theo Keller" };
const proposal = { id: 4, name: "Proposal" };
const newBusiness = { id: 1, name: "New business" };

const EXAMPLES: { [C in InsightFinding["code"]]: InsightFigures[C] } = {
  HANDOFF_BOTTLENECK: {
    handedOver: { current: 412, previous: 312, change: 412 / 312 - 1 },
    firstMeetings: { current: 140, previous: 137, change: 140 / 137 - 1 },
    conversion: { current: 140 / 412, previous: 137 / 312 },
  },
  STAGE_DROP: {
    pipeline: newBusiness,
    entered: { current: 2436, previous: 2347 },
    advanced: { current: 1415, previous: 1530 },
    conversion: { current: 1415 / 2436, previous: 1530 / 2347 },
  },
  STALLED_STAGE: { pipeline: newBusiness, stays: 660, medianDays: 23, othersMedianDays: 8, factor: 2 },
  LOW_ACTIVITY: { perWorkingDay: { rep: 3.54, teamMedian: 8.04 } },
  LOW_EFFECTIVENESS: {
    perWorkingDay: { rep: 11.88, teamMedian: 8.04 },
    responseRate: { rep: 0.082, teamMedian: 0.223 },
    leadToOpportunity: null,
    below: ["responseRate"],
  },
  COACHING_BELOW_TARGET: { targetHours: 3, months: 12, reps: [{ id: 7, name: "Theo Keller", hoursPerMonth: 1.6 }] },
  COMMITMENTS_SLIPPING: { kept: { current: 50, previous: 80 }, due: { current: 100, previous: 100 }, rate: { current: 0.5, previous: 0.8 }, reason: "FELL" },
  FORECAST_BIAS: {
    currency: "EUR",
    direction: "OVER",
    forecast: "19790900.00",
    actual: "15985400.00",
    bias: "3805500.00",
    share: 3805500 / 15985400,
    months: 12,
    worstMonth: { month: "2025-08", forecast: "1250000.00", actual: "500300.00" },
  },
  QUALIFICATION_GAPS: {
    at: "2025-12-31T23:00:00.000Z",
    openDeals: 69,
    qualified: 43,
    compliance: 43 / 69,
    deals: [{ id: 3, name: "Acme — Forecast Studio", rep: { id: 9, name: "Sara Graf" }, stage: proposal, amount: "24000.00" }],
  },
  QUOTA_MISS_CONCENTRATION: {
    repsWithQuota: 6,
    repsAtQuota: 2,
    furthestBelow: [{ id: 2, name: "Tobias Thalberg", attainment: 0.74, revenue: "600000.00", quota: "810000.00" }],
  },
};

const finding = <C extends InsightFinding["code"]>(code: C, figures: InsightFigures[C] = EXAMPLES[code]): InsightFinding =>
  ({
    code,
    rep: code === "LOW_ACTIVITY" || code === "LOW_EFFECTIVENESS" ? rep : null,
    stage: code === "STAGE_DROP" || code === "STALLED_STAGE" ? proposal : null,
    figures,
  }) as InsightFinding;

describe("insightMessage", () => {
  it("writes KPI.md's example for HANDOFF_BOTTLENECK word for word", () => {
    expect(message(finding("HANDOFF_BOTTLENECK"), "en")).toBe(
      "SDRs handed over 32% more leads (412 vs 312) but first meetings rose only 2% (140 vs 137): lead → first-meeting conversion fell from 44% to 34%. Check lead quality or AE capacity.",
    );
  });

  it("says so when first meetings fell, instead of a rise", () => {
    const fell = { ...EXAMPLES.HANDOFF_BOTTLENECK, firstMeetings: { current: 120, previous: 137, change: 120 / 137 - 1 } };
    expect(message(finding("HANDOFF_BOTTLENECK", fell), "en")).toContain("but first meetings fell 12% (120 vs 137)");
    expect(message(finding("HANDOFF_BOTTLENECK", fell), "ru")).toContain("но первых встреч стало меньше на 12 % (120 против 137)");
  });

  it("formats numbers for Russian: grouping, decimal comma, percent and currency", () => {
    expect(message(finding("HANDOFF_BOTTLENECK"), "ru")).toBe(
      "SDR передали на 32 % больше лидов (412 против 312), но первых встреч стало больше лишь на 2 % (140 против 137): конверсия лида в первую встречу упала с 44 % до 34 %. Проверьте качество лидов или загрузку AE.",
    );
    expect(message(finding("STAGE_DROP"), "ru")).toContain("58 % вошедших (1 415 из 2 436) против 65 % в прошлом периоде (1 530 из 2 347), на 7,1 п. п. меньше");
    expect(message(finding("FORECAST_BIAS"), "ru")).toContain("Прогноз завышен на 24 %: в категории «Твёрдый прогноз» за 12 месяцев было 19,8 млн €, а выиграно 16 млн €");
    expect(message(finding("FORECAST_BIAS"), "en")).toContain("The forecast was too high by 24%: €19.8M committed over 12 months against €16M won. Worst month: August 2025, €1.25M committed and €500K won.");
  });

  it("gives days, hours and activities one decimal, rounding half away from zero", () => {
    expect(message(finding("STALLED_STAGE"), "en")).toContain("a median of 23.0 days there, 2.9× the 8.0 days");
    expect(message(finding("STALLED_STAGE"), "ru")).toContain("медиана — 23,0 дн., в 2,9 раза дольше, чем на других этапах (8,0 дн.; замерено по 660 выходам с этапа)");
    // 2.25 and 0.125 are exact in binary: half-even would give 2.2 and 12 %.
    expect(message(finding("LOW_ACTIVITY", { perWorkingDay: { rep: 2.25, teamMedian: 18 } }), "en")).toBe(
      "Theo Keller logged 2.3 activities per working day, 13% of the team median (18.0). Coach persistence: agree a daily activity target and review it every week.",
    );
  });

  it.each([
    [1, "1 менеджер получал меньше коучинга"],
    [3, "3 менеджера получали меньше коучинга"],
    [5, "5 менеджеров получали меньше коучинга"],
    [21, "21 менеджер получал меньше коучинга"],
  ])("uses the Russian plural form for %i reps", (count, start) => {
    const reps = Array.from({ length: count }, (_, i) => ({ id: i + 1, name: `Rep ${i + 1}`, hoursPerMonth: 1.5 }));
    expect(message(finding("COACHING_BELOW_TARGET", { targetHours: 3, months: 12, reps }), "ru").startsWith(start)).toBe(true);
  });

  it("lists names with their figures in the locale's way", () => {
    const reps = [
      { id: 1, name: "Clara Berger", hoursPerMonth: 1.42 },
      { id: 2, name: "Sara Graf", hoursPerMonth: 1.54 },
    ];
    expect(message(finding("COACHING_BELOW_TARGET", { targetHours: 3, months: 12, reps }), "en")).toBe(
      "2 reps were coached less than the target of 3 hours a month: Clara Berger (1.4 h) and Sara Graf (1.5 h). Plan their one-to-ones for next year.",
    );
    expect(message(finding("COACHING_BELOW_TARGET", { targetHours: 3, months: 12, reps }), "ru")).toContain(": Clara Berger (1,4 ч) и Sara Graf (1,5 ч).");
  });

  it.each(INSIGHT_CODES.flatMap((code) => (["en", "ru"] as const).map((locale) => [code, locale] as const)))("renders %s in %s with every placeholder filled", (code, locale) => {
    const text = message(finding(code), locale);
    expect(text.length).toBeGreaterThan(40);
    expect(text).not.toMatch(/[{}]|insights\.|undefined|NaN/);
    if (locale === "ru") expect(text).not.toMatch(/\b(the|of|and|deals?|reps?)\b/);
  });
});
