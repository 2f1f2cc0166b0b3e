// Coaching as the demo's manager and rep: Paul logs a session with Theo Keller and a commitment, bad input is a field
// error, and Theo sees the commitment on his profile and acknowledges it; the pages pass axe.
import { expect, test } from "@playwright/test";
import { demoLogins } from "../../prisma/seed";
import { expectNoAxeViolations, signIn } from "./support/browser";
import { connect } from "./support/database";

const logins = demoLogins();
const paul = logins.find((login) => login.email === "manager.paul@demo.test")!;
const theo = logins.find((login) => login.email === "theo.keller@demo.test")!;

let theoRepId = 0;
let tobiasRepId = 0;

test.beforeAll(async () => {
  const client = await connect();
  try {
    const { rows } = await client.query<{ id: number; name: string }>("SELECT id, name FROM rep WHERE name IN ('Theo Keller', 'Tobias Thalberg')");
    theoRepId = rows.find((row) => row.name === "Theo Keller")!.id;
    tobiasRepId = rows.find((row) => row.name === "Tobias Thalberg")!.id;
  } finally {
    await client.end();
  }
});

test("a manager logs a session with a commitment and the rep acknowledges it", async ({ browser }) => {
  // Unique per run: the e2e database outlives a local run.
  const run = Date.now().toString(36);
  const text = `Open every email with the buyer's own words (${run})`;
  const managerContext = await browser.newContext();
  const manager = await managerContext.newPage();
  await signIn(manager, paul.email);
  await manager.goto("/coaching");
  await expect(manager.getByRole("heading", { name: "Coaching hours", level: 1 })).toBeVisible();
  await expectNoAxeViolations(manager);
  await manager.getByRole("link", { name: "Theo Keller: open the profile" }).click();
  await expect(manager.getByRole("heading", { name: "Theo Keller", level: 1 })).toBeVisible();

  const form = manager.getByRole("form", { name: "Log a coaching session" });
  await form.getByLabel("Duration (minutes)").fill("0");
  await form.getByLabel("Topic").fill(`Email openings (${run})`);
  await form.getByRole("checkbox", { name: "Response rate on emails" }).check();
  await form.getByLabel("Commitment", { exact: true }).fill(text);
  await form.getByLabel("Metric").selectOption({ label: "Response rate on emails" });
  await form.getByLabel("Target").fill("150");
  await form.getByRole("button", { name: "Log the session" }).click();
  await expect(form.getByText("A session lasts from 1 minute to 8 hours.")).toBeVisible();
  await expect(form.getByText("A rate cannot be above 100 %.")).toBeVisible();
  await expect(form.getByText("Due date is required.")).toBeVisible();

  const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  await form.getByLabel("Duration (minutes)").fill("45");
  await form.getByLabel("Target").fill("15");
  await form.getByLabel("Due date").fill(due);
  await form.getByRole("button", { name: "Log the session" }).click();
  await expect(form.getByText("Session logged.")).toBeVisible();
  const item = manager.getByRole("listitem").filter({ hasText: text });
  await expect(item).toBeVisible();
  await expect(item).toContainText("Response rate on emails ≥ 15%");
  await expect(item).toContainText("Not acknowledged by the rep yet.");
  await expectNoAxeViolations(manager);
  await managerContext.close();

  const repContext = await browser.newContext();
  const rep = await repContext.newPage();
  await signIn(rep, theo.email);
  await rep.getByRole("link", { name: "My profile" }).click();
  await expect(rep).toHaveURL(new RegExp(`/reps/${theoRepId}$`));
  const mine = rep.getByRole("listitem").filter({ hasText: text });
  await expect(mine).toBeVisible({ timeout: 60_000 });
  await expect(rep.getByText(/open commitments? waits? for your acknowledgement/)).toBeVisible();
  await expectNoAxeViolations(rep);
  await mine.getByRole("button", { name: "Acknowledge" }).click();
  // The page re-renders with the acknowledgement recorded (the button goes), and so it stays on a reload.
  await expect(mine).toContainText("Acknowledged by the rep on");
  await expect(mine.getByRole("button", { name: "Acknowledge" })).toHaveCount(0);
  await rep.reload();
  await expect(rep.getByRole("listitem").filter({ hasText: text })).toContainText("Acknowledged by the rep on");
  // Another rep's profile does not exist for him, nor does the coaching grid.
  expect((await rep.goto(`/reps/${tobiasRepId}`))?.status()).toBe(404);
  expect((await rep.goto("/coaching"))?.status()).toBe(404);
  await repContext.close();
});
