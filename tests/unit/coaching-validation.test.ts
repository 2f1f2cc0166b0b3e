// Bad input to a coaching session is a field error naming the field, and a commitment's check compares as it says.
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { commitmentWindow, isOverdue, isWindowOver, proposedStatus } from "@/lib/coaching/commitment-check";
import { messagesFor } from "@/lib/i18n/messages";
import { instantOfLocalTime } from "@/lib/kpi/period";
import { METRICS, METRIC_KEYS, type TeamYearFigures } from "@/lib/review/metric-catalogue";
import { createCoachingSessionSchema } from "@/lib/validation/coaching";
import { fieldErrorsOf } from "@/lib/validation/field-errors";

const t = createTranslator({ locale: "en", messages: messagesFor("en") });
const valid = {
  repId: "7",
  at: "2025-03-03T10:00",
  minutes: "60",
  topic: "Email openings",
  "commitments.0.text": "Better first lines",
  "commitments.0.metric": "emailResponseRate",
  "commitments.0.target": "15",
  "commitments.0.dueAt": "2025-03-31",
};

function errorsOf(fields: Record<string, unknown>) {
  const parsed = createCoachingSessionSchema.safeParse(fields);
  return parsed.success ? {} : fieldErrorsOf(parsed.error, fields, t, "coaching.fields");
}

describe("a coaching session's input", () => {
  it("takes a session with a commitment, its direction from the metric", () => {
    const parsed = createCoachingSessionSchema.parse({ ...valid, "commitments.3.text": "", "commitments.3.dueAt": "" });
    expect(parsed.commitments).toEqual([{ text: "Better first lines", metric: "emailResponseRate", comparator: "AT_LEAST", target: 15, dueAt: "2025-03-31" }]);
    expect(createCoachingSessionSchema.parse({ ...valid, "commitments.0.metric": "salesCycle", "commitments.0.target": "60" }).commitments[0]?.comparator).toBe("AT_MOST");
  });

  it.each([
    ["a session of 0 minutes", { minutes: "0" }, "minutes", "A session lasts from 1 minute to 8 hours."],
    ["a session over 8 hours", { minutes: "481" }, "minutes", "A session lasts from 1 minute to 8 hours."],
    ["a commitment without a due date", { "commitments.0.dueAt": "" }, "commitments.0.dueAt", "Due date is required."],
    ["a rate above 100 %", { "commitments.0.target": "101" }, "commitments.0.target", "A rate cannot be above 100 %."],
    ["a negative count", { "commitments.0.metric": "calls", "commitments.0.target": "-1" }, "commitments.0.target", "The target cannot be negative."],
    ["a count that is not whole", { "commitments.0.metric": "calls", "commitments.0.target": "2.5" }, "commitments.0.target", "This metric counts: the target must be a whole number."],
    ["a metric without a target", { "commitments.0.target": "" }, "commitments.0.target", "Give the target the metric must reach."],
    ["a due date before the session", { "commitments.0.dueAt": "2025-03-01" }, "commitments.0.dueAt", "The due date is before the session."],
    ["no topic", { topic: " " }, "topic", "Topic is required."],
    ["a metric outside the catalogue", { "commitments.0.metric": "forecastAccuracy" }, "commitments.0.metric", "Choose one of the options for Metric."],
  ])("refuses %s as an error of that field", (_name, change, field, message) => {
    expect(errorsOf({ ...valid, ...change })).toEqual({ [field]: [message] });
  });

  it("accepts a decimal comma in a target", () => {
    expect(createCoachingSessionSchema.parse({ ...valid, "commitments.0.target": "12,5" }).commitments[0]?.target).toBe(12.5);
  });
});

describe("the automatic check", () => {
  const commitment = { metric: "emailResponseRate" as const, comparator: "AT_LEAST" as const, target: 15 };
  it("keeps a rate that reaches its target in percent, and misses one below it", () => {
    expect(proposedStatus(commitment, 0.15)).toBe("KEPT");
    expect(proposedStatus(commitment, 3 / 20)).toBe("KEPT");
    expect(proposedStatus(commitment, 0.1499)).toBe("MISSED");
    expect(proposedStatus({ metric: "salesCycle", comparator: "AT_MOST", target: 60 }, 61)).toBe("MISSED");
    expect(proposedStatus({ metric: "salesCycle", comparator: "AT_MOST", target: 60 }, 60)).toBe("KEPT");
  });

  it("proposes nothing when the metric has no value over the window", () => {
    expect(proposedStatus(commitment, null)).toBeNull();
  });

  it("measures from the session's local day to the due date and is final at local midnight after it", () => {
    // 00:30 on 3 March in Auckland is still 2 March in UTC.
    const sessionAt = instantOfLocalTime("2025-03-03", "00:30", "Pacific/Auckland");
    expect(sessionAt.toISOString()).toBe("2025-03-02T11:30:00.000Z");
    const window = commitmentWindow(sessionAt, "2025-03-31", "Pacific/Auckland");
    expect([window.startDate, window.endDate]).toEqual(["2025-03-03", "2025-04-01"]);
    expect(isWindowOver(window, new Date("2025-03-31T10:59:59Z"))).toBe(false);
    expect(isWindowOver(window, new Date("2025-03-31T11:00:00Z"))).toBe(true);
    expect(isOverdue("2025-03-31", new Date("2025-03-31T10:59:59Z"), "Pacific/Auckland")).toBe(false);
    expect(isOverdue("2025-03-31", new Date("2025-03-31T11:00:00Z"), "Pacific/Auckland")).toBe(true);
  });
});

describe("the metric catalogue", () => {
  it("reads each metric's value from the one lib/kpi result it names as its source", () => {
    // Any figure reads as 0; the top-level results touched are recorded.
    const deep: object = new Proxy(() => 0, { get: (_t, p) => (p === Symbol.toPrimitive ? () => 0 : p === "then" ? undefined : deep) });
    for (const key of METRIC_KEYS) {
      const touched = new Set<string | symbol>();
      const figures = new Proxy({} as TeamYearFigures, { get: (_t, p) => (touched.add(p), deep) });
      METRICS[key].value(figures);
      expect([...touched], key).toEqual([METRICS[key].source]);
    }
  });
});

describe("several mistakes at once", () => {
  it("names each field, not only the first", () => {
    expect(Object.keys(errorsOf({ ...valid, minutes: "0", "commitments.0.target": "150", "commitments.0.dueAt": "" })).sort()).toEqual(["commitments.0.dueAt", "commitments.0.target", "minutes"]);
  });
});
