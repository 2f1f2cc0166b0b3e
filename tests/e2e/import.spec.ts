// The import wizard as the demo admin uses it: upload a Salesforce report, see the columns matched by the
// preset, preview with a dry run, import with progress and read the summary — in English and Russian, at
// 1280×720 and 1920×1080, with axe at every step. A rep is told the page does not exist.
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";

import { connect } from "./support/database";
import { signIn, expectNoAxeViolations } from "./support/browser";

const FIXTURES = path.resolve("tests/fixtures/import");
const VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
];

/** Axe, then the step at both sizes (back at 1280×720 after). */
async function checkStep(page: Page, name: string) {
  await expectNoAxeViolations(page);
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    // From the top: the sticky header would otherwise sit mid-page in a full-page picture.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `screenshots/import/${name}-${viewport.width}.png`, fullPage: true });
  }
  await page.setViewportSize(VIEWPORTS[0]!);
}

test("the admin imports a Salesforce report through the wizard, in English and Russian", async ({ page, context, baseURL }) => {
  test.setTimeout(180_000);
  const sql = await connect();
  const org = (await sql.query<{ id: number }>(`SELECT org_id AS id FROM app_user WHERE email = 'admin@demo.test'`)).rows[0]!.id;
  const max = async (table: string) => Number((await sql.query<{ n: number }>(`SELECT COALESCE(max(id), 0) AS n FROM ${table}`)).rows[0]!.n);
  const before = { deal: await max("deal"), rep: await max("rep"), account: await max("account") };
  try {
    await signIn(page, "admin@demo.test");
    for (const locale of ["en", "ru"] as const) {
      const ru = locale === "ru";
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
      await page.goto("/roster");
      await page.getByRole("navigation", { name: ru ? /основн|главн|навигац/i : /main/i }).getByRole("link", { name: ru ? "Импорт" : "Import" }).click();
      await expect(page).toHaveURL(/\/import$/);
      await expect(page.locator("html")).toHaveAttribute("lang", locale);

      await page.getByLabel(ru ? "Что в файле" : "What the file holds").selectOption("deals");
      await page.getByLabel(ru ? /Перетащите CSV-файл/ : /Drop a CSV file/).setInputFiles(path.join(FIXTURES, "salesforce-opportunities.csv"));
      await expect(page.getByText("salesforce-opportunities.csv")).toBeVisible();
      await checkStep(page, `1-upload-${locale}`);
      await page.getByRole("button", { name: ru ? "Прочитать столбцы" : "Read columns" }).click();

      await expect(page.getByRole("heading", { name: ru ? "Сопоставьте столбцы" : "Match the columns" })).toBeVisible();
      await expect(page.getByLabel(ru ? "Сопоставление" : "Mapping", { exact: true })).toHaveValue("salesforce");
      await expect(page.getByLabel(ru ? "Столбец для поля owner" : "Column for owner")).toHaveValue("Opportunity Owner");
      await page.getByLabel(ru ? "Сохранить сопоставление как" : "Save this mapping as").fill("E2E Salesforce");
      await page.getByRole("button", { name: ru ? "Сохранить сопоставление" : "Save mapping" }).click();
      await expect(page.getByText(ru ? "Сохранено как «E2E Salesforce»." : "Saved as “E2E Salesforce”.")).toBeVisible();
      await expect(page.getByLabel(ru ? "Сопоставление" : "Mapping", { exact: true })).toHaveValue("saved:E2E Salesforce");
      await checkStep(page, `2-mapping-${locale}`);
      await page.getByRole("button", { name: ru ? "Проверить" : "Preview", exact: true }).click();

      await expect(page.getByRole("heading", { name: ru ? "Проверьте первые строки" : "Check the first rows" })).toBeVisible();
      await expect(page.getByRole("region", { name: ru ? /Первые строки файла/ : /The first rows of the file/ })).toContainText("Globex - Platform rollout");
      await page.getByLabel(ru ? "Создавать недостающих менеджеров" : "Create missing reps").check();
      await page.getByLabel(ru ? "Создавать недостающих клиентов" : "Create missing accounts").check();
      await page.getByRole("button", { name: ru ? "Проверить снова" : "Check again" }).click();
      await expect(page.getByText(ru ? /Файл можно импортировать/ : /The file can be imported/)).toBeVisible();
      await checkStep(page, `3-preview-${locale}`);
      await page.getByRole("button", { name: ru ? "Импортировать" : "Import", exact: true }).click();

      await expect(page.getByRole("heading", { name: ru ? "Импорт завершён" : "Import finished" })).toBeVisible({ timeout: 60_000 });
      const status = page.getByRole("status");
      await expect(status).toContainText(ru ? /Импортировано строк/ : /Imported \d+ rows from salesforce-opportunities\.csv/);
      // The second pass imports the same file again: every row is found and left as it was.
      await expect(status.getByText(ru ? "Без изменений" : "Unchanged")).toBeVisible();
      if (ru) await expect(status.locator("dd").nth(0)).toHaveText("0");
      else await expect(status.locator("dd").nth(0)).not.toHaveText("0");
      await checkStep(page, `4-summary-${locale}`);
    }
    const runs = await sql.query(`SELECT status FROM import_run WHERE org_id = $1 AND file_name = 'salesforce-opportunities.csv' ORDER BY id DESC LIMIT 2`, [org]);
    expect(runs.rows).toEqual([{ status: "SUCCEEDED" }, { status: "SUCCEEDED" }]);
  } finally {
    // Leave the demo year as the other specs expect it.
    await sql.query(`DELETE FROM deal WHERE org_id = $1 AND id > $2`, [org, before.deal]);
    await sql.query(`DELETE FROM rep WHERE org_id = $1 AND id > $2`, [org, before.rep]);
    await sql.query(`DELETE FROM account WHERE org_id = $1 AND id > $2`, [org, before.account]);
    await sql.query(`DELETE FROM import_preset WHERE org_id = $1 AND name = 'E2E Salesforce'`, [org]);
    await sql.end();
  }
});

