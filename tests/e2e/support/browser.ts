import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../../prisma/seed";

/** Signs in through the login form (either language) and waits until the app has taken the browser past it. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel(/email|почта/i).fill(email);
  await page.getByLabel(/password|пароль/i).fill(password);
  await page.getByRole("button", { name: /^(sign in|войти)$/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** No WCAG 2.1 A/AA violation that axe can find on the page as it is now. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}
