// The weekly pipeline meeting in Chromium, on an organisation of its own (rebuilt every run, so the demo's figures stay
// as the other specs expect them): a whole meeting driven by the keyboard only, a rep's laptop following it live, two
// managers deciding one deal, and meeting mode checked for WCAG AAA contrast and 24 px text at 1280×720.
import AxeBuilder from "@axe-core/playwright";
import bcrypt from "bcryptjs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import type pg from "pg";
import { DEMO_PASSWORD } from "../../prisma/seed";
import { expectNoAxeViolations, signIn } from "./support/browser";
import { connect } from "./support/database";

const ORG = "Meeting Org";
const EMAILS = { manager: "mona.meeting@meeting.test", admin: "adam.meeting@meeting.test", rita: "rita.meeting@meeting.test", ravi: "ravi.meeting@meeting.test" };
const fixture = { orgId: 0, teamId: 0, deals: { aurora: 0, borealis: 0, cirrus: 0 }, users: { manager: 0, rita: 0 } };

/** The first day of the month `offset` months from now (UTC is close enough for an expected close date). */
function monthDay(offset: number, day = 15): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, day)).toISOString().slice(0, 10);
}

async function seedMeetingOrg(client: pg.Client) {
  const one = async (sql: string, params: unknown[]) => (await client.query<{ id: number }>(sql, params)).rows[0]!.id;
  await client.query("DELETE FROM deal WHERE org_id IN (SELECT id FROM organization WHERE name = $1)", [ORG]);
  await client.query("DELETE FROM organization WHERE name = $1", [ORG]);
  const hash = await bcrypt.hash(DEMO_PASSWORD, 10);
  const orgId = await one("INSERT INTO organization (name, currency, time_zone) VALUES ($1, 'EUR', 'Europe/Berlin') RETURNING id", [ORG]);
  const user = (name: string, email: string, role: string) =>
    one("INSERT INTO app_user (org_id, name, email, role, password_hash, active, locale) VALUES ($1, $2, $3, $4, $5, true, 'en') RETURNING id", [orgId, name, email, role, hash]);
  const manager = await user("Mona Meeting", EMAILS.manager, "MANAGER");
  await user("Adam Admin", EMAILS.admin, "ADMIN");
  const rita = await user("Rita Rep", EMAILS.rita, "REP");
  const ravi = await user("Ravi Rep", EMAILS.ravi, "REP");
  const teamId = await one("INSERT INTO team (org_id, name, manager_id) VALUES ($1, 'Meeting Team', $2) RETURNING id", [orgId, manager]);
  const rep = (name: string, userId: number) => one("INSERT INTO rep (org_id, name, team_id, user_id, kind) VALUES ($1, $2, $3, $4, 'AE') RETURNING id", [orgId, name, teamId, userId]);
  const ritaRep = await rep("Rita Rep", rita);
  const raviRep = await rep("Ravi Rep", ravi);
  const pipelineId = await one("INSERT INTO pipeline (org_id, name) VALUES ($1, 'New business') RETURNING id", [orgId]);
  const stage = (name: string, position: number, kind = "OPEN") => one("INSERT INTO stage (pipeline_id, name, position, kind) VALUES ($1, $2, $3, $4) RETURNING id", [pipelineId, name, position, kind]);
  const discovery = await stage("Discovery", 1);
  const proposal = await stage("Proposal", 2);
  await stage("Negotiation", 3);
  await stage("Won", 4, "WON");
  await stage("Lost", 5, "LOST");
  const criterion = (stageId: number, position: number, question: string) =>
    one("INSERT INTO stage_criterion (stage_id, position, question) VALUES ($1, $2, $3) RETURNING id", [stageId, position, question]);
  const pain = await criterion(discovery, 1, "Is the pain confirmed by the buyer?");
  const budget = await criterion(discovery, 2, "Is the budget holder known?");
  await criterion(proposal, 1, "Has the buyer seen the proposal?");
  const deal = async (owner: number, name: string, stageId: number, amount: number, nextStep: string | null, expected: string, category: string) => {
    const id = await one(
      `INSERT INTO deal (org_id, pipeline_id, stage_id, owner_id, name, amount, created_at, next_step, expected_close_at, forecast_category)
       VALUES ($1, $2, $3, $4, $5, $6, now() - interval '40 days', $7, $8, $9) RETURNING id`,
      [orgId, pipelineId, stageId, owner, name, amount, nextStep, expected, category],
    );
    await client.query("INSERT INTO deal_stage_change (deal_id, to_stage_id, at) VALUES ($1, $2, now() - interval '40 days')", [id, discovery]);
    if (stageId !== discovery) await client.query("INSERT INTO deal_stage_change (deal_id, from_stage_id, to_stage_id, at) VALUES ($1, $2, $3, now() - interval '20 days')", [id, discovery, stageId]);
    return id;
  };
  const aurora = await deal(ritaRep, "Aurora expansion", discovery, 40000, null, monthDay(1), "COMMIT");
  const borealis = await deal(raviRep, "Borealis pilot", proposal, 25000, "Send the proposal", monthDay(1), "BEST_CASE");
  const cirrus = await deal(ritaRep, "Cirrus renewal", discovery, 8000, "Call the CFO", monthDay(2), "PIPELINE");
  for (const criterionId of [pain, budget]) {
    await client.query("INSERT INTO deal_criterion_answer (deal_id, criterion_id, answer, answered_at) VALUES ($1, $2, true, now() - interval '25 days')", [borealis, criterionId]);
  }
  Object.assign(fixture, { orgId, teamId, deals: { aurora, borealis, cirrus }, users: { manager, rita } });
}

