// The organisation's settings as the demo administrator changes them: a field error naming the field, the
// thresholds saved and shown at once by the review, a new time zone only after a confirmation that says what is
// rebuilt, every change in the audit log; accessible in English and Russian. The demo's settings are put back after.
import { expect, test, type Page } from "@playwright/test";
import type pg from "pg";
import { demoLogins } from "../../prisma/seed";
import { expectNoAxeViolations, signIn } from "./support/browser";
import { connect } from "./support/database";

const admin = demoLogins().find((login) => login.role === "ADMIN")!;
const lastYear = new Date().getUTCFullYear() - 1;

interface Saved {
  id: number;
  name: string;
  currency: string;
  time_zone: string;
  stale_after_days: number;
  stuck_factor: string;
  coaching_target_minutes: number;
  managers_edit_stage_rules: boolean;
}
let db: pg.Client;
let original: Saved;

test.beforeAll(async () => {
  db = await connect();
  original = (await db.query<Saved>("SELECT o.* FROM organization o JOIN app_user u ON u.org_id = o.id WHERE u.email = $1", [admin.email])).rows[0]!;
});

test.afterAll(async () => {
  const o = original;
  // Only what differs: writing the same time zone again would still rebuild nothing, but say so plainly.
  await db.query(
    `UPDATE organization SET name = $2, currency = $3, stale_after_days = $4, stuck_factor = $5, coaching_target_minutes = $6, managers_edit_stage_rules = $7 WHERE id = $1`,
    [o.id, o.name, o.currency, o.stale_after_days, o.stuck_factor, o.coaching_target_minutes, o.managers_edit_stage_rules],
  );
  await db.query("UPDATE organization SET time_zone = $2 WHERE id = $1 AND time_zone <> $2", [o.id, o.time_zone]);
  await db.end();
});

async function openSettings(page: Page) {
  await signIn(page, admin.email);
  await page.goto("/admin/users");
  await page.getByRole("navigation", { name: "Administration sections" }).getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/admin\/settings$/);
  await expect(page.getByRole("heading", { level: 1, name: "Organisation settings" })).toBeVisible();
}

test("an admin changes the thresholds: a bad value is named, good ones are saved, audited and used by the review at once", async ({ page }) => {
  await openSettings(page);
  await expect(page.getByLabel("Time zone")).toHaveValue(original.time_zone);
  await expectNoAxeViolations(page);

  const stale = page.getByLabel("Stale after (days)");
  await stale.fill("0");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Stale after (days) must be at least 1.")).toBeVisible();
  await expect(stale).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page);
  expect((await db.query("SELECT stale_after_days FROM organization WHERE id = $1", [original.id])).rows[0].stale_after_days).toBe(original.stale_after_days);

  await stale.fill("21");
  await page.getByLabel("Stuck factor").fill("2.5");
  await page.getByLabel("Coaching target (minutes per rep and month)").fill("240");
  await page.getByLabel("Sales managers may edit stage rules").check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status")).toContainText("Settings saved.");

  await page.reload();
  await expect(page.getByLabel("Stale after (days)")).toHaveValue("21");
  await expect(page.getByLabel("Stuck factor")).toHaveValue("2.5");
  await expect(page.getByLabel("Coaching target (minutes per rep and month)")).toHaveValue("240");
  await expect(page.getByLabel("Sales managers may edit stage rules")).toBeChecked();

  // The review's coaching step measures against the new target straight away.
  const team = (await db.query<{ id: number }>("SELECT id FROM team WHERE org_id = $1 AND name = 'Team South'", [original.id])).rows[0]!.id;
  await page.goto(`/review/${lastYear}/coaching?team=${team}`);
  await expect(page.getByText(/Target: 4(\.0)? h a month\./)).toBeVisible();

  await page.goto("/admin/audit?entity=organization");
  const row = page.getByRole("row").filter({ hasText: "organization.update" }).first();
  await expect(row).toContainText("Jakob Weiss");
  await expect(row).toContainText("240");
});

test("a new time zone is saved only after a confirmation that says what is rebuilt", async ({ page }) => {
  await openSettings(page);
  const zone = page.getByLabel("Time zone");
  await zone.selectOption("Asia/Tokyo");
  await page.getByRole("button", { name: "Save settings" }).click();
  const question = page.getByRole("region", { name: `Change the time zone from ${original.time_zone} to Asia/Tokyo?` });
  await expect(question).toBeVisible();
  await expect(question).toContainText("deals created, won and lost per rep and month, and the sales cycle in days");
  await expect(question.getByRole("heading")).toBeFocused();
  await expectNoAxeViolations(page);

  // Keeping the old zone changes nothing.
  await question.getByRole("button", { name: `Keep ${original.time_zone}` }).click();
  await expect(zone).toHaveValue(original.time_zone);
  await expect(question).toHaveCount(0);

  await zone.selectOption("Asia/Tokyo");
  await page.getByRole("button", { name: "Save settings" }).click();
  await page.getByRole("button", { name: "Change the time zone and save" }).click();
  // The rebuild takes 4–9 s here, but twice in fresh-clone CI runs the save took over 60 s (once 85 s, from the
  // click to its audit row; the same UPDATE replayed on that database right after took 5.3 s). The cause is not
  // found yet; this waits long enough to tell a slow save from a lost one.
  test.setTimeout(240_000);
  await expect(page.getByRole("status")).toContainText("Settings saved.", { timeout: 180_000 });
  await page.reload();
  await expect(page.getByLabel("Time zone")).toHaveValue("Asia/Tokyo");
  const audit = await db.query<{ before: { timeZone: string }; after: { timeZone: string } }>(
    "SELECT before, after FROM audit_log WHERE org_id = $1 AND action = 'organization.update' ORDER BY id DESC LIMIT 1",
    [original.id],
  );
  expect(audit.rows[0]).toMatchObject({ before: { timeZone: original.time_zone }, after: { timeZone: "Asia/Tokyo" } });
});

test("the settings page in Russian", async ({ page }) => {
  await openSettings(page);
  await page.getByRole("button", { name: "Русский" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Настройки организации" })).toBeVisible();
  await page.getByLabel("Дней без активности до отметки").fill("400");
  await page.getByRole("button", { name: "Сохранить настройки" }).click();
  await expect(page.getByText("Поле «Дней без активности до отметки»: не больше 365.")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "English" }).click();
});
