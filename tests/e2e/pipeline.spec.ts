// The pipeline view as a manager and a rep meet it: the board's stages with their value, a flag that filters the
// deals, the table, a deal that opens, only the rep's own deals for a rep, and no accessibility violations.
import { expect, test } from "@playwright/test";
import { demoLogins } from "../../prisma/seed";
import { expectNoAxeViolations, signIn } from "./support/browser";
import { connect } from "./support/database";

const logins = demoLogins();
const manager = logins.find((login) => login.role === "MANAGER" && login.team && !/SDR|Business/i.test(login.team))!;
const rep = logins.find((login) => login.role === "REP" && login.team === manager.team)!;
const teammates = logins.filter((login) => login.role === "REP" && login.team === manager.team && login.email !== rep.email);

test("a manager reads the board, filters by a flag, walks the table and opens a deal", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await signIn(page, manager.email);
  await page.goto("/pipeline");
  await expect(page.getByRole("heading", { level: 1, name: /pipeline/i })).toBeVisible();
  const summary = page.getByText(/\d+ open deals? worth/i);
  await expect(summary).toBeVisible();
  const total = Number((await summary.textContent())!.match(/(\d+) open deal/)![1]);
  expect(total).toBeGreaterThan(0);
  // Each stage's count opens its deals in the table; the counts add up to the total.
  const stageLinks = page.getByRole("link", { name: /: show them as a table$/ });
  let counted = 0;
  for (const label of await stageLinks.allTextContents()) counted += Number(label.match(/^(\d+|no) deal/)?.[1] ?? 0) || 0;
  expect(counted).toBe(total);
  await expectNoAxeViolations(page);

  const staleChip = page.getByRole("link", { name: /^stale \d+ — show these deals$/i });
  const stale = Number((await staleChip.textContent())!.match(/(\d+)/)![1]);
  await staleChip.click();
  await page.waitForURL(/flag=STALE/);
  await expect(page.getByText(new RegExp(`^${stale} open deals? worth`))).toBeVisible();

  await page.getByRole("link", { name: "Table", exact: true }).click();
  await page.waitForURL(/view=table/);
  const rows = page.getByRole("table", { name: /open deals, page/i }).getByRole("row");
  await expect(rows).toHaveCount(Math.min(stale, 50) + 1);
  for (const row of (await rows.all()).slice(1)) await expect(row).toContainText(/stale/i);
  await expectNoAxeViolations(page);

  const first = rows.nth(1).getByRole("link").first();
  const name = (await first.textContent())!.trim();
  await first.click();
  await page.waitForURL(/\/deals\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("heading", { name: /flags today/i })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: /meeting decisions/i })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a rep sees only their own open deals, in Russian too", async ({ page, context }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await signIn(page, rep.email);
  await page.goto("/pipeline?view=table");
  const table = page.getByRole("table", { name: /open deals, page/i });
  await expect(table).toBeVisible();
  await expect(page.getByLabel("Rep", { exact: true })).toHaveCount(0);
  const body = await table.textContent();
  for (const mate of teammates) expect(body).not.toContain(mate.name);
  await context.addCookies([{ name: "NEXT_LOCALE", value: "ru", url: page.url() }]);
  await page.goto("/pipeline");
  await expect(page.getByRole("heading", { level: 1, name: /воронка/i })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a won and a lost deal show their next step and criteria answers without a form to change them", async ({ page, context, baseURL }) => {
  const client = await connect();
  // The demo closes deals without a next step: give one won and one lost deal of the team a next step to show.
  const closed = await client.query<{ id: number; status: string; next_step: string }>(
    `UPDATE deal SET next_step = 'Closed with: ' || status::text
     WHERE id IN (SELECT DISTINCT ON (d.status) d.id FROM deal d JOIN rep r ON r.id = d.owner_id JOIN team t ON t.id = r.team_id
                  WHERE d.status <> 'OPEN' AND t.name = $1 ORDER BY d.status, d.id)
     RETURNING id, status::text AS status, next_step`,
    [manager.team],
  );
  await client.end();
  expect(closed.rows.map((row) => row.status).sort()).toEqual(["LOST", "WON"]);
  await signIn(page, manager.email);
  for (const locale of ["en", "ru"] as const) {
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    for (const deal of closed.rows) {
      await page.goto(`/deals/${deal.id}`);
      await expect(page.getByText(deal.next_step, { exact: true })).toBeVisible();
      await expect(page.locator("main form")).toHaveCount(0);
      await expect(page.getByRole("textbox")).toHaveCount(0);
      await expect(page.getByRole("radio")).toHaveCount(0);
      await expectNoAxeViolations(page);
    }
  }
});
