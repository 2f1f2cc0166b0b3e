// The Russian demo (npm run seed -- --locale ru): every text the generator can write has its Russian, and
// translating happens after the draws, so the rows differ only in their words.
import { describe, expect, it } from "vitest";
import { collectDemo } from "@/prisma/seed/generate-demo";
import { toRussian, translatingSink } from "@/prisma/seed/locale";
import { resolveDemoOptions } from "@/prisma/seed/options";
import { NEW_BUSINESS, RENEWALS } from "@/prisma/seed/pipelines";
import type { RowSink, TableName, TableRows } from "@/prisma/seed/rows";
import * as vocabulary from "@/prisma/seed/vocabulary";

const CYRILLIC = /[а-яё]/i;

function textsOf(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(textsOf);
  if (value && typeof value === "object") return Object.entries(value).flatMap(([key, inner]) => (key === "metric" ? [] : textsOf(inner)));
  return [];
}

describe("the Russian demo vocabulary", () => {
  it("has Russian for every pipeline, stage, buyer question and exit criterion", () => {
    for (const pipeline of [NEW_BUSINESS, RENEWALS]) {
      expect(toRussian(pipeline.name)).toMatch(CYRILLIC);
      for (const stage of pipeline.open) {
        for (const text of [stage.name, stage.buyerQuestion, ...stage.criteria]) expect(toRussian(text), text).toMatch(CYRILLIC);
      }
    }
    for (const text of ["Won", "Lost", "Team 09", "Business Development 2"]) expect(toRussian(text)).toMatch(CYRILLIC);
  });

  it("has Russian for every lost reason, next step, coaching topic, note and commitment", () => {
    const lists = [
      vocabulary.LOST_REASONS_EARLY, vocabulary.LOST_REASONS_MID, vocabulary.LOST_REASONS_LATE, vocabulary.LOST_REASONS_RENEWAL,
      vocabulary.NEXT_STEPS_BY_STAGE, vocabulary.RENEWAL_NEXT_STEPS, vocabulary.COACHING_TOPICS_AE, vocabulary.COACHING_TOPICS_SDR,
      vocabulary.COACHING_NOTES, vocabulary.COMMITMENTS, vocabulary.COMMITMENT_MISSED_NOTES, vocabulary.MEETING_NOTES,
      vocabulary.DECISION_NOTES, vocabulary.AE_TEAM_NAMES, vocabulary.REGIONS,
    ];
    for (const text of textsOf(lists).filter((t) => t !== "")) expect(toRussian(text), text).toMatch(CYRILLIC);
  });

  it("refuses a text it does not know instead of leaving it in English", () => {
    expect(() => toRussian("Brand new stage")).toThrow(/vocabulary-ru\.ts/);
  });

  it("translates a generated demo row by row without changing any figure", () => {
    const options = resolveDemoOptions({ today: new Date("2025-03-15T12:00:00Z"), reps: 4, years: 1, passwordHash: "x" });
    const { rows } = collectDemo(options);
    const translated = {} as { [T in TableName]: TableRows[T][] };
    const sink: RowSink = { add: (table, row) => void (translated[table] ??= []).push(row) };
    const russian = translatingSink(sink, "ru");
    for (const table of Object.keys(rows) as TableName[]) for (const row of rows[table]) russian.add(table, row);
    const numbers = (all: typeof rows) => JSON.stringify(all, (_key, value: unknown) => (typeof value === "string" ? "·" : value));
    expect(numbers(translated)).toEqual(numbers(rows));
    expect(translated.stage.map((s) => s.name)).toContain("Квалификация");
    expect(translated.deal.filter((d) => d.lostReason !== null).every((d) => CYRILLIC.test(d.lostReason ?? ""))).toBe(true);
    expect(translated.app_user.map((u) => u.email)).toEqual(rows.app_user.map((u) => u.email));
  });
});