test.beforeEach(async () => {
  const client = await connect();
  try {
    await client.query("BEGIN");
    await seedMeetingOrg(client);
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
});

/** Presses Tab until `target` has the focus: how a keyboard user reaches a control. */
async function tabTo(page: Page, target: Locator, limit = 40) {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** WCAG AAA contrast (color-contrast-enhanced, off by default in axe) on top of the A/AA rules. */
async function expectAaaContrast(page: Page) {
  await expectNoAxeViolations(page);
  const results = await new AxeBuilder({ page }).withRules(["color-contrast-enhanced"]).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** Every visible piece of text on the page is at least 24 px. */
async function expectLargeText(page: Page) {
  const small = await page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const element = node.parentElement;
      if (!text || !element || element.closest("script, style, template, dialog:not([open])")) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const size = parseFloat(getComputedStyle(element).fontSize);
      if (size < 24) found.push(`${size}px: ${text.slice(0, 40)}`);
    }
    return found;
  });
  expect(small).toEqual([]);
}

test("a whole meeting by keyboard only, followed live on a rep's laptop", async ({ page, browser }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await signIn(page, EMAILS.manager);
  await page.goto("/meeting");
  await expect(page.getByRole("heading", { level: 1, name: "Weekly pipeline meeting" })).toBeVisible();
  await expectAaaContrast(page);
  await expectLargeText(page);

  // Start: Tab to the button, Enter.
  await tabTo(page, page.getByRole("button", { name: "Start this week's meeting" }));
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/meeting\/\d+$/);
  const meetingUrl = page.url();
  const dealHeading = page.locator("#deal-heading");
  // Aurora first: it carries the most flags (no next step, stale).
  await expect(dealHeading).toHaveText("Aurora expansion");
  await expect(page.locator("header").getByText("Deal 1 of 3")).toBeVisible();
  await expectAaaContrast(page);
  await expectLargeText(page);

  // The rep's laptop follows from here.
  const laptop = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const repPage = await laptop.newPage();
  await signIn(repPage, EMAILS.rita);
  await repPage.goto(meetingUrl);
  await expect(repPage.locator("#deal-heading")).toHaveText("Aurora expansion");
  await expect(repPage.getByRole("button", { name: /Save decision/ })).toHaveCount(0);
  await expect(repPage.getByText("Live")).toBeVisible();
  await expectAaaContrast(repPage);

  // Advancing is refused while Discovery's exit criteria are open; 1 and 2 answer them.
  await page.keyboard.press("d");
  await page.keyboard.press("Space");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Book the technical demo");
  await page.keyboard.press("Enter");
  await expect(page.getByText(/every exit criterion of “Discovery” must be answered yes: 2 are not yet/)).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dealHeading).toBeFocused();
  await page.keyboard.press("1");
  await expect(page.getByRole("button", { name: /Is the pain confirmed by the buyer\?\s*Yes/ })).toBeVisible();
  await page.keyboard.press("2");
  await expect(page.getByRole("button", { name: /Is the budget holder known\?\s*Yes/ })).toBeVisible();
  // The rep sees the answers arrive.
  await expect(repPage.getByText("Is the budget holder known?").locator("..")).toContainText("Yes");

  // D: the decision is already on Advance (the refused save kept it); Tab to the next step, Enter saves.
  await page.keyboard.press("d");
  await expect(page.getByRole("radio", { name: "Advance" })).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(page.locator("#decision-next-step")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByText("Saved: Advance.")).toBeVisible();
  await expect(page.getByText(/New business \/ Proposal/)).toBeVisible();
  await expect(page.getByText(/Decided: Advance, by Mona Meeting/)).toBeVisible();
  await expect(repPage.getByText(/Decided: Advance, by Mona Meeting/)).toBeVisible();

  // Saved: the focus is back on the deal. F: the next forecast category (Commit → Omitted).
  await expect(dealHeading).toBeFocused();
  await page.keyboard.press("f");
  await expect(page.getByRole("button", { name: "Omitted", pressed: true })).toBeVisible();

  // → next deal: Borealis, Ravi's. The laptop follows but shows nothing of another rep's deal.
  await page.keyboard.press("ArrowRight");
  await expect(dealHeading).toHaveText("Borealis pilot");
  await expect(page.locator("header").getByText("Deal 2 of 3")).toBeVisible();
  await expect(repPage.getByRole("heading", { name: "Deal 2 of 3" })).toBeVisible();
  await expect(repPage.getByText("Another rep's deal is being discussed.")).toBeVisible();
  await expect(repPage.getByText("Borealis")).toHaveCount(0);

  // D, → picks Hold; N: the next step; O: the owner (the manager); Enter in the note saves.
  await page.keyboard.press("d");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("radio", { name: "Hold" })).toBeChecked();
  await page.keyboard.press("Escape");
  await page.keyboard.press("n");
  await expect(page.locator("#decision-next-step")).toBeFocused();
  await page.keyboard.press("Control+A");
  await page.keyboard.type("Call the buyer about the pilot scope");
  await page.keyboard.press("Escape");
  await page.keyboard.press("o");
  await expect(page.locator("#decision-owner")).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(page.locator("#decision-owner")).toHaveValue(String(fixture.users.manager));
  await page.keyboard.press("Tab");
  await page.keyboard.type("Pilot in January");
  await page.keyboard.press("Enter");
  await expect(page.getByText("Saved: Hold.")).toBeVisible();
  await expect(dealHeading).toBeFocused();

  // ?: the keys; Esc closes them.
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keys" });
  await expect(help).toBeVisible();
  await expect(help.getByRole("row", { name: /F Next forecast category/ })).toBeVisible();
  await expectAaaContrast(page);
  await expectLargeText(page);
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  // ←/→ walk on: Cirrus is Rita's again.
  await page.keyboard.press("ArrowRight");
  await expect(dealHeading).toHaveText("Cirrus renewal");
  await expect(repPage.locator("#deal-heading")).toHaveText("Cirrus renewal");
  await page.keyboard.press("ArrowLeft");
  await expect(dealHeading).toHaveText("Borealis pilot");

  // E, Enter: finish. The summary: reviewed, decisions, compliance before and after, next steps, the snapshot.
  await page.keyboard.press("e");
  await expect(page.getByRole("dialog", { name: "Finish the meeting?" })).toBeVisible();
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/meeting\/\d+\/summary$/);
  await expect(page.getByRole("heading", { level: 1, name: "Meeting Team: meeting summary" })).toBeVisible();
  const figure = (label: string) => page.locator("dt", { hasText: label }).locator("..");
  await expect(figure("Deals reviewed")).toContainText("2");
  await expect(figure("Deals reviewed")).toContainText("of 3 on the list");
  // Before: Aurora in Discovery and Borealis (S1 answered) and Cirrus: 3 of 3. After: the same three, still qualified.
  await expect(figure("Compliance at the start")).toContainText("3 of 3 open deals qualified");
  await expect(figure("Compliance at the end")).toContainText("3 of 3 open deals qualified");
  await expect(page.getByRole("link", { name: /Advance: 1/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /Hold: 1/ })).toBeVisible();
  const steps = page.getByRole("region", { name: "Next steps by owner" });
  await expect(steps.getByRole("region", { name: "Mona Meeting" })).toContainText("Call the buyer about the pilot scope");
  await expect(steps.getByRole("region", { name: "Rita Rep" })).toContainText("Book the technical demo");
  const snapshot = page.getByRole("table", { name: /Forecast per rep/ });
  await expect(snapshot.getByRole("row", { name: /Rita Rep/ })).toBeVisible();
  await expect(snapshot.getByRole("row", { name: /Ravi Rep/ })).toBeVisible();
  await expectAaaContrast(page);
  await expectLargeText(page);

  // The laptop went to the summary on its own, showing Rita her own rows only.
  await repPage.waitForURL(/\/meeting\/\d+\/summary$/);
  await expect(repPage.getByRole("table", { name: /Forecast per rep/ }).getByRole("row", { name: /Ravi Rep/ })).toHaveCount(0);
  await expect(repPage.getByText("Borealis pilot")).toHaveCount(0);
  await laptop.close();

  // What was written: the stage change by the manager, the snapshot lines accuracy reads.
  const client = await connect();
  try {
    const change = await client.query("SELECT c.by_user_id FROM deal_stage_change c JOIN stage s ON s.id = c.to_stage_id WHERE c.deal_id = $1 AND s.name = 'Proposal'", [fixture.deals.aurora]);
    expect(change.rows).toEqual([{ by_user_id: fixture.users.manager }]);
    const lines = await client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM forecast_line l JOIN pipeline_meeting m ON m.snapshot_id = l.snapshot_id WHERE m.team_id = $1",
      [fixture.teamId],
    );
    // Two reps × three months × three categories.
    expect(lines.rows[0]!.n).toBe(18);
  } finally {
    await client.end();
  }
});

