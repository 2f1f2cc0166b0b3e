// Stored script never runs when displayed (issue 17.3): markup typed into a review answer and a goal title goes
// through the real server actions, then every page that shows it is rendered in Chromium. No dialog opens, no
// injected element or script exists in the DOM, and the text shows literally.
import { expect, test, type Page } from "@playwright/test";
import { demoLogins } from "../../prisma/seed";
import { signIn } from "./support/browser";
import { connect } from "./support/database";

const logins = demoLogins();
// Team South's manager: no other spec writes Team South's review or its goals.
const max = logins.find((login) => login.email === "manager.max@demo.test")!;
const lastYear = new Date().getUTCFullYear() - 1;
const planYear = lastYear + 1;

const payload = (where: string) =>
  `XSS ${where} <img src=x onerror="window.__xss='${where}';alert('${where}')"><script>window.__xss='${where}';alert('${where}')</script><svg onload="alert('${where}')"></svg> & "quotes"`;
const answer = payload("answer");
const goalTitle = payload("goal");

test.beforeAll(async () => {
  const client = await connect();
  try {
    await client.query("DELETE FROM review_goal WHERE title LIKE 'XSS %'");
  } finally {
    await client.end();
  }
});

/** Watches a page for dialogs; `check` then asserts nothing injected exists or ran. */
function guard(page: Page) {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return async (where: string) => {
    const injected = await page.evaluate(() => ({
      ran: (window as unknown as { __xss?: string }).__xss ?? null,
      images: document.querySelectorAll("img[onerror]").length,
      svgs: document.querySelectorAll("svg[onload]").length,
      // A script element of its own (the RSC payload carries the text as an escaped JSON string, which is data).
      scripts: [...document.scripts].filter((script) => script.textContent?.trim().startsWith("window.__xss=")).length,
    }));
    expect(injected, where).toEqual({ ran: null, images: 0, svgs: 0, scripts: 0 });
    expect(dialogs, where).toEqual([]);
  };
}

test("markup stored in a review answer and a goal title is shown as text and never runs", async ({ page }) => {
  test.setTimeout(240_000);
  const check = guard(page);
  await signIn(page, max.email);

  // A review answer, saved by the autosave action, then shown on the step and in the printable review.
  await page.goto(`/review/${lastYear}`);
  await page.waitForURL(/\/review\/\d{4}\/sales-process\?team=\d+/);
  const team = new URL(page.url()).searchParams.get("team")!;
  await page.getByRole("textbox", { name: /information they need at each stage/i }).fill(answer);
  await expect(page.getByText(/^Saved at /).first()).toBeVisible();
  await page.reload();
  await expect(page.getByRole("textbox", { name: /information they need at each stage/i })).toHaveValue(answer);
  await check("review step");
  await page.goto(`/review/${lastYear}/print?team=${team}`);
  await expect(page.getByText(answer, { exact: true })).toBeVisible();
  await check("printable review");

  // A goal title, saved by the goal action, then shown on the plan and the dashboard.
  await page.goto(`/plan/${planYear}`);
  const add = page.getByRole("form", { name: "Add a goal" });
  await add.getByLabel("Title").fill(goalTitle);
  await add.getByLabel("Metric").selectOption({ label: "Win rate" });
  await add.getByLabel("Target").fill("50");
  await add.getByLabel("Due date").fill(`${planYear}-12-31`);
  await add.getByRole("button", { name: "Add a goal" }).click();
  await expect(add.getByRole("status")).toContainText("Saved");
  await page.reload();
  await expect(page.getByRole("main").getByText(goalTitle, { exact: true }).first()).toBeVisible();
  await check("plan");
  await page.goto("/dashboard");
  await expect(page.getByRole("region", { name: `Goals for ${planYear}` }).getByText(goalTitle, { exact: true })).toBeVisible();
  await check("dashboard");
});
