// Browser uploads past the 10 MB Next buffers of a request that passes proxy.ts: an 11 MB file reaches the
// mapping step (sent in 1 MB chunks); a file over the 64 MB import limit is refused with a message naming it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/browser";

const MB = 1024 * 1024;

async function chooseFile(page: Page, file: string) {
  await page.goto("/import");
  await page.getByLabel("What the file holds").selectOption("deals");
  await page.getByLabel(/Drop a CSV file/).setInputFiles(file);
  await page.getByRole("button", { name: "Read columns" }).click();
}

test("an 11 MB CSV uploads and its columns are read; one over 64 MB is refused with the limit named", async ({ page }) => {
  test.setTimeout(120_000);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "upload-size-"));
  try {
    const big = path.join(folder, "big-deals.csv");
    const rows = ["id,name,owner,stage,amount"];
    for (let i = 0; rows.length * 40 < 11.5 * MB; i++) rows.push(`U-${i},Deal number ${i},Anna Lee,Qualify,${i % 9000}`);
    fs.writeFileSync(big, `${rows.join("\n")}\n`);
    expect(fs.statSync(big).size).toBeGreaterThan(11 * MB);
    await signIn(page, "admin@demo.test");
    await chooseFile(page, big);
    await expect(page.getByRole("heading", { name: "Match the columns" })).toBeVisible({ timeout: 60_000 });

    const huge = path.join(folder, "huge-deals.csv");
    fs.writeFileSync(huge, Buffer.alloc(65 * MB, "a"));
    await chooseFile(page, huge);
    await expect(page.getByRole("alert").filter({ hasText: /the file is 65\.0 MB; the limit is 64 MB: split it into smaller files/i })).toBeVisible();
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
