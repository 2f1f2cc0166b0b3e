// The first start on an empty database, as an operator meets it: `npm start` with DATABASE_URL and DEMO_DATA=off
// prints how to create the first administrator and a one-time setup link; the sign-in page says the same instead of a
// form; the link's page creates the organisation and its administrator, who signs in; then the link and the page are
// gone. Runs the production build (npm test builds before this suite), in a browser, with axe on both pages.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type Page } from "@playwright/test";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase, type ScratchDatabase } from "./support/db";
import { startProductionApp, waitFor, type ProductionApp } from "./support/production-app";

const runDir = path.join(os.tmpdir(), `first-start-test-${process.pid}`);
const SLOW = 600_000;

let database: ScratchDatabase;
let browser: Browser;
let app: ProductionApp | undefined;
let base = "";

async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

beforeAll(async () => {
  database = await createScratchDatabase();
  // localhost: the setup link the app prints names it, and the test follows that link.
  app = await startProductionApp({ dataDir: runDir, env: { DATABASE_URL: database.url }, urlHost: "localhost" });
  base = app.base;
  await waitFor(() => /setup\?token=/.test(app!.output()), "the setup link", 10_000, { details: app.output });
  const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
  browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--no-first-run"] });
}, SLOW);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await database?.drop();
  fs.rmSync(runDir, { recursive: true, force: true });
});

const setupLink = () => /(http:\/\/localhost:\d+\/setup\?token=([A-Za-z0-9_-]{43}))\s/.exec(app!.output());

describe("the first start on an empty database", () => {
  it("says in the start log how to create the first administrator, with a one-time setup link", () => {
    const output = app!.output();
    expect(output).not.toContain("generating the demo organisation");
    expect(output).toContain("No one can sign in yet: the database has no users. Create the first administrator here:");
    expect(output).toContain('    npm run user -- create --email you@example.com --role ADMIN --org "Your company"');
    expect(output).toContain("or open this one-time link (valid 60 minutes, single use)");
    expect(setupLink()?.[1]).toMatch(new RegExp(`^${base.replace(/\./g, "\\.")}/setup\\?token=`));
  });

  it("shows the sign-in page without a form, saying the same, in English and Russian", async () => {
    const english = await fetch(`${base}/login`);
    expect(english.status).toBe(200);
    const html = await english.text();
    expect(html).toContain("No one can sign in yet");
    expect(html).toContain("npm run user -- create --email you@example.com --role ADMIN --org");
    expect(html).not.toContain('type="password"');
    const russian = await (await fetch(`${base}/login`, { headers: { Cookie: "NEXT_LOCALE=ru" } })).text();
    expect(russian).toContain("Войти пока некому");
    expect(russian).toContain("Ваша компания");

    const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    await page.goto(`${base}/login`);
    await page.getByRole("heading", { name: "No one can sign in yet" }).waitFor();
    await expectNoAxeViolations(page);
    await page.context().close();
  });

  it("has no setup page without the link's token, nor with a wrong one", async () => {
    for (const url of ["/setup", `/setup?token=${"A".repeat(43)}`, "/setup?token=short"]) {
      expect((await fetch(`${base}${url}`)).status, url).toBe(404);
    }
  });

  it("sets up the organisation and its administrator from the link, who then signs in; afterwards the link and the empty sign-in page are gone", async () => {
    const [, link = ""] = setupLink() ?? [];
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    await page.goto(link);
    await page.getByRole("heading", { name: "Set up your organisation" }).waitFor();
    await expectNoAxeViolations(page);

    await page.getByLabel("Organisation name").fill("Acme GmbH");
    await page.getByLabel("Currency").selectOption("EUR");
    await page.getByLabel("Time zone").selectOption("Europe/Berlin");
    await page.getByLabel("Your name").fill("Ada Admin");
    await page.getByLabel("Work email").fill("ada@acme.test");
    await page.getByLabel("Password", { exact: true }).fill("ada's long password");
    await page.getByLabel("Repeat password").fill("not the same");
    await page.getByRole("button", { name: "Create the organisation" }).click();
    await page.getByText("The passwords do not match.").waitFor();
    expect(await page.getByLabel("Repeat password").getAttribute("aria-invalid")).toBe("true");
    await expectNoAxeViolations(page);

    await page.getByLabel("Repeat password").fill("ada's long password");
    await page.getByRole("button", { name: "Create the organisation" }).click();
    await page.getByRole("status").getByText("The organisation is ready and ada@acme.test is its administrator.").waitFor();
    await page.getByRole("link", { name: "Go to sign-in" }).click();
    await page.getByLabel("Work email").fill("ada@acme.test");
    await page.getByLabel("Password").fill("ada's long password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    await page.goto(`${base}/admin/settings`);
    expect(await page.getByLabel("Organisation name").inputValue()).toBe("Acme GmbH");
    expect(await page.getByLabel("Time zone").inputValue()).toBe("Europe/Berlin");
    await page.context().close();

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const audit = await client.query<{ action: string }>("SELECT action FROM audit_log ORDER BY id");
      expect(audit.rows.map((row) => row.action)).toEqual(["organization.create", "user.create"]);
    } finally {
      await client.end();
    }
    expect((await fetch(link)).status).toBe(404);
    expect(await (await fetch(`${base}/login`)).text()).toContain('type="password"');
  });
});
