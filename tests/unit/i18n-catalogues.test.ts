import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import ru from "@/messages/ru.json";

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): Array<[string, string]> {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  );
}

/** The names a message uses; one may appear in several plural branches. */
function placeholders(message: string): string[] {
  return [...new Set([...message.matchAll(/\{(\w+)[,}]/g)].map((match) => match[1] ?? ""))].sort();
}

describe("message catalogues", () => {
  const english = new Map(leaves(en));
  const russian = new Map(leaves(ru));

  it("have exactly the same keys in English and Russian", () => {
    expect([...russian.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it("have no empty messages", () => {
    const empty = [...english, ...russian].filter(([, value]) => value.trim() === "").map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it("use the same placeholders in both languages", () => {
    for (const [key, message] of english) {
      expect(placeholders(russian.get(key) ?? ""), key).toEqual(placeholders(message));
    }
  });

  it("give Russian plurals the one, few and many forms", () => {
    for (const [key, message] of russian) {
      if (!message.includes(", plural,")) continue;
      for (const form of ["one {", "few {", "many {", "other {"]) expect(message, key).toContain(form);
    }
  });
});
