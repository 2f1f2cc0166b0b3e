// Issue 13, point 4 in the browser: an administrator's reps file creates the managers it names (an option only
// administrators see), and a deals file without creation dates takes the date given on the mapping step — the
// summary says what was done, in English and Russian, with axe at each step.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { connect } from "./support/database";
import { expectNoAxeViolations, signIn } from "./support/browser";

const SHOTS = "screenshots/import-own-data";

async function upload(page: Page, ru: boolean, kind: string, file: string) {
  await page.goto("/import");
  await page.getByLabel(ru ? "Что в файле" : "What the file holds").selectOption(kind);
  await page.getByLabel(ru ? /Перетащите CSV-файл/ : /Drop a CSV file/).setInputFiles(file);
  await page.getByRole("button", { name: ru ? "Прочитать столбцы" : "Read columns" }).click();
  await expect(page.getByRole("heading", { name: ru ? "Сопоставьте столбцы" : "Match the columns" })).toBeVisible();
}

async function shot(page: Page, name: string) {
  await expectNoAxeViolations(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

test("an administrator creates the managers a reps file names, and dates deals the file leaves undated", async ({ page, context, baseURL }) => {
  test.setTimeout(180_000);
  const sql = await connect();
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "own-data-"));
  const org = (await sql.query<{ id: number }>(`SELECT org_id AS id FROM app_user WHERE email = 'admin@demo.test'`)).rows[0]!.id;
  try {
    await signIn(page, "admin@demo.test");
    for (const locale of ["en", "ru"] as const) {
      const ru = locale === "ru";
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);

      const reps = path.join(folder, `reps-${locale}.csv`);
      fs.writeFileSync(reps, `name,team,manager\nE2E Rep ${locale},E2E Team ${locale},e2e.lead.${locale}@demo.test\n`);
      await upload(page, ru, "reps", reps);
      await page.getByRole("button", { name: ru ? "Проверить" : "Preview", exact: true }).click();
      await expect(page.getByText(ru ? "В таком виде файл не будет импортирован" : "The file would not be imported as it is")).toBeVisible();
      await page.getByLabel(ru ? "Создавать недостающих руководителей" : "Create missing managers").check();
      await page.getByRole("button", { name: ru ? "Проверить снова" : "Check again" }).click();
      await expect(page.getByText(ru ? /Файл можно импортировать/ : /The file can be imported/)).toBeVisible();
      await shot(page, `reps-preview-${locale}`);
      await page.getByRole("button", { name: ru ? "Импортировать" : "Import", exact: true }).click();
      await expect(page.getByRole("heading", { name: ru ? "Импорт завершён" : "Import finished" })).toBeVisible({ timeout: 60_000 });
      await expect(page.getByRole("status")).toContainText(
        ru
          ? "создан 1 руководитель без пароля: отправьте каждому ссылку-приглашение в разделе «Администрирование → Пользователи»"
          : "1 manager was created without a password: send each an invitation link from Admin → Users",
      );
      await shot(page, `reps-summary-${locale}`);
      const lead = await sql.query(`SELECT u.role, u.password_hash, t.name AS team FROM app_user u JOIN team t ON t.manager_id = u.id WHERE u.email = $1`, [`e2e.lead.${locale}@demo.test`]);
      expect(lead.rows).toEqual([{ role: "MANAGER", password_hash: null, team: `E2E Team ${locale}` }]);

      const deals = path.join(folder, `deals-${locale}.csv`);
      fs.writeFileSync(deals, `id,account,owner,stage,amount\nE2E-${locale},E2E Account,Theo Keller,Qualify,1000\n`);
      await upload(page, ru, "deals", deals);
      await page.getByLabel(ru ? "Дата создания для сделок без неё" : "Creation date for deals without one").fill("2025-01-01");
      await shot(page, `deals-mapping-${locale}`);
      await page.getByRole("button", { name: ru ? "Проверить" : "Preview", exact: true }).click();
      await page.getByLabel(ru ? "Создавать недостающих клиентов" : "Create missing accounts").check();
      await page.getByRole("button", { name: ru ? "Проверить снова" : "Check again" }).click();
      await expect(page.getByText(ru ? /Файл можно импортировать/ : /The file can be imported/)).toBeVisible();
      await page.getByRole("button", { name: ru ? "Импортировать" : "Import", exact: true }).click();
      await expect(page.getByRole("heading", { name: ru ? "Импорт завершён" : "Import finished" })).toBeVisible({ timeout: 60_000 });
      await expect(page.getByRole("status")).toContainText(
        ru ? "у 1 сделки не было даты создания: 1 получила дату из defaults.created сопоставления" : "1 deal had no creation date: 1 set to the mapping's defaults.created",
      );
      await shot(page, `deals-summary-${locale}`);
      const deal = await sql.query(`SELECT name, to_char(created_at AT TIME ZONE (SELECT time_zone FROM organization WHERE id = $1), 'YYYY-MM-DD') AS created FROM deal WHERE org_id = $1 AND external_id = $2`, [org, `E2E-${locale}`]);
      expect(deal.rows).toEqual([{ name: `E2E Account — E2E-${locale}`, created: "2025-01-01" }]);
    }
  } finally {
    // Leave the demo organisation as the other specs expect it.
    await sql.query(`DELETE FROM deal WHERE org_id = $1 AND external_id LIKE 'E2E-%'`, [org]);
    await sql.query(`DELETE FROM account WHERE org_id = $1 AND name = 'E2E Account'`, [org]);
    await sql.query(`DELETE FROM rep WHERE org_id = $1 AND name LIKE 'E2E Rep %'`, [org]);
    await sql.query(`DELETE FROM team WHERE org_id = $1 AND name LIKE 'E2E Team %'`, [org]);
    await sql.query(`DELETE FROM app_user WHERE org_id = $1 AND email LIKE 'e2e.lead.%@demo.test'`, [org]);
    await sql.end();
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

test("a manager is not offered to create managers", async ({ page }) => {
  await signIn(page, "manager.paul@demo.test");
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "own-data-"));
  try {
    const reps = path.join(folder, "reps.csv");
    fs.writeFileSync(reps, "name,manager\nTheo Keller,manager.paul@demo.test\n");
    await upload(page, false, "reps", reps);
    await page.getByRole("button", { name: "Preview", exact: true }).click();
    await expect(page.getByLabel("Create missing reps")).toBeVisible();
    await expect(page.getByLabel("Create missing managers")).toHaveCount(0);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
