// The admin pages as an administrator uses them: invite someone with a one-time link, who sets a password and
// signs in; deactivate someone whose session is open; read it all in the audit log; in English and Russian.
import { expect, test } from "@playwright/test";

import { connect, fingerprint, readFixture } from "./support/database";
import { builtActions, callAction, signedInContext } from "./support/session";
import { signIn, expectNoAxeViolations } from "./support/browser";

const fx = readFixture();

test("an invited user sets a password with the one-time link, signs in, and the link then stops working", async ({ page, browser }) => {
  await signIn(page, fx.emails.admin);
  await page.getByRole("navigation", { name: /main/i }).getByRole("link", { name: "Admin" }).click();
  await expect(page).toHaveURL(/\/admin\/users/);

  await page.getByText("Add a user").click();
  const form = page.locator("details form");
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.getByText("Name is required.")).toBeVisible();
  await expect(form.getByLabel("Name", { exact: true })).toHaveAttribute("aria-invalid", "true");

  const email = `matrix.invitee.${Date.now()}@matrix.test`;
  await form.getByLabel("Name", { exact: true }).fill("Iris Invitee");
  await form.getByLabel("Email", { exact: true }).fill(email);
  await form.getByLabel("Role", { exact: true }).selectOption("REP");
  await form.getByLabel("Team", { exact: true }).selectOption({ label: "Matrix Team X" });
  await form.getByRole("button", { name: "Add user" }).click();
  const link = form.getByLabel("One-time link", { exact: true });
  await expect(link).toHaveValue(/\/invite\/[A-Za-z0-9_-]{43}$/);
  const url = await link.inputValue();
  await expectNoAxeViolations(page);

  // A separate browser context: the invitee has none of the admin's cookies.
  const inviteeContext = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const invitee = await inviteeContext.newPage();
  await invitee.goto(url);
  await expect(invitee.getByRole("heading", { name: "Set your password" })).toBeVisible();
  await invitee.getByLabel("Password", { exact: true }).fill("iris has a password");
  await invitee.getByLabel("Repeat password").fill("iris has another one");
  await invitee.getByRole("button", { name: "Set password" }).click();
  await expect(invitee.getByText("The two passwords do not match.")).toBeVisible();
  await invitee.getByLabel("Password", { exact: true }).fill("iris has a password");
  await invitee.getByLabel("Repeat password").fill("iris has a password");
  await invitee.getByRole("button", { name: "Set password" }).click();
  await expect(invitee.getByRole("status")).toContainText("Your password is set.");
  await expectNoAxeViolations(invitee);
  await invitee.getByRole("link", { name: "Go to sign-in" }).click();
  await signIn(invitee, email, "iris has a password");
  await expect(invitee.getByRole("navigation", { name: /main/i }).getByRole("link", { name: "Admin" })).toHaveCount(0);

  await invitee.goto(url);
  await expect(invitee.getByRole("heading", { name: "This link does not work" })).toBeVisible();
  await inviteeContext.close();
});

test("a deactivated user's old session cookie stops working at the next request and can change nothing", async ({ page, baseURL }) => {
  const gus = await signedInContext(baseURL!, fx.emails.gone);
  expect((await gus.get("/roster")).url()).toMatch(/\/roster$/);

  await signIn(page, fx.emails.admin);
  await page.goto(`/admin/users/${fx.users.gone}`);
  await page.getByRole("button", { name: "Deactivate Gus Leaving" }).click();
  await expect(page.getByText("Deactivated", { exact: true }).first()).toBeVisible();

  expect(new URL((await gus.get("/roster")).url()).pathname).toBe("/login");
  const db = await connect();
  try {
    const before = await fingerprint(db, fx);
    const action = builtActions().get("sign-out-everywhere.ts#signOutEverywhere")!;
    const answer = await callAction(gus, baseURL!, action, {});
    expect(answer.body).toContain("Your session has ended");
    expect(await fingerprint(db, fx)).toEqual(before);
  } finally {
    await db.end();
    await gus.dispose();
  }

  await page.goto("/admin/audit?action=user.deactivate");
  const row = page.getByRole("row").filter({ hasText: "Gus Leaving" }).first();
  await expect(row).toContainText("user.deactivate");
  await expect(row).toContainText("Mara Admin");
  await expectNoAxeViolations(page);
});

test("teams: rename, set a manager, move a rep — each in the audit log", async ({ page }) => {
  await signIn(page, fx.emails.admin);
  await page.goto("/admin/teams");
  const spare = page.getByRole("form", { name: /Name and manager of Matrix Spare/ });
  await spare.getByLabel("Team name").fill("Matrix Reserve");
  await spare.getByLabel("Manager").selectOption({ label: "Yana Lead" });
  await spare.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { name: "Matrix Reserve", exact: true })).toBeVisible();

  const loose = page.getByRole("list", { name: "Reps in no team" }).getByRole("listitem").filter({ hasText: "Lou Loose" });
  await loose.getByLabel("Move Lou Loose to").selectOption({ label: "Matrix Reserve" });
  await loose.getByRole("button", { name: "Move Lou Loose" }).click();
  await expect(page.getByRole("list", { name: "Reps of Matrix Reserve" })).toContainText("Lou Loose");
  await expectNoAxeViolations(page);

  await page.goto("/admin/audit");
  await expect(page.getByRole("row").filter({ hasText: "team.update" }).first()).toContainText("Matrix Reserve");
  await expect(page.getByRole("row").filter({ hasText: "rep.move" }).first()).toContainText("Lou Loose");
});

test("field errors name the field in Russian too", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: "NEXT_LOCALE", value: "ru", url: baseURL! }]);
  await signIn(page, fx.emails.admin);
  await page.goto("/admin/teams");
  await page.getByText("Создать команду").click();
  await page.getByRole("button", { name: "Создать", exact: true }).click();
  await expect(page.getByText("Поле «Название команды» обязательно.").or(page.getByText(/Поле «.*» обязательно\./))).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the admin pages at 1280×720 and 1920×1080, in English and Russian", async ({ page, context, baseURL }) => {
  // Sixteen full-page screenshots: on two busy cores this takes about a minute.
  test.slow();
  await signIn(page, fx.emails.admin);
  for (const locale of ["en", "ru"] as const) {
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    for (const viewport of [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }]) {
      await page.setViewportSize(viewport);
      for (const path of ["/admin/users", `/admin/users/${fx.users.target}`, "/admin/teams", "/admin/audit"]) {
        await page.goto(path);
        await expect(page.locator("html")).toHaveAttribute("lang", locale);
        const name = `${path.replaceAll("/", "_").replace(/^_/, "")}-${locale}-${viewport.width}`;
        await page.screenshot({ path: `screenshots/admin/${name}.png`, fullPage: true });
      }
    }
  }
  await expectNoAxeViolations(page);
});
