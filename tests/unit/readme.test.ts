import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD, demoLogins } from "../../prisma/seed";

const readme = fs.readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8");
const packageJson = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../../package.json"), "utf8")) as { scripts: Record<string, string> };

describe("README", () => {
  it("lists every demo login and the demo password", () => {
    expect(readme).toContain(`\`${DEMO_PASSWORD}\``);
    for (const login of demoLogins()) expect(readme).toContain(`\`${login.email}\``);
  });

  it("gives the two commands, and they exist", () => {
    expect(readme).toContain("npm install && npm start");
    expect(readme).toContain("npm test");
    expect(packageJson.scripts.start).toBeDefined();
    expect(packageJson.scripts.test).toBeDefined();
  });

  it("documents every environment variable the launcher and the app read", () => {
    const sources = ["lib/cli/start.ts", "lib/env.ts", "lib/cli/launch-checks.ts"].map((file) =>
      fs.readFileSync(path.resolve(import.meta.dirname, "../..", file), "utf8"),
    );
    // Variables validated by a zod object (`NAME: z.…`) or read directly (`process.env.NAME`, not assigned).
    const validated = sources.flatMap((source) => [...source.matchAll(/^\s*([A-Z][A-Z0-9_]+): z\./gm)].map((match) => match[1]!));
    const read = sources.flatMap((source) => [...source.matchAll(/process\.env\.([A-Z][A-Z0-9_]+)\b(?!\s*\?\?=|\s*=[^=])/g)].map((match) => match[1]!));
    const names = new Set([...validated, ...read]);
    expect(names.size).toBeGreaterThan(5);
    for (const name of names) expect(readme, name).toContain(`\`${name}\``);
  });

  it("links only to files in the repository, and each exists", () => {
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]!);
    expect(links.length).toBeGreaterThan(5);
    for (const link of links) {
      expect(link, link).not.toMatch(/^[a-z]+:|^\/\/|^\.\./i);
      const file = link.split("#")[0]!;
      if (file) expect(fs.existsSync(path.resolve(import.meta.dirname, "../..", file)), link).toBe(true);
    }
  });

  it("starts a real install from the example files, each of them there", () => {
    const section = readme.slice(readme.indexOf("## Start with your own data"), readme.indexOf("## Configuration"));
    const files = [...section.matchAll(/docs\/examples\/[\w.-]+/g)].map((match) => match[0]);
    expect(new Set(files).size).toBeGreaterThanOrEqual(8);
    for (const file of files) expect(fs.existsSync(path.resolve(import.meta.dirname, "../..", file)), file).toBe(true);
  });
});
