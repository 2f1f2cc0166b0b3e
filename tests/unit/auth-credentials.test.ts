import { describe, expect, it } from "vitest";
import { credentialsSchema } from "@/lib/validation/credentials";
import { parseRosterYear } from "@/lib/validation/roster-query";

describe("credentialsSchema", () => {
  it("normalises the email to trimmed lower case", () => {
    expect(credentialsSchema.parse({ email: "  Anna.Lee@Example.COM ", password: "x" }).email).toBe("anna.lee@example.com");
  });

  it.each([
    [{ email: "not-an-email", password: "x" }],
    [{ email: "a@b.test", password: "" }],
    [{ email: "a@b.test", password: "x".repeat(201) }],
    [{ email: "a@b.test" }],
    [null],
  ])("rejects %j", (input) => {
    expect(credentialsSchema.safeParse(input).success).toBe(false);
  });
});

describe("parseRosterYear", () => {
  const bounds = { firstYear: 2023, currentYear: 2025 };
  it("accepts a year the organisation has data for", () => {
    expect(parseRosterYear("2024", bounds)).toBe(2024);
    expect(parseRosterYear(["2023", "2025"], bounds)).toBe(2023);
  });
  it.each([undefined, "", "abc", "2022", "2026", "2024.5", "1e3"])("falls back to the current year for %j", (raw) => {
    expect(parseRosterYear(raw, bounds)).toBe(2025);
  });
});
