// The numbers that drill into activities and stage flow: a rep's activity mix opens exactly their activities of
// that type, a funnel cell opens its deals, the activity table filters and exports, with no accessibility
// violations at both screen sizes in both languages.
import { expect, test } from "@playwright/test";
import { demoLogins } from "../../prisma/seed";
import { signIn, expectNoAxeViolations } from "./support/browser";

const logins = demoLogins();
const manager = logins.find((login) => login.role === "MANAGER" && login.team && !/SDR|Business/i.test(login.team))!;
const rep = logins.find((login) => login.role === "REP" && login.team === manager.team)!;
const teammates = logins.filter((login) => login.role === "REP" && login.team === manager.team && login.email !== rep.email);

const lastYear = () => new Date().getUTCFullYear() - 1;
const digits = (text: string) => text.replace(/\D/g, "");

test("a rep's calls in the activity mix open exactly their calls, and the CSV has them all", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await signIn(page, rep.email);
  await page.goto(`/my-kpis?year=${lastYear()}`);
  const calls = page.getByRole("link", { name: /^calls, .*show them/i });
  const shown = digits((await calls.textContent())!);
  await calls.click();
  await page.waitForURL(/\/drill\/activities\?.*type=CALL/);
  await expect(page.getByRole("heading", { level: 1, name: /activities/i })).toBeVisible();
  await expect(page.getByRole("status")).toContainText(/activit/);
  // "1,234 activities, 456 with a response (37%)": the count before the word is the number clicked.
  const total = /^([\d,\s\u00a0]+)\s+activit/.exec((await page.getByRole("status").textContent())!)?.[1] ?? "";
  expect(digits(total)).toBe(shown);
  const html = await page.content();
  for (const teammate of teammates) expect(html).not.toContain(teammate.name);
  await expect(page.getByRole("cell", { name: "Email", exact: true })).toHaveCount(0);
  await expectNoAxeViolations(page);

  const csv = await page.request.get(page.url().replace("/drill/activities", "/api/export/activities"));
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).split("\r\n").filter((line) => line.length > 0);
  expect(lines[0]).toContain("id,at,type,rep,team");
  expect(lines.length - 1).toBe(Number(shown));
  expect(lines.slice(1).every((line) => line.includes(",CALL,"))).toBe(true);
});

test("a manager's funnel cell opens its deals; the activity table in Russian filters by response", async ({ page, context }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await signIn(page, manager.email);
  await page.goto(`/dashboard?year=${lastYear()}`);
  const advanced = page.getByRole("link", { name: /, advanced: .*show the deals/i }).first();
  const shown = (await advanced.textContent())!.trim();
  await advanced.click();
  await page.waitForURL(/\/drill\/deals\?.*flow=advanced/);
  await expect(page.getByRole("status")).toContainText(new RegExp(`^${shown} deal`));
  await expect(page.getByText("Advanced to a later stage")).toBeVisible();

  await context.addCookies([{ name: "NEXT_LOCALE", value: "ru", url: test.info().project.use.baseURL! }]);
  await page.goto(`/drill/activities?year=${lastYear()}`);
  await expect(page.getByRole("heading", { level: 1, name: "Активности" })).toBeVisible();
  await page.getByLabel("Ответ", { exact: true }).selectOption("yes");
  await page.getByRole("button", { name: "Применить" }).last().click();
  await page.waitForURL(/response=yes/);
  await expect(page.getByText("С ответом", { exact: true })).toBeVisible();
  await expect(page.locator("tbody td:last-child").filter({ hasText: "Нет" })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await expectNoAxeViolations(page);
});