test("two managers on one deal: the second sees the first's decision, and replaces it only by saving again", async ({ browser }) => {
  const contexts = [await browser.newContext(), await browser.newContext()];
  const [mona, adam] = await Promise.all(contexts.map((context) => context.newPage()));
  await signIn(mona!, EMAILS.manager);
  await mona!.goto("/meeting");
  await mona!.getByRole("button", { name: "Start this week's meeting" }).click();
  await mona!.waitForURL(/\/meeting\/\d+$/);
  await signIn(adam!, EMAILS.admin);
  await adam!.goto(mona!.url());
  await expect(adam!.locator("#deal-heading")).toHaveText("Aurora expansion");

  // Adam starts typing; Mona saves first.
  await adam!.getByRole("radio", { name: "Needs work" }).check();
  await adam!.getByLabel("Next step").fill("Adam: find the budget holder");
  await mona!.getByRole("radio", { name: "Hold" }).check();
  await mona!.getByLabel("Next step").fill("Mona: wait for the board");
  await mona!.getByRole("button", { name: "Save decision" }).click();
  await expect(mona!.getByText("Saved: Hold.")).toBeVisible();

  // Adam's screen shows Mona's decision beside his text; his save is refused once, naming it; the second replaces it.
  const notice = adam!.getByRole("alert").filter({ hasText: "Mona Meeting recorded “Hold”" });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText("Mona: wait for the board");
  await expect(adam!.getByLabel("Next step")).toHaveValue("Adam: find the budget holder");
  await expectAaaContrast(adam!);
  await adam!.getByRole("button", { name: /decision/ }).click();
  await expect(adam!.getByText(/Mona Meeting recorded “Hold” for this deal while you were deciding/)).toBeVisible();
  await adam!.getByRole("button", { name: /decision/ }).click();
  await expect(adam!.getByText("Saved: Needs work.")).toBeVisible();
  await expect(mona!.getByText(/Decided: Needs work, by Adam Admin/)).toBeVisible();

  const client = await connect();
  try {
    const rows = await client.query("SELECT kind, next_step, version FROM meeting_decision WHERE deal_id = $1", [fixture.deals.aurora]);
    expect(rows.rows).toEqual([{ kind: "NEEDS_WORK", next_step: "Adam: find the budget holder", version: 2 }]);
  } finally {
    await client.end();
  }
  for (const context of contexts) await context.close();
});
