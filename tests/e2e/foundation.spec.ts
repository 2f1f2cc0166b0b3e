// The foundation as a user meets it: sign in as each role (a rep lands on My KPIs, a manager or admin on the
// dashboard), the roster scoped to that role,
// switch language, and no accessibility violations, at both screen sizes.
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, demoLogins } from "../../prisma/seed";
import { signIn, expectNoAxeViolations } from "./support/browser";

const logins = demoLogins();
const admin = logins.find((login) => login.role === "ADMIN")!;
const manager = logins.find((login) => login.role === "MANAGER" && login.team && !/SDR/i.test(login.team))!;
const rep = logins.find((login) => login.role === "REP" && login.team === manager.team)!;
const otherTeamRep = logins.find((login) => login.role === "REP" && login.team && login.team !== manager.team)!;

test("an anonymous visitor is sent to the sign-in page", async ({ page }) => {
  await page.goto("/roster");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("button", { name: /sign in/i })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a wrong password gets the same message as an unknown user", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel(/email/i).fill(admin.email);
  await page.getByLabel(/password/i).fill("not-the-password");
  await page.getByRole("button", { name: /sign in/i }).click();
  const message = page.getByRole("alert").filter({ hasText: /\S/ });
  await expect(message).toBeVisible();
  const wrongPassword = await message.textContent();
  await page.getByLabel(/email/i).fill("nobody@example.com");
  await page.getByLabel(/password/i).fill("not-the-password");
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(message).toHaveText(wrongPassword!);
  await expect(page).toHaveURL(/\/login/);
});

test("the main pages have no accessibility violations at 1920×1080 in Russian", async ({ page, context }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await context.addCookies([{ name: "NEXT_LOCALE", value: "ru", url: test.info().project.use.baseURL! }]);
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  await expectNoAxeViolations(page);
  await page.getByLabel(/почта|email/i).fill(rep.email);
  await page.getByLabel(/пароль/i).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: /войти/i }).click();
  await page.waitForURL(/\/my-kpis/);
  await expect(page.getByRole("heading", { level: 1, name: /мои показатели/i })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto("/roster");
  await expectNoAxeViolations(page);
});

test("the admin sees every team on the roster", async ({ page }) => {
  await signIn(page, admin.email);
  await page.waitForURL(/\/dashboard/);
  await page.goto("/roster");
  const teams = [...new Set(logins.filter((login) => login.role === "REP").map((login) => login.team!))];
  for (const team of teams) await expect(page.getByRole("main").getByText(team).first()).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a manager sees their team and not another team's reps", async ({ page }) => {
  await signIn(page, manager.email);
  await page.waitForURL(/\/dashboard/);
  await page.goto("/roster");
  await expect(page.getByRole("main").getByText(rep.name)).toBeVisible();
  await expect(page.getByRole("main").getByText(otherTeamRep.name)).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test("a rep sees their own row and no other rep's name", async ({ page }) => {
  await signIn(page, rep.email);
  await page.waitForURL(/\/my-kpis/);
  await page.goto("/roster");
  await expect(page.getByRole("main").getByText(rep.name)).toBeVisible();
  const teammates = logins.filter((login) => login.role === "REP" && login.email !== rep.email);
  for (const other of teammates) await expect(page.getByRole("main").getByText(other.name)).toHaveCount(0);
});

test("the language switch turns the app into Russian and back", async ({ page }) => {
  await signIn(page, manager.email);
  await page.goto("/roster");
  await page.getByRole("button", { name: /русский|russian/i }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  await expect(page.getByRole("main")).toContainText(/Команда|команда/);
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: /english|английский/i }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

test("the health check reports the database and migrations", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", database: { reachable: true }, migrations: { pending: [], failed: [] } });
});
