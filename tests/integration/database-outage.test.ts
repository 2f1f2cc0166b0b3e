// The production app (`npm start` with DATABASE_URL) on a PostgreSQL this test stops and starts again: while the
// database is down pages answer the translated 503 page, routes 503 JSON, a server action "nothing was changed",
// /api/health a clear reason and sign-in a translated message, none of them naming the server; once it is back,
// pages work again without a restart. Runs the production build (npm test builds before this suite).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser } from "@playwright/test";
import bcrypt from "bcryptjs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "../../lib/db/create-client";
import { freePort, startEmbeddedPostgres, type EmbeddedPostgres } from "../../lib/db/embedded-postgres";
import { migrate } from "../../lib/db/migrate";
import { seedAuthorizationFixture, type Fixture } from "./authorization-fixture";
import { signIn, startProductionApp, waitFor, type ProductionApp } from "./support/production-app";
import { callServerAction } from "./support/server-action";

// Under the system temp folder, which the postgres OS user can reach even when the project sits in a private home.
const runDir = path.join(os.tmpdir(), `outage-test-${process.pid}`);
const PASSWORD = "outage-test-password";
// A build on a shared machine, the app's start, and a database stopped and started again.
const SLOW = 900_000;

let browser: Browser;
let database: EmbeddedPostgres;
let databasePort: number;
let app: ProductionApp | undefined;
let base: string;
let fx: Fixture;
/** The admin's session cookies, from a real sign-in. */
let session = "";

const page = (url: string, extra: Record<string, string> = {}) => fetch(`${base}${url}`, { headers: { Cookie: session, ...extra }, redirect: "manual" });

/** Posts a server action as the admin, on the page its form is on. */
const callAction = (file: string, exported: string, pagePath: string, fields: Record<string, string>) =>
  callServerAction({ base, cookies: session, pagePath, file, exported, fields });

/** Nothing that names the database server or the driver. */
function expectNothingInternal(text: string): void {
  expect(text).not.toContain(`:${databasePort}`);
  expect(text).not.toMatch(/ECONNREFUSED|reach database|prisma|DriverAdapter|\bat \w+ \(/i);
}

beforeAll(async () => {
  databasePort = await freePort();
  database = await startEmbeddedPostgres({ dataDir: path.join(runDir, "postgres"), port: databasePort });
  await migrate(database.url);
  const client = createPrismaClient(database.url);
  try {
    fx = await seedAuthorizationFixture(client);
    await client.user.update({ where: { id: fx.users.admin }, data: { passwordHash: await bcrypt.hash(PASSWORD, 10) } });
  } finally {
    await client.$disconnect();
  }

  app = await startProductionApp({ dataDir: path.join(runDir, "app"), env: { DATABASE_URL: database.url } });
  base = app.base;

  const signedIn = await signIn(base, "ada@northwind.test", PASSWORD);
  session = signedIn.cookies;
  expect(session).toContain("session-token");

  // The Chromium the e2e tests use (playwright.config.ts).
  const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
  browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--no-first-run"] });
}, SLOW);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await database?.stop();
  fs.rmSync(runDir, { recursive: true, force: true });
}, SLOW);