test("a rep is told the import page does not exist and the upload route refuses them", async ({ page }) => {
  await signIn(page, "theo.keller@demo.test");
  await expect(page.getByRole("navigation", { name: /main/i }).getByRole("link", { name: "Import" })).toHaveCount(0);
  const response = await page.goto("/import");
  expect(response?.status()).toBe(404);
  const refused = await page.request.post("/api/import/upload", { multipart: { kind: "deals", file: { name: "d.csv", mimeType: "text/csv", buffer: Buffer.from("id,name\n1,a\n") } } });
  expect(refused.status()).toBe(403);
});

test("the preview marks invalid cells and lists unknown stages with the pipeline's stages, writing nothing", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  for (const [file, expected] of [
    ["negative-amount.csv", /is negative/],
    ["unknown-stage.csv", /unknown stage values "Prospecting".*Qualify/],
  ] as const) {
    await page.goto("/import");
    await page.getByLabel(/Drop a CSV file/).setInputFiles(path.join(FIXTURES, file));
    await page.getByRole("button", { name: "Read columns" }).click();
    await page.getByRole("button", { name: "Preview", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Check the first rows" })).toBeVisible();
    await expect(page.getByText(expected).first()).toBeVisible();
    await expect(page.getByText("The file would not be imported as it is")).toBeVisible();
    await checkStep(page, `3-preview-error-${file.replace(".csv", "")}-en`);
  }
});

test("in Russian, the preview says what is wrong with the file in Russian", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: "NEXT_LOCALE", value: "ru", url: baseURL! }]);
  await signIn(page, "admin@demo.test");
  await page.goto("/import");
  await page.getByLabel(/Перетащите CSV-файл/).setInputFiles(path.join(FIXTURES, "binary.png"));
  await page.getByRole("button", { name: "Прочитать столбцы" }).click();
  await expect(page.getByText("это не текстовый CSV-файл: в нём двоичные данные")).toBeVisible();
  await checkStep(page, "1-upload-error-binary-ru");
  for (const [file, expected] of [
    ["negative-amount.csv", "сумма -2500 отрицательная"],
    ["unknown-stage.csv", /^неизвестные этапы «Prospecting», «Verbal yes»; сопоставьте их в values\.stage с этапами воронки «[^»]+»: /],
  ] as const) {
    await page.goto("/import");
    await page.getByLabel(/Перетащите CSV-файл/).setInputFiles(path.join(FIXTURES, file));
    await page.getByRole("button", { name: "Прочитать столбцы" }).click();
    await page.getByRole("button", { name: "Проверить", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Проверьте первые строки" })).toBeVisible();
    await expect(page.getByText(expected).first()).toBeVisible();
    await expect(page.getByText("В таком виде файл не будет импортирован")).toBeVisible();
    await checkStep(page, `3-preview-error-${file.replace(".csv", "")}-ru`);
  }
});
