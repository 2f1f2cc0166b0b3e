// The year-end review as the demo manager closes Team North's year: every step, the insights, answers saved
// as typed, insights accepted into the plan, completion, the PDF; a conflict between two people; reps kept out.
import { expect, test, type Page } from "@playwright/test";
import { demoLogins } from "../../prisma/seed";
import { expectNoAxeViolations, signIn } from "./support/browser";
import { connect } from "./support/database";

const logins = demoLogins();
const admin = logins.find((login) => login.role === "ADMIN")!;
const paul = logins.find((login) => login.email === "manager.paul@demo.test")!;
const theo = logins.find((login) => login.email === "theo.keller@demo.test")!;
const lastYear = new Date().getUTCFullYear() - 1;

// The e2e database outlives a local run: start Team North's two reviews from scratch.
test.beforeAll(async () => {
  const client = await connect();
  try {
    await client.query("DELETE FROM review WHERE year IN ($1, $2) AND team_id = (SELECT id FROM team WHERE name = 'Team North')", [lastYear, lastYear - 1]);
  } finally {
    await client.end();
  }
});

async function pdfText(bytes: Buffer): Promise<string> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const document = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: true }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "));
  }
  return pages.join("\n");
}

async function typeAnswer(page: Page, question: RegExp, text: string) {
  const field = page.getByRole("textbox", { name: question });
  await field.fill(text);
  await expect(page.getByText(/^Saved at /).first()).toBeVisible();
  return field;
}

