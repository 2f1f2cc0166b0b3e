// The dashboard, My KPIs and drill-through as people meet them: numbers that open their rows, no other rep's
// figures for a rep, the export, and no accessibility violations at both screen sizes in both languages.
import { expect, test } from "@playwright/test";
import { demoLogins } from "../../prisma/seed";
import { signIn, expectNoAxeViolations } from "./support/browser";

const logins = demoLogins();
const admin = logins.find((login) => login.role === "ADMIN")!;
const manager = logins.find((login) => login.role === "MANAGER" && login.team && !/SDR|Business/i.test(login.team))!;
const rep = logins.find((login) => login.role === "REP" && login.team === manager.team)!;
const teammates = logins.filter((login) => login.role === "REP" && login.team === manager.team && login.email !== rep.email);

const lastYear = () => new Date().getUTCFullYear() - 1;
const northManager = logins.find((login) => login.role === "MANAGER" && login.team === "Team North")!;
const sdrManager = logins.find((login) => login.role === "MANAGER" && login.team && /Business|SDR/i.test(login.team))!;

test("Team North's manager sees the hand-over chain of the leads their AEs received", async ({ page }) => {
  await signIn(page, northManager.email);
  await page.goto(`/dashboard?year=${lastYear()}`);
  await expect(page.getByRole("heading", { level: 2, name: "Leads handed over to the team" })).toBeVisible();
  await expect(page.getByText(/no leads belong to this scope/i)).toHaveCount(0);
  const handed = page.getByRole("link", { name: /^Handed over, [\d,]+: show the leads$/ });
  const count = (await handed.getAttribute("aria-label"))!.match(/, ([\d,]+):/)![1]!;
  expect(Number(count.replace(/,/g, ""))).toBeGreaterThan(0);
  await expect(page.getByRole("link", { name: /^First meeting, [\d,]+: show the deals$/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Won, [\d,]+: show the leads$/ })).toBeVisible();
  await handed.click();
  await page.waitForURL(/\/drill\/leads/);
  await expect(page.getByText(new RegExp(`^${count} leads?$`))).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the SDR team's manager sees SDR figures, no €0 revenue cards", async ({ page }) => {
  await signIn(page, sdrManager.email);
  await page.goto(`/dashboard?year=${lastYear()}`);
  const main = page.getByRole("main");
  await expect(main.getByText("Leads handed over", { exact: true })).toBeVisible();
  await expect(main.getByRole("heading", { name: "Per SDR" })).toBeVisible();
  for (const revenueCard of ["Won revenue", "Average deal size", "Sales velocity", "Pipeline coverage"]) await expect(main.getByText(revenueCard, { exact: true })).toHaveCount(0);
  expect(await main.textContent()).not.toMatch(/€\s?0(?![\d.,])/);
  // The hand-over card opens as many leads as it counts.
  const handed = page.getByRole("link", { name: /^Leads handed over, [\d,]+: show the rows$/ });
  const count = (await handed.textContent())!.trim();
  await handed.click();
  await page.waitForURL(/\/drill\/leads/);
  await expect(page.getByText(new RegExp(`^${count} leads?$`))).toBeVisible();
  await page.goBack();
  await expectNoAxeViolations(page);
});

test("a manager's dashboard: cards with their change, panels, and a number that opens its deals", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await signIn(page, manager.email);
  await page.goto(`/dashboard?year=${lastYear()}`);
  await expect(page.getByRole("heading", { level: 1, name: /sales dashboard/i })).toBeVisible();
  for (const name of [/hand-over|handed over/i, /monthly trend/i, /lost reasons/i, /stage funnel/i]) await expect(page.getByRole("heading", { level: 2, name })).toBeVisible();
  await expect(page.getByText(/compared with \d{4}/i).first()).toBeAttached();
  await expectNoAxeViolations(page);

  const won = page.getByRole("link", { name: /won revenue, .*show the deals/i });
  const shown = (await won.textContent())!;
  await won.click();
  await page.waitForURL(/\/drill\/deals/);
  await expect(page.getByRole("heading", { level: 1, name: /deals/i })).toBeVisible();
  await expect(page.getByRole("status")).toContainText(shown.trim());
  await expectNoAxeViolations(page);

  const csv = await page.request.get(page.url().replace("/drill/deals", "/api/export/deals"));
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect((await csv.text()).split("\r\n")[0]).toContain("id,deal,account,owner");
});

test("the admin filters the dashboard by team and exports the report", async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await signIn(page, admin.email);
  await page.goto(`/dashboard?year=${lastYear()}`);
  await page.getByLabel("Team", { exact: true }).selectOption({ label: manager.team! });
  await page.getByRole("button", { name: /apply/i }).click();
  await expect(page.getByText(`Team filter: ${manager.team}`).first()).toBeVisible();
  expect(page.url()).toMatch(/team=\d+/);
  await expectNoAxeViolations(page);
  const report = await page.request.get(`/api/export/report?year=${lastYear()}&format=json`);
  const body = (await report.json()) as { total: { won: number; winRate: number | null }; teams: unknown[] };
  expect(body.total.won).toBeGreaterThan(0);
  expect(body.teams.length).toBeGreaterThan(1);
});

