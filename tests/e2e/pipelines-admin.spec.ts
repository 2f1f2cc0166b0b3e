// The pipelines admin as the demo admin uses it: a pipeline started empty, a second open stage added, the first
// stage's buyer question and two exit criteria written, the stages reordered from the keyboard; then a deals file
// imported into it through the import wizard, and a stage with deals merged into the other. Axe on the list and the
// editor in English and Russian. A manager gets the pages only while the organisation allows it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { connect } from "./support/database";
import { expectNoAxeViolations, signIn } from "./support/browser";

const NAME = "E2E Field sales";

async function demoOrg(sql: Awaited<ReturnType<typeof connect>>): Promise<number> {
  return (await sql.query<{ id: number }>(`SELECT org_id AS id FROM app_user WHERE email = 'admin@demo.test'`)).rows[0]!.id;
}

/** The editor's open stages, by their headings, in order. */
async function stageOrder(page: Page): Promise<string[]> {
  const headings = page.getByRole("region", { name: "Open stages, in order" }).locator("h3");
  return (await headings.allInnerTexts()).map((text) => text.replace(/^Stage \d+ of \d+:\s*/, "").replace(/\s*First meeting$/, "").trim());
}

test("the admin builds a pipeline in the admin page and imports deals into it", async ({ page, context, baseURL }) => {
  test.setTimeout(240_000);
  const sql = await connect();
  const org = await demoOrg(sql);
  const auditBefore = (await sql.query<{ n: string }>(`SELECT coalesce(max(id), 0) AS n FROM audit_log`)).rows[0]!.n;
  const owners = (await sql.query<{ name: string }>(`SELECT name FROM rep WHERE org_id = $1 AND kind = 'AE' AND active ORDER BY id LIMIT 2`, [org])).rows.map((r) => r.name);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pipelines-e2e-")), "field-sales.csv");
  fs.writeFileSync(
    file,
    [
      "id,name,owner,type,amount,created,expectedClose,closed,stage,lostReason,nextStep",
      `FS-1,Harbour visit,${owners[0]},NEW,18000,2025-03-03,2025-06-30,,Visit,,Call back`,
      `FS-2,Quarry offer,${owners[1]},NEW,42000,2025-02-10,2025-05-31,,Offer,,Send terms`,
      `FS-3,Mill contract,${owners[0]},NEW,27500,2025-01-15,,2025-04-02,Won,,`,
      `FS-4,Depot pilot,${owners[1]},NEW,9000,2025-01-20,,2025-03-11,Lost,Price,`,
    ].join("\n"),
  );
  try {
    await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
    await signIn(page, "admin@demo.test");
    await page.goto("/admin");
    await page.getByRole("navigation", { name: "Administration sections" }).getByRole("link", { name: "Pipelines" }).click();
    await expect(page.getByRole("heading", { name: "Pipelines and stages", level: 1 })).toBeVisible();
    await expect(page.getByRole("row", { name: /New business/ })).toBeVisible();
    await expectNoAxeViolations(page);

    // Start empty with one stage; the editor opens on the new pipeline.
    await page.getByRole("radio", { name: /Empty: I name the stages/ }).check();
    await page.getByLabel("Name", { exact: true }).fill(NAME);
    await page.getByRole("textbox", { name: "Open stages" }).fill("Visit");
    await page.getByRole("button", { name: "Create pipeline" }).click();
    await expect(page).toHaveURL(/\/admin\/pipelines\/\d+$/);
    await expect(page.getByRole("heading", { name: NAME, level: 1 })).toBeVisible();

    await page.getByLabel("New open stage (added last)").fill("Offer");
    await page.getByRole("button", { name: "Add stage" }).click();
    await expect(page.getByRole("heading", { name: /Offer/, level: 3 })).toBeVisible();
    expect(await stageOrder(page)).toEqual(["Visit", "Offer"]);

    const visit = page.getByRole("form", { name: "Rules of Visit" });
    await visit.getByLabel("Buyer-journey stage").selectOption("CONSIDERATION");
    await visit.getByLabel("The buyer's question").fill("Is it worth changing our supplier this year?");
    await visit.getByLabel("Probability (%)").fill("20");
    await visit.getByLabel("First-meeting stage").check();
    await visit.getByRole("button", { name: "Save Visit" }).click();
    await expect(visit.getByText("Saved.")).toBeVisible();
    // The change is in the pipeline's rule history, with who made it.
    const changes = page.getByRole("region", { name: "Rule changes" });
    await expect(changes.getByRole("row", { name: /Visit/ })).toContainText("Probability (%): 0% → 20%");
    await expect(changes.getByRole("row", { name: /Visit/ })).toContainText("First-meeting stage: no → yes");
    for (const question of ["Need confirmed on site", "Decision maker met"]) {
      await page.getByLabel("New exit criterion for Visit").fill(question);
      await page.getByRole("button", { name: "Add criterion" }).first().click();
      await expect(page.getByRole("list", { name: "Exit criteria of Visit" }).getByRole("textbox").last()).toHaveValue(question);
    }
    await expect(page.getByRole("list", { name: "Exit criteria of Visit" }).getByRole("listitem")).toHaveCount(2);

    // Reorder from the keyboard: Offer up (focus stays on it), then back down.
    await page.getByRole("button", { name: "Move Offer up" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => stageOrder(page)).toEqual(["Offer", "Visit"]);
    await expect(page.getByRole("button", { name: "Move Offer down" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect.poll(() => stageOrder(page)).toEqual(["Visit", "Offer"]);
    await expectNoAxeViolations(page);

    const pipeline = (await sql.query<{ id: number }>(`SELECT id FROM pipeline WHERE org_id = $1 AND name = $2`, [org, NAME])).rows[0]!.id;
    const stages = await sql.query(
      `SELECT s.name, s.kind, s.buyer_stage, s.buyer_question, s.probability, s.is_first_meeting,
              array(SELECT question FROM stage_criterion c WHERE c.stage_id = s.id AND c.retired_at IS NULL ORDER BY position) AS criteria
       FROM stage s WHERE s.pipeline_id = $1 ORDER BY s.position`,
      [pipeline],
    );
    expect(stages.rows).toEqual([
      { name: "Visit", kind: "OPEN", buyer_stage: "CONSIDERATION", buyer_question: "Is it worth changing our supplier this year?", probability: 20, is_first_meeting: true, criteria: ["Need confirmed on site", "Decision maker met"] },
      { name: "Offer", kind: "OPEN", buyer_stage: null, buyer_question: null, probability: 0, is_first_meeting: false, criteria: [] },
      { name: "Won", kind: "WON", buyer_stage: null, buyer_question: null, probability: 100, is_first_meeting: false, criteria: [] },
      { name: "Lost", kind: "LOST", buyer_stage: null, buyer_question: null, probability: 0, is_first_meeting: false, criteria: [] },
    ]);
    const audited = await sql.query<{ action: string }>(`SELECT action FROM audit_log WHERE org_id = $1 AND id > $2 AND entity IN ('pipeline', 'stage', 'stage_criterion') ORDER BY id`, [org, auditBefore]);
    expect(audited.rows.map((r) => r.action)).toEqual(["pipeline.create", "stage.create", "stage.update", "criterion.create", "criterion.create", "stage.move", "stage.move"]);

    // Import a deals file into the new pipeline, in the browser.
    await page.goto("/import");
    await page.getByLabel("What the file holds").selectOption("deals");
    await page.getByLabel("Pipeline", { exact: true }).selectOption(NAME);
    await page.getByLabel(/Drop a CSV file/).setInputFiles(file);
    await page.getByRole("button", { name: "Read columns" }).click();
    await expect(page.getByRole("heading", { name: "Match the columns" })).toBeVisible();
    await page.getByRole("button", { name: "Preview", exact: true }).click();
    await expect(page.getByText(/The file can be imported/)).toBeVisible();
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Import finished" })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole("status")).toContainText("Imported 4 rows from field-sales.csv");
    const imported = await sql.query(
      `SELECT d.external_id, s.name AS stage, d.status FROM deal d JOIN stage s ON s.id = d.stage_id WHERE d.pipeline_id = $1 ORDER BY d.external_id`,
      [pipeline],
    );
    expect(imported.rows).toEqual([
      { external_id: "FS-1", stage: "Visit", status: "OPEN" },
      { external_id: "FS-2", stage: "Offer", status: "OPEN" },
      { external_id: "FS-3", stage: "Won", status: "WON" },
      { external_id: "FS-4", stage: "Lost", status: "LOST" },
    ]);

    // Visit now has history: removing it is refused with its counts, and it merges into Offer instead.
    await page.goto(`/admin/pipelines/${pipeline}`);
    await expect(page.getByRole("link", { name: "1 deal in it now" })).toHaveCount(2);
    await page.getByText("Remove or merge Visit").click();
    await expect(page.getByText(/“Visit” cannot simply be removed: 1 deal is in it now, \d+ more passed through it/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Remove Visit" })).toHaveCount(0);
    await expectNoAxeViolations(page);
    await page.getByLabel("Merge into").first().selectOption({ label: "Offer" });
    const mergeButton = page.getByRole("button", { name: "Merge Visit into the chosen stage" });
    await expect(mergeButton).toBeDisabled();
    await page.getByLabel(/I understand: the history of \d+ deals will be rewritten/).first().check();
    await mergeButton.click();
    await expect.poll(() => stageOrder(page)).toEqual(["Offer"]);
    const after = await sql.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE s.name = 'Offer')::int AS offer FROM deal d JOIN stage s ON s.id = d.stage_id WHERE d.pipeline_id = $1`, [pipeline]);
    expect(after.rows[0]).toEqual({ n: 4, offer: 2 });
    expect((await sql.query(`SELECT count(*)::int AS n FROM stage_criterion c JOIN stage s ON s.id = c.stage_id WHERE s.pipeline_id = $1`, [pipeline])).rows[0]).toEqual({ n: 2 });

    // The same pages in Russian.
    await context.addCookies([{ name: "NEXT_LOCALE", value: "ru", url: baseURL! }]);
    await page.goto("/admin/pipelines");
    await expect(page.getByRole("heading", { name: "Воронки и этапы", level: 1 })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.goto(`/admin/pipelines/${pipeline}`);
    await expect(page.getByRole("heading", { name: "Открытые этапы по порядку" })).toBeVisible();
    await expectNoAxeViolations(page);
  } finally {
    const ids = (await sql.query<{ id: number }>(`SELECT id FROM pipeline WHERE org_id = $1 AND name = $2`, [org, NAME])).rows.map((r) => r.id);
    await sql.query(`DELETE FROM deal WHERE pipeline_id = ANY($1)`, [ids]);
    await sql.query(`DELETE FROM pipeline WHERE id = ANY($1)`, [ids]);
    await sql.end();
  }
});

test("a manager gets the pipelines pages only while the organisation lets managers edit stage rules", async ({ page }) => {
  const sql = await connect();
  const org = await demoOrg(sql);
  const manager = (await sql.query<{ email: string }>(`SELECT email FROM app_user WHERE org_id = $1 AND role = 'MANAGER' AND active ORDER BY id LIMIT 1`, [org])).rows[0]!.email;
  try {
    await signIn(page, manager);
    const main = page.getByRole("navigation", { name: /main/i });
    await expect(main.getByRole("link", { name: "Pipelines" })).toHaveCount(0);
    expect((await page.goto("/admin/pipelines"))?.status()).toBe(404);

    await sql.query(`UPDATE organization SET managers_edit_stage_rules = true WHERE id = $1`, [org]);
    await page.goto("/dashboard");
    await main.getByRole("link", { name: "Pipelines" }).click();
    await expect(page.getByRole("heading", { name: "Pipelines and stages", level: 1 })).toBeVisible();
    // Only the pipelines section of the admin area, and no link to the deals behind the counts (their drill is team-scoped).
    await expect(page.getByRole("navigation", { name: "Administration sections" }).getByRole("link")).toHaveText(["Pipelines"]);
    await expect(page.getByRole("link", { name: /open deals? in New business/ })).toHaveCount(0);
    await expectNoAxeViolations(page);
    expect((await page.goto("/admin/users"))?.status()).toBe(404);
  } finally {
    await sql.query(`UPDATE organization SET managers_edit_stage_rules = false WHERE id = $1`, [org]);
    await sql.end();
  }
});
