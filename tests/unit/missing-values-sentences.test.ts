// A figure that does not exist yet is said in words inside a sentence ("no data yet" / «данных пока нет»), never
// shown as a dash (docs/glossary.md). A table cell or a card's big number may still be "—".
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { diagnosisWhyValues, MISSING } from "@/lib/coaching/diagnosis-sentence";
import type { Locale } from "@/lib/i18n/config";
import { messagesFor } from "@/lib/i18n/messages";

const LOCALES: Locale[] = ["en", "ru"];
const format = { percent: (value: number) => `${Math.round(value * 100)} %`, number: (value: number) => String(value) };
const nothing = { perWorkingDay: null, responseRate: null, leadToOpportunity: null };
const some = { perWorkingDay: 4.24, responseRate: 0.31, leadToOpportunity: null };
const NO_DATA: Record<Locale, RegExp> = { en: /no (data|team figure|team median|response rate|lead → opportunity conversion)[^.]* yet/, ru: /пока нет/ };

function translator(locale: Locale) {
  return createTranslator({ locale, messages: messagesFor(locale) });
}

describe.each(LOCALES)("sentences with missing values (%s)", (locale) => {
  const t = translator(locale);

  it("the rep diagnosis says a missing figure in words", () => {
    for (const [own, team] of [[nothing, nothing], [some, nothing], [nothing, some]] as const) {
      const values = diagnosisWhyValues(own, team, format);
      for (const key of ["none", "LOW_EFFECTIVENESS"] as const) {
        const sentence = t(`repProfile.diagnosis.why.${key}`, values);
        expect(sentence, sentence).not.toContain("—");
        expect(sentence).not.toContain(MISSING);
        expect(sentence).toMatch(NO_DATA[locale]);
      }
    }
  });

  it("the rep diagnosis still shows every figure that exists", () => {
    const sentence = t("repProfile.diagnosis.why.none", diagnosisWhyValues(some, some, format));
    expect(sentence).toContain("4.2");
    expect(sentence).toContain("31 %");
    expect(sentence).toMatch(NO_DATA[locale]); // lead → opportunity is missing on both sides
  });

  it("the comparison with a previous period without the figure has no dash", () => {
    for (const key of ["none", "vs"] as const) {
      const sentence = t(`dashboard.change.${key}`, { period: "2025", previous: MISSING });
      expect(sentence).not.toContain("—");
      expect(sentence).toMatch(locale === "en" ? /no data/ : /данных пока нет/);
    }
    expect(t("dashboard.change.vs", { period: "2025", previous: "31 %" })).toContain("2025: 31 %");
  });

  it("a period without a quota says so instead of showing a dash", () => {
    const card = t("dashboard.cards.revenueDetail", { quota: MISSING, attainment: "—", atQuota: "—" });
    const review = t("review.evidence.quotaDetail", { revenue: "€1.2M", quota: MISSING });
    for (const sentence of [card, review]) {
      expect(sentence).not.toContain("—");
      expect(sentence).toMatch(locale === "en" ? /no quota set/i : /план[^.]*не задан/i);
    }
    expect(t("review.evidence.quotaDetail", { revenue: "€1.2M", quota: "€2M" })).toContain("€2M");
  });

  it("a plan saved by a user who is gone gives its date, not a dash for the name", () => {
    const sentence = t("plan.savedOn", { date: "05.12.2026" });
    expect(sentence).toContain("05.12.2026");
    expect(sentence).not.toContain("—");
  });
});