test("the running year says its figures stop at today and are compared with the whole previous year; a past year does not", async ({ page }) => {
  await signIn(page, manager.email);
  const year = lastYear() + 1;
  await page.goto(`/dashboard?year=${year}`);
  await expect(page.getByText(new RegExp(`^${year} is not over yet: its figures run to today, .+, and are compared with the whole of ${lastYear()}\\.$`))).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto(`/dashboard?year=${lastYear()}`);
  await expect(page.getByRole("heading", { level: 1, name: /sales dashboard/i })).toBeVisible();
  await expect(page.getByText(/is not over yet/)).toHaveCount(0);
});

test("the running year says how many of the funnel's and the hand-over chain's deals are still open; a past year does not", async ({ page }) => {
  await signIn(page, manager.email);
  const year = lastYear() + 1;
  await page.goto(`/dashboard?year=${year}`);
  const funnel = page.getByTestId("cohort-open-funnel").first();
  await expect(funnel).toBeVisible();
  await expect(funnel).toHaveText(new RegExp(`^${year} is still running: [\\d,]+ of the [\\d,]+ deals? created in it (is|are) still open, so these shares, and the won step above all, will still rise as they finish\\.$`));
  // The manager's AE team follows the leads handed over to it (the receiving side).
  const chain = page.getByTestId("cohort-open-chain");
  await expect(chain).toHaveText(new RegExp(`^${year} is still running: [\\d,]+ deals? from the leads handed over in it (is|are) still open`));
  const open = chain.getByRole("link", { name: /^[\d,]+ still open deals?: show (it|them)$/ });
  const count = (await open.textContent())!.trim();
  await expectNoAxeViolations(page);
  await open.click();
  await page.waitForURL(/\/drill\/deals/);
  await expect(page.getByRole("status")).toContainText(new RegExp(`^${count} deals?,`));

  await page.goto(`/dashboard?year=${lastYear()}`);
  await expect(page.getByRole("heading", { level: 1, name: /sales dashboard/i })).toBeVisible();
  await expect(page.getByTestId("cohort-open-chain")).toHaveCount(0);
  await expect(page.getByTestId("cohort-open-funnel")).toHaveCount(0);
});

test("the SDR team's manager reads the running year's open deals on the owner side of the chain", async ({ page }) => {
  await signIn(page, sdrManager.email);
  await page.goto(`/dashboard?year=${lastYear() + 1}`);
  await expect(page.getByTestId("cohort-open-chain")).toHaveText(/^\d{4} is still running: [\d,]+ deals? from the leads handed over in it (is|are) still open/);
  await page.goto(`/dashboard?year=${lastYear()}`);
  await expect(page.getByRole("heading", { level: 1, name: /sales dashboard/i })).toBeVisible();
  await expect(page.getByTestId("cohort-open-chain")).toHaveCount(0);
});

