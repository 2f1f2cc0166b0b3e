// insightMessage(insight, locale) → the insight's sentence in that locale, from the `insights` namespace of
// messages/<locale>.json, with its numbers formatted by Intl in that locale: percentages whole, points, days, hours
// and activities per day with one decimal, money in the insight's currency; Intl rounds half away from zero (KPI.md).
// Pure: no request, no database; the review UI and the report call it.
import { createTranslator } from "next-intl";
import type { Locale } from "@/lib/i18n/config";
import { messagesFor } from "@/lib/i18n/messages";
import type { Insight } from "./insight";

/** How many misqualified deals QUALIFICATION_GAPS names as examples in its sentence (the insight lists them all). */
export const EXAMPLE_DEALS = 3;

const NONE = "—";

function formatters(locale: Locale) {
  const percentFormat = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  const oneDecimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const upToOneDecimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const monthFormat = new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" });
  const list = new Intl.ListFormat(locale, { style: "long", type: "conjunction" });
  return {
    percent: (value: number | null) => (value === null ? NONE : percentFormat.format(value)),
    /** A fraction's difference in percentage points, e.g. 0.071 → "7.1". */
    points: (value: number) => oneDecimal.format(value * 100),
    oneDecimal: (value: number | null) => (value === null ? NONE : oneDecimal.format(value)),
    upToOneDecimal: (value: number) => upToOneDecimal.format(value),
    integer: (value: number) => integer.format(value),
    // Sums of a year run to millions: three significant digits ("€19.8M", "€1.25M") read in a sentence, every cent would not.
    money: (value: string, currency: string) =>
      new Intl.NumberFormat(locale, { style: "currency", currency, notation: "compact", maximumSignificantDigits: 3 }).format(Number(value)),
    month: (month: string) => {
      const [year, number] = month.split("-").map(Number) as [number, number];
      return monthFormat.format(Date.UTC(year, number - 1, 1));
    },
    list: (items: string[]) => list.format(items),
  };
}

