// docs/glossary.md in a test: the Russian catalogue keeps one word per product term, and the variants replaced by
// the glossary cannot come back.
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import ru from "@/messages/ru.json";

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): Array<[string, string]> {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  );
}

const russian = leaves(ru as Tree);
const english = new Map(leaves(en as Tree));

/** Variants the glossary replaced, each with the reason it names when it turns up again. */
const BANNED: Array<[RegExp, string]> = [
  [/продав(ец|ца|цу|цом|це|цы|цов|цам|цами|цах)/i, "a rep is «менеджер (по продажам)», not «продавец»"],
  [/доля выигранных(?! сделок)/i, "win rate is «доля выигранных сделок» in full"],
  [/доля (побед|выигрышей)|винрейт|коэффициент выигрыша|процент выигрыша/i, "win rate is «доля выигранных сделок»"],
  [/выручка по выигранным(?! сделкам)/i, "won revenue is «выручка по выигранным сделкам» in full"],
  [/руководитель продаж/i, "the sales manager is «руководитель отдела продаж» (short «руководитель»)"],
  [/квот[аыуе]/i, "a quota is «план»"],
  [/стади[яиюей]/i, "a stage is «этап»"],
  [/«Обязательство»/, "the forecast category Commit is «Твёрдый прогноз»; «обязательство» is a coaching commitment"],
];

/** Words the English names the reps by, and the words it names the sales manager by. */
const REP_EN = /\b(reps?|rep's|reps')\b/i;
const MANAGER_EN = /\bmanagers?\b|\bmanager's\b/i;

describe("the Russian glossary (docs/glossary.md)", () => {
  it("has none of the replaced variants", () => {
    const found = russian.flatMap(([key, message]) =>
      BANNED.filter(([pattern]) => pattern.test(message)).map(([, why]) => `${key}: ${why}`),
    );
    expect(found).toEqual([]);
  });

  it("names win rate the same way wherever the English says win rate", () => {
    const other = russian.filter(([key, message]) => /win rate/i.test(english.get(key) ?? "") && !/доля выигранных сделок/i.test(message));
    expect(other.map(([key]) => key)).toEqual([]);
  });

  it("keeps the rep (менеджер) and the sales manager (руководитель) apart", () => {
    const mixed = russian.filter(([key, message]) => {
      const source = english.get(key) ?? "";
      const aboutManagerOnly = MANAGER_EN.test(source) && !REP_EN.test(source);
      const aboutRepsOnly = REP_EN.test(source) && !MANAGER_EN.test(source);
      return (aboutManagerOnly && /менеджер/i.test(message)) || (aboutRepsOnly && /руководител/i.test(message));
    });
    expect(mixed.map(([key]) => key)).toEqual([]);
  });

  it("gives the roles and the forecast categories their glossary names", () => {
    expect(ru.roles).toEqual({ ADMIN: "Администратор", MANAGER: "Руководитель отдела продаж", REP: "Менеджер по продажам" });
    for (const [key, message] of russian) if (key.endsWith("forecast.COMMIT")) expect(message, key).toBe("Твёрдый прогноз");
  });
});
