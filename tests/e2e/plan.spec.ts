// Next year's pipeline plan (issue 16) as the demo manager of Team North: the assumptions prefilled from this year,
// bad input named field by field, the plan per quarter and rep, Save (stored and audited), Russian; reps kept out.
import { expect, test } from "@playwright/test";
import { demoLogins } from "../../prisma/seed";
import { expectNoAxeViolations, signIn } from "./support/browser";
import { connect } from "./support/database";

const logins = demoLogins();
const paul = logins.find((login) => login.email === "manager.paul@demo.test")!;
const theo = logins.find((login) => login.email === "theo.keller@demo.test")!;
const nextYear = new Date().getUTCFullYear() + 1;

// The e2e database outlives a local run: start Team North's plan from scratch.
test.beforeAll(async () => {
  const client = await connect();
  try {
    await client.query("DELETE FROM pipeline_plan WHERE year = $1 AND team_id = (SELECT id FROM team WHERE name = 'Team North')", [nextYear]);
  } finally {
    await client.end();
  }
});

test("a rep has no pipeline plan", async ({ page }) => {
  await signIn(page, theo.email);
  const response = await page.goto(`/plan/${nextYear}/pipeline`);
  expect(response?.status()).toBe(404);
});

test("the manager builds next year's plan from this year's figures and saves it", async ({ page }) => {
  await signIn(page, paul.email);
  await page.goto(`/plan/${nextYear}/pipeline`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Pipeline plan ${nextYear}: Team North`);

  const target = page.getByLabel("Revenue target");
  const avgDealSize = page.getByLabel("Average deal size");
  const winRate = page.getByLabel("Win rate from the first meeting");
  // Prefilled from this year's figures: a positive amount and rate.
  expect(Number(await target.inputValue())).toBeGreaterThan(0);
  expect(Number(await avgDealSize.inputValue())).toBeGreaterThan(0);
  expect(Number(await winRate.inputValue())).toBeGreaterThan(0);
  await expect(page.getByRole("heading", { name: "Per quarter" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Pipeline required per month" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Bad input is named on the field, and the plan is not computed from it.
  await target.fill("0");
  await expect(page.getByText("Revenue target is out of range", { exact: false })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Per quarter" })).toHaveCount(0);
  await target.fill("1200000");
  await winRate.fill("");
  await expect(page.getByText("Win rate from the first meeting is required.").first()).toBeVisible();
  // The server says the same when the form is posted anyway, and nothing is saved.
  await page.getByRole("button", { name: "Save plan" }).click();
  await expect(page.getByText("Some fields need your attention.")).toBeVisible();
  await expect(page.getByText("Win rate from the first meeting is required.").first()).toBeVisible();

  await winRate.fill("25");
  await avgDealSize.fill("20000");
  const quarters = page.getByRole("table").first();
  // 1 200 000 over the quarters by seasonality; 20 000 a deal and 25 % from the first meeting: 4 meetings a deal.
  const rows = quarters.getByRole("row");
  await expect(rows).toHaveCount(5);
  let deals = 0;
  for (let i = 1; i <= 4; i++) {
    const cells = rows.nth(i).getByRole("cell");
    const dealCount = Number((await cells.nth(1).innerText()).replace(/\D/g, ""));
    const meetings = Number((await cells.nth(2).innerText()).replace(/\D/g, ""));
    expect(meetings).toBe(dealCount * 4);
    deals += dealCount;
  }
  expect(deals).toBeGreaterThanOrEqual(60);
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Save plan" }).click();
  await expect(page.getByText("Plan saved.")).toBeVisible();
  const client = await connect();
  try {
    const saved = await client.query<{ target: string; avg: string; win: number }>(
      "SELECT target::text, avg_deal_size::text AS avg, win_rate_from_first_meeting AS win FROM pipeline_plan WHERE year = $1 AND team_id = (SELECT id FROM team WHERE name = 'Team North')",
      [nextYear],
    );
    expect(saved.rows).toEqual([{ target: "1200000.00", avg: "20000.00", win: 0.25 }]);
    const audit = await client.query("SELECT 1 FROM audit_log WHERE action = 'pipeline_plan.save' AND entity_id = (SELECT id::text FROM pipeline_plan WHERE year = $1 AND team_id = (SELECT id FROM team WHERE name = 'Team North'))", [nextYear]);
    expect(audit.rowCount).toBeGreaterThan(0);
  } finally {
    await client.end();
  }
  await page.reload();
  await expect(page.getByLabel("Revenue target")).toHaveValue("1200000");
  await expect(page.getByText(/^Saved by /)).toBeVisible();
});

test("the plan page in Russian", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: "NEXT_LOCALE", value: "ru", url: baseURL! }]);
  await signIn(page, paul.email);
  await page.goto(`/plan/${nextYear}/pipeline`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`План воронки на ${nextYear}: Team North`);
  await expect(page.getByLabel("Цель по выручке")).toBeVisible();
  await expect(page.getByRole("heading", { name: "По кварталам" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the review's action plan leads to next year's pipeline plan", async ({ page }) => {
  const thisYear = nextYear - 1;
  await signIn(page, paul.email);
  await page.goto(`/review/${thisYear}/action-plan`);
  await page.getByRole("link", { name: `Work the ${nextYear} revenue target back to a pipeline plan →` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Pipeline plan ${nextYear}: Team North`);
});
