// Issue 18, point 7: the icon every browser asks for, one <main> on the 404 page, and the admin pages in Russian
// with every aria reference pointing at one real element.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

import { expectNoAxeViolations, signIn } from "./support/browser";
import { readFixture } from "./support/database";

const fx = readFixture();

/** Every axe rule, best practices included (the landmark rules are not WCAG-tagged). */
async function expectNoAxeFindings(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** Ids named by aria-labelledby / aria-describedby exist exactly once and are not empty-looking ("panel--"). */
async function expectSoundAriaReferences(page: Page): Promise<void> {
  const problems = await page.evaluate(() => {
    const found: string[] = [];
    for (const element of document.querySelectorAll("[aria-labelledby], [aria-describedby]")) {
      for (const attribute of ["aria-labelledby", "aria-describedby"]) {
        for (const id of (element.getAttribute(attribute) ?? "").split(/\s+/).filter(Boolean)) {
          const count = document.querySelectorAll(`[id="${CSS.escape(id)}"]`).length;
          if (count !== 1 || /--|-$/.test(id)) found.push(`${attribute}="${id}" (${count} elements)`);
        }
      }
    }
    return found;
  });
  expect(problems).toEqual([]);
}

test("/favicon.ico is an icon, for anyone", async ({ request }) => {
  const response = await request.get("/favicon.ico", { maxRedirects: 0 });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/image\//);
});

test("the 404 page has one <main> and axe finds nothing, in and outside the app shell, in both languages", async ({ page, context, baseURL }) => {
  test.setTimeout(180_000);
  await signIn(page, fx.emails.admin);
  for (const locale of ["en", "ru"] as const) {
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    for (const path of ["/no-such-page", "/deals/2147483000", `/admin/users/2147483000`, "/reps/2147483000"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByText("404", { exact: true })).toBeVisible();
      await expect(page.locator("main")).toHaveCount(1);
      await expect(page).toHaveTitle(/\S/);
      await expectNoAxeFindings(page);
    }
  }
});

test("axe finds nothing on every admin page in Russian", async ({ page, context, baseURL }) => {
  test.setTimeout(240_000);
  await context.addCookies([{ name: "NEXT_LOCALE", value: "ru", url: baseURL! }]);
  await signIn(page, fx.emails.admin);
  const paths = [
    "/admin/users",
    `/admin/users/${fx.users.target}`,
    `/admin/users/${fx.users.invited}`,
    `/admin/users/${fx.users.admin}`,
    "/admin/teams",
    "/admin/audit",
    "/admin/settings",
    "/admin/pipelines",
    `/admin/pipelines/${fx.pipelines.mine}`,
  ];
  for (const path of paths) {
    await page.goto(path);
    await expect(page.locator("html")).toHaveAttribute("lang", "ru");
    await expect(page.locator("main h1").first()).toBeVisible();
    await expectSoundAriaReferences(page);
    await expectNoAxeViolations(page);
  }
});