describe("the production app", () => {
  it("answers hostile drill parameters with the page, never a 500", async () => {
    for (const query of [
      "rep=99999999999",
      "stage=2147483648",
      "lostFrom=99999999999",
      "reason=Price%00",
      "period=custom&from=0001-01-01&to=0001-12-31",
      "period=custom&from=0099-01-01&to=0099-03-31",
      "period=custom&from=9999-12-01&to=9999-12-31",
    ]) {
      expect((await page(`/drill/deals?basis=closed&status=LOST&${query}`)).status, `/drill/deals?${query}`).toBe(200);
    }
    expect((await page("/drill/leads?rep=99999999999")).status).toBe(200);
    const exported = await page("/api/export/deals?rep=99999999999");
    expect(exported.status).toBe(422);
    expect((await exported.json()).fieldErrors).toHaveProperty("rep");
  });

  it("serves the translated 503 page, 503 JSON and clear messages while the database is down, and recovers when it is back", async () => {
    expect((await page("/roster")).status).toBe(200);
    const context = await browser.newContext({ baseURL: base });
    await context.addCookies(session.split("; ").map((pair) => ({ name: pair.split("=")[0]!, value: pair.slice(pair.indexOf("=") + 1), url: base })));
    const tab = await context.newPage();
    expect((await tab.goto("/roster"))?.status()).toBe(200);
    await database.stop();

    // In the browser: moving on from a page that loaded tells the reader the data is unavailable, and counts down.
    await tab.getByRole("navigation").getByRole("link", { name: "Dashboard" }).click();
    await tab.getByRole("heading", { name: "Data temporarily unavailable" }).waitFor({ timeout: 30_000 });
    await tab.getByText(/Trying again in (2\d|1\d) s/).waitFor({ timeout: 15_000 });
    expect((await tab.goto("/roster"))?.status()).toBe(503);
    await tab.getByText("Trying again in 28 s").waitFor({ timeout: 5_000 });

    // Pages: the outage page, in the reader's language, with a countdown and a button to try again.
    for (const url of ["/roster", "/dashboard", "/drill/deals?year=2025"]) {
      const response = await page(url);
      expect(response.status, url).toBe(503);
      expect(response.headers.get("retry-after")).toBe("30");
      const html = await response.text();
      expect(html).toContain("<h1>Data temporarily unavailable</h1>");
      expect(html).toContain("Trying again in 30 s");
      expect(html).toContain(">Try now</a>");
      expectNothingInternal(html);
    }
    const russian = await page("/roster", { Cookie: `${session}; NEXT_LOCALE=ru` });
    expect(russian.status).toBe(503);
    expect(await russian.text()).toContain("<h1>Данные временно недоступны</h1>");

    // Route handlers: 503 with a reason a program can read.
    for (const [url, init] of [
      ["/api/export/deals?year=2025", {}],
      ["/api/import/presets", { method: "POST", headers: { Origin: base, "Content-Type": "application/json" }, body: "{}" }],
    ] as const) {
      const response = await fetch(`${base}${url}`, { ...init, headers: { Cookie: session, ...("headers" in init ? init.headers : {}) } });
      expect(response.status, url).toBe(503);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ error: "UNAVAILABLE", message: "The data is temporarily unavailable. Nothing was changed; try again in a minute." });
      expectNothingInternal(text);
    }

    // A server action: the form's own "nothing was changed" message, not a crash.
    const action = await callAction("lib/actions/deal-update-next-step.ts", "updateDealNextStep", `/deals/${fx.deals.a}`, { dealId: String(fx.deals.a), nextStep: "Call back", expectedCloseAt: "" });
    expect(action.status).toBe(200);
    expect(action.body).toContain("The data is temporarily unavailable. Nothing was changed; try again in a minute.");
    expectNothingInternal(action.body);

    // The health check: 503 and a reason that names no host.
    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(503);
    const healthText = await health.text();
    expect(JSON.parse(healthText)).toMatchObject({ status: "error", database: { reachable: false, error: "DATABASE_UNAVAILABLE" } });
    expectNothingInternal(healthText);

    // Sign-in: next-auth's answer carries our code only, and the login page translates it.
    const attempt = await signIn(base, "ada@northwind.test", PASSWORD);
    expect(new URL(attempt.url).searchParams.get("error")).toBe("Unavailable");
    expectNothingInternal(decodeURIComponent(attempt.url));
    const login = await fetch(`${base}/login?error=Unavailable`, { headers: { Cookie: "NEXT_LOCALE=ru" } });
    expect(login.status).toBe(200);
    expect(await login.text()).toContain("Вход сейчас недоступен");

    // PostgreSQL returns on the same port: the running app serves pages again without a restart.
    database = await startEmbeddedPostgres({ dataDir: path.join(runDir, "postgres"), port: databasePort });
    await waitFor(async () => (await page("/roster")).status === 200, "the roster to answer again", 60_000, { details: app!.output });
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    expect((await page("/drill/deals?year=2025")).status).toBe(200);
    // The outage page's button brings the reader back to the page they asked for.
    await tab.getByRole("link", { name: "Try now" }).click();
    await tab.waitForURL(`${base}/roster`);
    await tab.getByRole("navigation").getByRole("link", { name: "Dashboard" }).waitFor();
    expect(await tab.getByRole("heading", { name: "Data temporarily unavailable" }).count()).toBe(0);
    await context.close();
  }, SLOW);

  it("keeps the review's answer while the database is down, says so, and saves it by itself when it is back", async () => {
    const context = await browser.newContext({ baseURL: base });
    await context.addCookies(session.split("; ").map((pair) => ({ name: pair.split("=")[0]!, value: pair.slice(pair.indexOf("=") + 1), url: base })));
    const tab = await context.newPage();
    expect((await tab.goto(`/review/2025/sales-process?team=${fx.teams.x}`))?.status()).toBe(200);
    const answer = tab.getByRole("textbox").first();
    const status = tab.getByRole("status").filter({ hasText: /Saved|Not saved|Saving/ }).first();
    await answer.fill("Saved before the outage");
    await answer.blur();
    await tab.getByText(/^Saved/).first().waitFor({ timeout: 30_000 });

    await database.stop();
    await answer.fill("Typed while the database was down");
    await answer.blur();
    // The server answered "unavailable": the field keeps the text, says it is not saved, and retries on its own.
    await tab.getByText("Not saved yet: the server cannot be reached. Retrying…").waitFor({ timeout: 30_000 });
    await tab.getByRole("alert").getByText(/Your last changes are not saved/).waitFor({ timeout: 60_000 });

    database = await startEmbeddedPostgres({ dataDir: path.join(runDir, "postgres"), port: databasePort });
    // No click: the next retry (at most 30 s apart) saves it.
    await tab.getByText(/^Saved/).first().waitFor({ timeout: 90_000 });
    expect(await status.textContent()).toMatch(/^Saved/);

    const pgClient = new pg.Client({ connectionString: database.url });
    await pgClient.connect();
    try {
      const { rows } = await pgClient.query<{ answer: string }>(
        `SELECT a.answer FROM review_answer a JOIN review r ON r.id = a.review_id WHERE r.team_id = $1 AND r.year = 2025 ORDER BY a.updated_at DESC LIMIT 1`,
        [fx.teams.x],
      );
      expect(rows[0]?.answer).toBe("Typed while the database was down");
    } finally {
      await pgClient.end();
    }
    await context.close();
  }, SLOW);
});
