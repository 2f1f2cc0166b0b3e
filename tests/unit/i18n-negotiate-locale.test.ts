import { describe, expect, it } from "vitest";
import { negotiateLocale } from "@/lib/i18n/negotiate-locale";

describe("negotiateLocale", () => {
  it("takes the language the user chose (cookie) over the browser's", () => {
    expect(negotiateLocale("ru", "en-US,en;q=0.9")).toBe("ru");
  });

  it("ignores a cookie naming a language we do not have", () => {
    expect(negotiateLocale("de", "ru-RU,ru;q=0.9")).toBe("ru");
  });

  it("follows the browser's preferences in q order, matching on the base language", () => {
    expect(negotiateLocale(undefined, "de-DE,ru;q=0.8,en;q=0.5")).toBe("ru");
    expect(negotiateLocale(undefined, "en;q=0.3,ru-RU;q=0.9")).toBe("ru");
    expect(negotiateLocale(undefined, "RU")).toBe("ru");
  });

  it("skips languages refused with q=0", () => {
    expect(negotiateLocale(undefined, "ru;q=0,en;q=0.1")).toBe("en");
  });

  it("falls back to English", () => {
    expect(negotiateLocale(undefined, undefined)).toBe("en");
    expect(negotiateLocale(undefined, "")).toBe("en");
    expect(negotiateLocale(undefined, "fr-FR,*;q=0.5")).toBe("en");
    expect(negotiateLocale(undefined, "garbage;;;q=x")).toBe("en");
  });
});