test("a rep has no team review", async ({ page }) => {
  await signIn(page, theo.email);
  const response = await page.goto(`/review/${lastYear}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("link", { name: "Year-end review", exact: true })).toHaveCount(0);
});

test("two people editing one answer: the second save shows both versions and overwrites nothing", async ({ browser }) => {
  const year = lastYear - 1;
  const mine = await browser.newContext();
  const theirs = await browser.newContext();
  const pageA = await mine.newPage();
  const pageB = await theirs.newPage();
  await signIn(pageA, paul.email);
  await signIn(pageB, admin.email);
  await pageA.goto(`/review/${year}`);
  await pageA.waitForURL(/\/review\/\d{4}\/sales-process\?team=\d+/);
  await pageB.goto(pageA.url());
  const question = /help the buyer through each stage/i;
  // Unique per run: the e2e database outlives a local run, and saving an unchanged text is not a new version.
  const run = Date.now().toString(36);
  const paulText = `Paul: a one-page summary after every meeting (${run}).`;
  const adminText = `Admin: a mutual action plan from the first meeting (${run}).`;
  await typeAnswer(pageA, question, paulText);
  await pageB.getByRole("textbox", { name: question }).fill(adminText);
  const notice = pageB.getByRole("alert").filter({ hasText: /saved this answer while you were editing it/ });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(paulText);
  await expect(notice).toContainText(adminText);
  await expectNoAxeViolations(pageB);
  await pageA.reload();
  await expect(pageA.getByRole("textbox", { name: question })).toHaveValue(paulText);
  await notice.getByRole("button", { name: "Keep my version" }).click();
  await expect(pageB.getByText(/^Saved at /).first()).toBeVisible();
  await pageA.reload();
  await expect(pageA.getByRole("textbox", { name: question })).toHaveValue(adminText);
  await mine.close();
  await theirs.close();
});

test("the demo manager closes last year: every step, insights into the plan, completion and the PDF", async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await signIn(page, paul.email);
  await expect(page.getByRole("link", { name: "Year-end review", exact: true })).toBeVisible();
  await page.goto(`/review/${lastYear}`);
  await page.waitForURL(/\/review\/\d{4}\/sales-process\?team=\d+/);
  const team = new URL(page.url()).searchParams.get("team")!;
  const step = (slug: string) => page.goto(`/review/${lastYear}/${slug}?team=${team}`);

  // 1. Sales process: the stalled stage is named, the answer survives a reload.
  await expect(page.getByRole("heading", { level: 1, name: "Sales process" })).toBeVisible();
  const stalled = page.locator('article[data-code="STALLED_STAGE"]').filter({ hasText: /stall in Proposal \(/ });
  await expect(stalled).toContainText("Proposal");
  await typeAnswer(page, /information they need at each stage/i, "Buyers lack a business case before Proposal.");
  await page.reload();
  await expect(page.getByRole("textbox", { name: /information they need at each stage/i })).toHaveValue("Buyers lack a business case before Proposal.");
  await expect(page.getByRole("heading", { name: "Stages and the buyer's journey" })).toBeVisible();
  await expectNoAxeViolations(page);
  await stalled.getByRole("button", { name: /^Accept/ }).click();
  await expect(stalled).toContainText("Accepted: in the action plan");
  await page.getByRole("button", { name: "Mark this section done" }).click();
  await expect(page.getByText("Section marked done.")).toBeVisible();

  // 2. Sales KPIs: a ticked KPI goes into the plan.
  await step("sales-kpis");
  await expect(page.getByRole("heading", { level: 1, name: "Sales KPIs" })).toBeVisible();
  await page.getByRole("checkbox", { name: /^Win rate/ }).check();
  await expect(page.getByRole("checkbox", { name: /^Win rate/ })).toBeChecked();
  await expectNoAxeViolations(page);

  // 3. Pipeline review process.
  await step("pipeline-review");
  await expect(page.getByRole("heading", { name: /^Teaching moments/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Forecast against actual, by month" })).toBeVisible();
  await typeAnswer(page, /one qualification process to every deal/i, "Not yet: Proposal is entered without a confirmed budget.");
  await expectNoAxeViolations(page);

  // 4. Coaching: Theo Keller's low activity becomes a goal.
  await step("coaching");
  const lowActivity = page.locator('article[data-code="LOW_ACTIVITY"]');
  await expect(lowActivity).toHaveCount(1);
  await expect(lowActivity).toContainText("Theo Keller");
  await expect(page.locator('article[data-code="LOW_EFFECTIVENESS"]')).toContainText("Tobias Thalberg");
  await lowActivity.getByRole("button", { name: /^Accept/ }).click();
  await expect(lowActivity).toContainText("Accepted: in the action plan");
  await expect(page.getByText("An association, not a cause", { exact: false })).toBeVisible();
  await expectNoAxeViolations(page);

  // 5. The action plan holds the two accepted insights and the ticked KPI, each with its baseline.
  await step("action-plan");
  await expect(page.getByRole("heading", { name: "From accepted insights" })).toBeVisible();
  const fromInsights = page.getByRole("table", { name: "From accepted insights" });
  await expect(fromInsights.getByRole("row")).toHaveCount(3);
  await expect(page.getByRole("table", { name: "KPIs to track" })).toContainText("Win rate");
  await expectNoAxeViolations(page);

  // 6. Summary: complete; the review is read-only afterwards.
  await step("summary");
  await expect(page.getByText("1 of 4 sections done")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Complete the review" }).click();
  await expect(page.getByText("Review completed. It is now read-only.")).toBeVisible();
  await step("sales-process");
  await expect(page.getByText(/This review is completed and read-only/)).toBeVisible();
  await expect(page.getByRole("textbox", { name: /information they need at each stage/i })).toHaveAttribute("readonly", "");

  // The PDF is the print view: team, year, the sections and the answers.
  await step("summary");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download PDF" }).click();
  const file = await (await download).path();
  const { readFile } = await import("node:fs/promises");
  const text = await pdfText(await readFile(file));
  for (const expected of [`Year-end review ${lastYear}: Team North`, "Sales process", "Coaching process", "Buyers lack a business case before Proposal.", "Theo Keller"]) {
    expect(text.replace(/\s+/g, " ")).toContain(expected);
  }
});
