// Goals of the plan (issue 16) as the demo manager of Team North: a goal built on /plan/<this year> (bad input named
// field by field first), its progress on the dashboard; a goal owned by a rep on the rep's My KPIs; Russian; axe.
import { expect, test } from "@playwright/test";
import { demoLogins } from "../../prisma/seed";
import { expectNoAxeViolations, signIn } from "./support/browser";
import { connect } from "./support/database";

const logins = demoLogins();
const paul = logins.find((login) => login.email === "manager.paul@demo.test")!;
const theo = logins.find((login) => login.email === "theo.keller@demo.test")!;
// The plan of the running year: set in last year's review, with progress so far.
const planYear = new Date().getUTCFullYear();

// The e2e database outlives a local run: start without this spec's goals.
test.beforeAll(async () => {
  const client = await connect();
  try {
    await client.query("DELETE FROM review_goal WHERE title LIKE 'E2E %'");
  } finally {
    await client.end();
  }
});

test("a rep has no goals page", async ({ page }) => {
  await signIn(page, theo.email);
  const response = await page.goto(`/plan/${planYear}`);
  expect(response?.status()).toBe(404);
});

test("the manager builds a goal and sees its progress on the dashboard", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, paul.email);
  await page.goto(`/plan/${planYear}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Goals for ${planYear}: Team North`);
  await expect(page.getByRole("link", { name: `Pipeline plan for ${planYear}` })).toBeVisible();
  await expectNoAxeViolations(page);

  const add = page.getByRole("form", { name: "Add a goal" });
  await add.getByLabel("Title").fill("E2E lift the win rate");
  await add.getByLabel("Metric").selectOption({ label: "Win rate" });
  await add.getByLabel("Target").fill("150");
  await add.getByLabel("Due date").fill(`${planYear + 1}-01-15`);
  await add.getByRole("button", { name: "Add a goal" }).click();
  await expect(add.getByText("Some fields need your attention.")).toBeVisible();
  await expect(add.getByText("Target is a rate: between 0 and 100 %.")).toBeVisible();
  await expect(add.getByText(`Due date must be within ${planYear}.`)).toBeVisible();
  await expectNoAxeViolations(page);

  await add.getByLabel("Target").fill("99");
  await add.getByLabel("Due date").fill(`${planYear}-12-31`);
  await add.getByRole("button", { name: "Add a goal" }).click();
  await expect(add.getByRole("status")).toContainText("Saved");
  const client = await connect();
  try {
    const saved = await client.query<{ id: number; target: string; baseline: string | null; draft: boolean }>("SELECT id, target::text, baseline::text, draft FROM review_goal WHERE title = 'E2E lift the win rate'");
    expect(saved.rows).toHaveLength(1);
    expect(saved.rows[0]).toMatchObject({ target: "0.9900", draft: false });
    expect(saved.rows[0]!.baseline).not.toBeNull();
    // The e2e database outlives a run: the audit row of this goal, by its id.
    const audit = await client.query("SELECT 1 FROM audit_log WHERE action = 'goal.create' AND entity = 'review_goal' AND entity_id = $1::text", [saved.rows[0]!.id]);
    expect(audit.rowCount).toBe(1);
  } finally {
    await client.end();
  }
  await page.reload();
  const row = page.getByRole("row", { name: /E2E lift the win rate/ });
  await expect(row).toContainText("Behind");

  // A goal owned by a rep, for the rep's own figure.
  await add.getByLabel("Title").fill("E2E Theo's calls");
  await add.getByLabel("Metric").selectOption({ label: "Calls" });
  await add.getByLabel("Target").fill("5000");
  await add.getByLabel("Owner").selectOption({ label: "Theo Keller" });
  await add.getByRole("button", { name: "Add a goal" }).click();
  await expect(add.getByRole("status")).toContainText("Saved");

  await page.goto("/dashboard");
  const panel = page.getByRole("region", { name: `Goals for ${planYear}` });
  await expect(panel).toBeVisible();
  const onDashboard = panel.getByRole("row", { name: /E2E lift the win rate/ });
  await expect(onDashboard).toContainText("99");
  await expect(onDashboard).toContainText("Behind");
  await expect(panel.getByRole("row", { name: /E2E Theo's calls/ })).toContainText("Theo Keller");
  await expectNoAxeViolations(page);
});

test("the rep sees the goal they own on My KPIs, and no other", async ({ page }) => {
  await signIn(page, theo.email);
  await page.goto("/my-kpis");
  const panel = page.getByRole("region", { name: `Goals for ${planYear}` });
  await expect(panel.getByRole("row", { name: /E2E Theo's calls/ })).toBeVisible();
  await expect(panel.getByText("E2E lift the win rate")).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test("the goals page and the dashboard's goals in Russian", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: "NEXT_LOCALE", value: "ru", url: baseURL! }]);
  await signIn(page, paul.email);
  await page.goto(`/plan/${planYear}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Цели на ${planYear}: Team North`);
  await expect(page.getByRole("form", { name: "Добавить цель" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto("/dashboard");
  await expect(page.getByRole("region", { name: `Цели на ${planYear}` })).toBeVisible();
  await expectNoAxeViolations(page);
});