test("a bad dashboard URL falls back to the current year instead of failing", async ({ page }) => {
  await signIn(page, manager.email);
  const response = await page.goto("/dashboard?period=custom&from=2024-02-31&to=x&pipeline=abc&team=999999");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("a rep lands on My KPIs after sign-in, with their open deals a click away", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await signIn(page, rep.email);
  await page.waitForURL(/\/my-kpis/);
  await expect(page.getByRole("heading", { level: 1, name: /my kpis/i })).toBeVisible();
  await page.getByRole("link", { name: /your open deals as a list/i }).click();
  await page.waitForURL(/\/pipeline\?view=table/);
  const html = await page.content();
  for (const teammate of teammates) expect(html).not.toContain(teammate.name);
});

test("the roster's numbers open the rep's deals and the rep's name their figures", async ({ page }) => {
  await signIn(page, manager.email);
  await page.waitForURL(/\/dashboard/);
  await page.goto(`/roster?year=${lastYear()}`);
  const won = page.getByRole("link", { name: new RegExp(`^${rep.name}, won: \\d+\\. show the rows$`, "i") });
  const count = Number((await won.textContent())!.replace(/\D/g, ""));
  await won.click();
  await page.waitForURL(/\/drill\/deals\?.*rep=\d+/);
  await expect(page.getByText(new RegExp(`\\b${count} deals?\\b`)).first()).toBeVisible();
  await page.goto(`/roster?year=${lastYear()}`);
  await page.getByRole("link", { name: rep.name, exact: true }).click();
  await page.waitForURL(/\/reps\/\d+/);
});

test("a rep's KPIs show their own numbers and the team median, no teammate by name", async ({ page, context }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await context.addCookies([{ name: "NEXT_LOCALE", value: "ru", url: test.info().project.use.baseURL! }]);
  await signIn(page, rep.email);
  await page.goto(`/my-kpis?year=${lastYear()}`);
  await expect(page.getByRole("heading", { level: 1, name: /мои показатели/i })).toBeVisible();
  await expect(page.getByText(/медиана команды/i).first()).toBeVisible();
  const html = await page.content();
  for (const teammate of teammates) expect(html).not.toContain(teammate.name);
  await expectNoAxeViolations(page);
  expect((await page.request.get(`/api/export/report?year=${lastYear()}`)).status()).toBe(403);
  await page.goto("/dashboard");
  await page.waitForURL(/\/my-kpis/);
});

test("the dashboard in Russian at 1280×720 has no accessibility violations", async ({ page, context }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await context.addCookies([{ name: "NEXT_LOCALE", value: "ru", url: test.info().project.use.baseURL! }]);
  await signIn(page, manager.email);
  await page.goto(`/dashboard?period=quarter&year=${lastYear()}&quarter=4`);
  await expect(page.getByRole("heading", { level: 1, name: /дашборд продаж/i })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the period filter shows Quarter only for a quarter and From/To only for a custom range", async ({ page }) => {
  await signIn(page, manager.email);
  const expectFields = async (shown: { year: boolean; quarter: boolean; range: boolean }) => {
    await expect(page.getByLabel("Year", { exact: true })).toHaveCount(shown.year ? 1 : 0);
    await expect(page.getByLabel("Quarter", { exact: true })).toHaveCount(shown.quarter ? 1 : 0);
    await expect(page.getByLabel("From", { exact: true })).toHaveCount(shown.range ? 1 : 0);
    await expect(page.getByLabel("To (inclusive)", { exact: true })).toHaveCount(shown.range ? 1 : 0);
  };
  await page.goto(`/dashboard?period=year&year=${lastYear()}`);
  await expectFields({ year: true, quarter: false, range: false });
  await page.goto(`/dashboard?period=quarter&year=${lastYear()}&quarter=2`);
  await expectFields({ year: true, quarter: true, range: false });
  await expect(page.getByLabel("Quarter", { exact: true })).toHaveValue("2");
  await page.goto(`/dashboard?period=custom&from=${lastYear()}-03-01&to=${lastYear()}-05-31`);
  await expectFields({ year: false, quarter: false, range: true });
  await expect(page.getByLabel("From", { exact: true })).toHaveValue(`${lastYear()}-03-01`);

  // Switching the kind shows its fields at once, and applying it reads them.
  await page.getByLabel("Period", { exact: true }).selectOption("quarter");
  await expectFields({ year: true, quarter: true, range: false });
  await page.getByLabel("Quarter", { exact: true }).selectOption("3");
  await page.getByRole("button", { name: "Apply" }).click();
  await page.waitForURL(/period=quarter/);
  expect(new URL(page.url()).searchParams.get("quarter")).toBe("3");
  expect(new URL(page.url()).searchParams.has("from")).toBe(false);
  await expectFields({ year: true, quarter: true, range: false });
  await expectNoAxeViolations(page);
});

test("days have at most one decimal, and the month in progress is marked on the trend chart", async ({ page, context, baseURL }) => {
  await signIn(page, manager.email);
  for (const locale of ["en", "ru"] as const) {
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    // A past year: every month is whole, nothing is marked.
    await page.goto(`/dashboard?period=year&year=${lastYear()}`);
    const funnel = page.locator("section", { has: page.locator("#funnel-heading") });
    await expect(funnel.getByRole("table").first()).toBeVisible();
    const main = (await page.locator("main").innerText()).replace(/\s+/g, " ");
    expect(main.match(/\d+[.,]\d{2,} (d|days|дн\.)(?![\p{L}])/gu) ?? []).toEqual([]);
    // The time-in-stage columns of the funnel's stage tables (the last two, under their "Days" headers).
    const dayCells = await funnel.locator("table").evaluateAll((tables) =>
      tables
        .filter((table) => /Days \(mean\)|Дней \(среднее\)/i.test(table.querySelector("thead")?.textContent ?? ""))
        .flatMap((table) => [...table.querySelectorAll("tbody tr")].flatMap((row) => [...row.querySelectorAll("td")].slice(-2).map((cell) => cell.textContent ?? ""))),
    );
    expect(dayCells.length).toBeGreaterThan(0);
    for (const cell of dayCells) expect(cell.trim()).toMatch(/^(—|\d[\d\s\u00a0]*([.,]\d)?)$/);
    await expect(page.getByText(/is in progress|месяц ещё идёт/)).toHaveCount(0);

    // The running year: this month's bar is marked and named in a note.
    await page.goto("/dashboard?period=year");
    await expect(page.getByText(locale === "en" ? /\* \w+ \d{4} is in progress: its figures run to/ : /\* .+: месяц ещё идёт, данные по/)).toBeVisible();
  }
});