/** The sentence of one insight in the given locale, every number in it formatted for that locale. */
export function insightMessage(insight: Insight, locale: Locale): string {
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "insights" });
  const f = formatters(locale);
  const rep = insight.rep?.name ?? NONE;
  const stage = insight.stage?.name ?? NONE;
  switch (insight.code) {
    case "HANDOFF_BOTTLENECK": {
      const { handedOver, firstMeetings, conversion } = insight.figures;
      // The trend is read from the rounded figure, so "+0.2 %" is not called a rise of "0 %".
      const shown = Math.round(Math.abs(firstMeetings.change) * 100);
      return t("HANDOFF_BOTTLENECK", {
        handedChange: f.percent(handedOver.change),
        handedCurrent: f.integer(handedOver.current),
        handedPrevious: f.integer(handedOver.previous),
        meetingsTrend: shown === 0 ? "flat" : firstMeetings.change > 0 ? "rose" : "fell",
        meetingsChange: f.percent(Math.abs(firstMeetings.change)),
        meetingsCurrent: f.integer(firstMeetings.current),
        meetingsPrevious: f.integer(firstMeetings.previous),
        conversionPrevious: f.percent(conversion.previous),
        conversionCurrent: f.percent(conversion.current),
      });
    }
    case "STAGE_DROP": {
      const { pipeline, entered, advanced, conversion } = insight.figures;
      return t("STAGE_DROP", {
        stage,
        pipeline: pipeline.name,
        conversionCurrent: f.percent(conversion.current),
        conversionPrevious: f.percent(conversion.previous),
        advancedCurrent: f.integer(advanced.current),
        enteredCurrent: f.integer(entered.current),
        advancedPrevious: f.integer(advanced.previous),
        enteredPrevious: f.integer(entered.previous),
        points: f.points(conversion.previous - conversion.current),
      });
    }
    case "STALLED_STAGE": {
      const { pipeline, stays, medianDays, othersMedianDays } = insight.figures;
      return t("STALLED_STAGE", {
        stage,
        pipeline: pipeline.name,
        medianDays: f.oneDecimal(medianDays),
        othersMedianDays: f.oneDecimal(othersMedianDays),
        ratio: othersMedianDays > 0 ? f.oneDecimal(medianDays / othersMedianDays) : NONE,
        stays,
      });
    }
    case "LOW_ACTIVITY": {
      const { perWorkingDay } = insight.figures;
      return t("LOW_ACTIVITY", {
        rep,
        perDay: f.oneDecimal(perWorkingDay.rep),
        teamMedian: f.oneDecimal(perWorkingDay.teamMedian),
        share: f.percent(perWorkingDay.teamMedian === 0 ? null : perWorkingDay.rep / perWorkingDay.teamMedian),
      });
    }
    case "LOW_EFFECTIVENESS": {
      const { perWorkingDay, responseRate, leadToOpportunity, below } = insight.figures;
      return t("LOW_EFFECTIVENESS", {
        rep,
        perDay: f.oneDecimal(perWorkingDay.rep),
        teamMedian: f.oneDecimal(perWorkingDay.teamMedian),
        below: below.length === 2 ? "both" : (below[0] ?? "responseRate"),
        responseRate: f.percent(responseRate?.rep ?? null),
        teamResponseRate: f.percent(responseRate?.teamMedian ?? null),
        conversion: f.percent(leadToOpportunity?.rep ?? null),
        teamConversion: f.percent(leadToOpportunity?.teamMedian ?? null),
      });
    }
    case "COACHING_BELOW_TARGET": {
      const { targetHours, reps } = insight.figures;
      return t("COACHING_BELOW_TARGET", {
        count: reps.length,
        target: f.upToOneDecimal(targetHours),
        reps: f.list(reps.map((r) => t("repHours", { name: r.name, hours: f.oneDecimal(r.hoursPerMonth) }))),
      });
    }
    case "COMMITMENTS_SLIPPING": {
      const { kept, due, rate, reason } = insight.figures;
      return t("COMMITMENTS_SLIPPING", {
        reason: reason === "FELL" ? "fell" : "belowFloor",
        rate: f.percent(rate.current),
        kept: f.integer(kept.current),
        due: f.integer(due.current),
        previousRate: f.percent(rate.previous),
        previousKept: f.integer(kept.previous),
        previousDue: f.integer(due.previous),
      });
    }
    case "FORECAST_BIAS": {
      const { currency, direction, forecast, actual, share, months, worstMonth } = insight.figures;
      return t("FORECAST_BIAS", {
        direction: direction === "OVER" ? "over" : "under",
        share: f.percent(share),
        forecast: f.money(forecast, currency),
        actual: f.money(actual, currency),
        months,
        worstMonth: f.month(worstMonth.month),
        worstForecast: f.money(worstMonth.forecast, currency),
        worstActual: f.money(worstMonth.actual, currency),
      });
    }
    case "QUALIFICATION_GAPS": {
      const { openDeals, qualified, compliance, deals } = insight.figures;
      return t("QUALIFICATION_GAPS", {
        compliance: f.percent(compliance),
        qualified: f.integer(qualified),
        open: f.integer(openDeals),
        count: openDeals - qualified,
        listed: deals.length > 0 ? "yes" : "no",
        examples: f.list(deals.slice(0, EXAMPLE_DEALS).map((deal) => t("dealOf", { deal: deal.name, rep: deal.rep.name, stage: deal.stage.name }))),
      });
    }
    case "QUOTA_MISS_CONCENTRATION": {
      const { repsWithQuota, repsAtQuota, furthestBelow } = insight.figures;
      return t("QUOTA_MISS_CONCENTRATION", {
        atQuota: f.integer(repsAtQuota),
        withQuota: f.integer(repsWithQuota),
        reps: f.list(furthestBelow.map((r) => t("repAttainment", { name: r.name, attainment: f.percent(r.attainment) }))),
      });
    }
  }
}
