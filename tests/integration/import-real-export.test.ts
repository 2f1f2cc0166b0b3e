// Issue 13, point 4: the import as a real export arrives — reps and accounts before any pipeline, deals without a
// name or a creation date, managers who are not users yet, a dry run's exit code, progress that follows the rows.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportKind } from "@/lib/import/kinds/import-kinds";
import { importMessageText } from "@/lib/import/messages/import-message-text";
import { summaryNotes } from "@/lib/import/messages/summary-notes";
import { ImportFileError } from "@/lib/import/parse/import-file-error";
import { runImport, type ImportOptions } from "@/lib/import/run-import";
import { importMappingSchema, type ImportMappingInput } from "@/lib/validation/import-mapping";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";

const RUN_DIR = path.resolve(".data/test-runs", `import-real-export-${process.pid}`);

let database: ScratchDatabase;
let sql: pg.Client;
let orgId: number;

async function one<T>(query: string, values: unknown[] = []): Promise<T> {
  return (await sql.query(query, values)).rows[0] as T;
}

async function importCsv(kind: ImportKind, csv: string, options: Partial<ImportOptions> & { mappingInput?: ImportMappingInput } = {}) {
  const worker = new pg.Client({ connectionString: database.url });
  await worker.connect();
  try {
    return await runImport(worker, {
      kind,
      fileName: `${kind}.csv`,
      source: (async function* () {
        yield Buffer.from(csv);
      })(),
      mapping: importMappingSchema.parse(options.mappingInput ?? {}),
      orgId,
      ...options,
    });
  } finally {
    await worker.end();
  }
}

/** The import CLI on the test database: its exit code, stdout and stderr. */
function cli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "lib/cli/import.ts", ...args, "--org", "Fresh GmbH"], { env: { ...process.env, DATABASE_URL: database.url }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (status) => resolve({ status, stdout, stderr }));
  });
}

function writeFile(name: string, text: string): string {
  const file = path.join(RUN_DIR, name);
  fs.writeFileSync(file, text);
  return file;
}

/** The pipeline the deals below go into: three open stages, then Won and Lost. */
async function createPipeline(): Promise<void> {
  const pipeline = await one<{ id: number }>(`INSERT INTO pipeline (org_id, name) VALUES ($1, 'New business') RETURNING id`, [orgId]);
  await sql.query(
    `INSERT INTO stage (pipeline_id, name, position, kind) VALUES ($1, 'Qualify', 1, 'OPEN'), ($1, 'Demo', 2, 'OPEN'), ($1, 'Proposal', 3, 'OPEN'), ($1, 'Won', 4, 'WON'), ($1, 'Lost', 5, 'LOST')`,
    [pipeline.id],
  );
}

beforeAll(async () => {
  fs.mkdirSync(RUN_DIR, { recursive: true });
  database = await createMigratedDatabase();
  sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  // An organisation as `npm run user -- create` leaves it: an administrator, nothing else.
  orgId = (await one<{ id: number }>(`INSERT INTO organization (name) VALUES ('Fresh GmbH') RETURNING id`)).id;
  await sql.query(`INSERT INTO app_user (org_id, email, name, role) VALUES ($1, 'admin@fresh.test', 'Ada Admin', 'ADMIN')`, [orgId]);
}, 120_000);

afterAll(async () => {
  await sql?.end();
  await database?.drop();
  fs.rmSync(RUN_DIR, { recursive: true, force: true });
});

describe("an organisation without a pipeline", () => {
  it("imports accounts, and leads, quotas and coaching sessions", async () => {
    expect(await importCsv("accounts", "name,industry\nGlobex,Manufacturing\nInitech,Software\n")).toMatchObject({ imported: true, created: 2 });
    expect(await importCsv("quotas", "rep,periodStart,periodEnd,amount\nNina New,2025-01-01,2026-01-01,500000\n", { createMissing: ["reps"] })).toMatchObject({
      imported: true,
      created: 1,
      createdReps: 1,
    });
    // The file's end is the day after the period; the quota keeps the period's last day, as the KPI queries read it.
    expect(await one(`SELECT to_char(period_start, 'YYYY-MM-DD') AS start, to_char(period_end, 'YYYY-MM-DD') AS "end" FROM quota`)).toEqual({ start: "2025-01-01", end: "2025-12-31" });
  });

  it("still refuses a deals file, saying what to do first", async () => {
    const refused = importCsv("deals", "id,name,owner,stage,created\nD-1,Globex,Nina New,Qualify,2025-01-01\n");
    await expect(refused).rejects.toBeInstanceOf(ImportFileError);
    await expect(refused).rejects.toThrow(/^the organisation has no pipeline with stages yet: create one first \(npm run pipeline -- create/);
  });
});

describe("managers named in a reps file who are not users", () => {
  it("are refused without --create-missing managers, and the reason says how to add them", async () => {
    const summary = await importCsv("reps", "name,team,manager\nOtto Berg,Team East,lena.fischer@fresh.test\n");
    expect(summary).toMatchObject({ imported: false, created: 0, createdManagers: 0 });
    expect(summary.rejections.map((r) => ({ ...r, reason: importMessageText(r.reason) }))).toEqual([
      {
        row: 2,
        column: "manager",
        reason:
          'the manager "lena.fischer@fresh.test" is not a user of this organisation: create them first (npm run user -- create --role MANAGER, or Admin → Users), or use --create-missing managers to add them as managers without a password, to invite later',
      },
    ]);
    expect(await one(`SELECT count(*)::int AS n FROM app_user`)).toEqual({ n: 1 });
  });

  it("are created with it as MANAGER users without a password, shown as invited, managing their team, audited", async () => {
    const csv = "name,team,manager,managerEmail\nOtto Berg,Team East,lena.fischer@fresh.test,\nPia Lang,Team East,lena.fischer@fresh.test,\nJan Roth,Team West,Karl Vogt,karl.vogt@fresh.test\n";
    const summary = await importCsv("reps", csv, { createMissing: ["managers"] });
    expect(summary).toMatchObject({ imported: true, created: 3, createdManagers: 2, rejected: 0 });
    expect(summaryNotes(summary).map((note) => importMessageText(note))).toEqual(["2 managers were created without a password: send each an invitation link from Admin → Users"]);
    const managers = await sql.query(`SELECT email, name, role, active, password_hash FROM app_user WHERE role = 'MANAGER' ORDER BY email`);
    expect(managers.rows).toEqual([
      { email: "karl.vogt@fresh.test", name: "Karl Vogt", role: "MANAGER", active: false, password_hash: null },
      { email: "lena.fischer@fresh.test", name: "Lena Fischer", role: "MANAGER", active: false, password_hash: null },
    ]);
    const teams = await sql.query(`SELECT t.name, u.email FROM team t JOIN app_user u ON u.id = t.manager_id ORDER BY t.name`);
    expect(teams.rows).toEqual([
      { name: "Team East", email: "lena.fischer@fresh.test" },
      { name: "Team West", email: "karl.vogt@fresh.test" },
    ]);
    const audited = await sql.query(`SELECT a.after FROM audit_log a JOIN app_user u ON a.entity_id = u.id::text WHERE a.action = 'user.import_create' ORDER BY u.email`);
    expect(audited.rows.map((r) => r.after)).toEqual([
      { email: "karl.vogt@fresh.test", name: "Karl Vogt", role: "MANAGER", active: false },
      { email: "lena.fischer@fresh.test", name: "Lena Fischer", role: "MANAGER", active: false },
    ]);
  });

  it("cannot be created from a name alone, nor with an email another organisation signs in with", async () => {
    const other = await one<{ id: number }>(`INSERT INTO organization (name) VALUES ('Other AG') RETURNING id`);
    await sql.query(`INSERT INTO app_user (org_id, email, name, role) VALUES ($1, 'taken@other.test', 'Taken', 'MANAGER')`, [other.id]);
    const summary = await importCsv("reps", "name,team,manager\nEva Kern,Team South,Sven Ohne Mail\nIda Wolf,Team North,TAKEN@other.test\n", { createMissing: ["managers"] });
    expect(summary).toMatchObject({ imported: false, createdManagers: 0 });
    expect(summary.rejections.map((r) => [r.row, r.column, importMessageText(r.reason)])).toEqual([
      [2, "manager", 'the manager "Sven Ohne Mail" is not a user, and users sign in with an email: give their email in the manager column or a managerEmail column, or create the user first'],
      [3, "manager", "TAKEN@other.test already signs in to another organisation: give the manager another email"],
    ]);
  });

  it("from a manager's file are never created", async () => {
    const team = await one<{ id: number; manager_id: number }>(`SELECT id, manager_id FROM team WHERE name = 'Team East'`);
    const summary = await importCsv("reps", "name,manager\nUwe Neu,someone.new@fresh.test\n", {
      createMissing: ["managers"],
      createdById: team.manager_id,
      scope: { userId: team.manager_id, teamIds: [team.id] },
    });
    expect(summary).toMatchObject({ imported: false, createdManagers: 0 });
    expect(importMessageText(summary.rejections[0]!.reason)).toBe('the manager "someone.new@fresh.test" is not a user of this organisation; only an administrator can add users');
  });
});

describe("deals as an export gives them", () => {
  beforeAll(createPipeline);

  it("names a deal without a name by its account and id, or its id", async () => {
    const csv = "id,account,owner,stage,created\nD-1,Globex,Nina New,Qualify,2025-02-01\nD-2,,Nina New,Qualify,2025-02-01\n";
    expect(await importCsv("deals", csv)).toMatchObject({ imported: true, created: 2 });
    const names = await sql.query(`SELECT external_id, name FROM deal ORDER BY external_id`);
    expect(names.rows).toEqual([
      { external_id: "D-1", name: "Globex — D-1" },
      { external_id: "D-2", name: "D-2" },
    ]);
    // A file without a name column leaves a stored name alone; a row with neither name nor id is rejected.
    await sql.query(`UPDATE deal SET name = 'Globex rollout' WHERE external_id = 'D-1'`);
    expect(await importCsv("deals", "id,account,owner,stage,created\nD-1,Globex,Nina New,Demo,2025-02-01\n")).toMatchObject({ imported: true, updated: 1 });
    expect(await one(`SELECT name FROM deal WHERE external_id = 'D-1'`)).toEqual({ name: "Globex rollout" });
    const nameless = await importCsv("deals", "account,owner,stage,created\nGlobex,Nina New,Qualify,2025-02-01\n");
    expect(nameless.rejections.map((r) => [r.row, r.column, importMessageText(r.reason)])).toEqual([[2, "name", "a deal needs a name or an id; this row has neither"]]);
  });

  it("dates a deal without a creation date at its close date, never at the import time, and says so", async () => {
    const csv = "id,name,owner,stage,created,closed,amount\nW-1,Won undated,Nina New,Won,,2025-06-10,1000\nL-1,Lost undated,Nina New,Lost,,2025-07-01,500\nW-2,Won dated,Nina New,Won,2025-03-01,2025-05-01,700\n";
    const summary = await importCsv("deals", csv);
    expect(summary).toMatchObject({ imported: true, created: 3, undatedDeals: { total: 2, atCloseDate: 2, atDefault: 0, keptStored: 0, refused: 0 } });
    expect(summaryNotes(summary).map((note) => importMessageText(note))).toEqual(["2 deals had no creation date: 2 set to their close date (a sales cycle of 0 days)"]);
    const dates = await sql.query(`SELECT external_id, created_at = closed_at AS at_close FROM deal WHERE external_id IN ('W-1', 'L-1', 'W-2') ORDER BY external_id`);
    expect(dates.rows).toEqual([
      { external_id: "L-1", at_close: true },
      { external_id: "W-1", at_close: true },
      { external_id: "W-2", at_close: false },
    ]);
    // The synthesized history starts on that day too, not today.
    expect(await one(`SELECT min(c.at) = d.closed_at AS same FROM deal_stage_change c JOIN deal d ON d.id = c.deal_id WHERE d.external_id = 'W-1' GROUP BY d.closed_at`)).toEqual({ same: true });
  });

  it("rejects an open deal with no date to take, naming the way out; the mapping's default dates it", async () => {
    const csv = "id,name,owner,stage,created,closed\nO-1,Open undated,Nina New,Demo,,\nC-1,Closed before the default,Nina New,Won,,2024-11-20\nC-2,Closed after the default,Nina New,Won,,2025-04-02\n";
    const refused = await importCsv("deals", csv);
    expect(refused).toMatchObject({ imported: false, rejected: 1, undatedDeals: { total: 3, atCloseDate: 2, refused: 1 } });
    expect(refused.rejections.map((r) => [r.row, r.column, importMessageText(r.reason)])).toEqual([
      [2, "created", "an open deal needs its creation date: give it in the file, or one date for all such deals in the mapping's defaults.created"],
    ]);
    expect(summaryNotes(refused).map((note) => importMessageText(note))).toEqual([
      "3 deals had no creation date: 2 set to their close date (a sales cycle of 0 days), 1 open ones rejected (give their date in the file or in defaults.created)",
    ]);

    // With defaults.created: the open deal takes it; a deal that closed before it takes its close date (the earlier).
    const imported = await importCsv("deals", csv, { mappingInput: { defaults: { created: "2025-01-01" } } });
    expect(imported).toMatchObject({ imported: true, created: 3, undatedDeals: { total: 3, atDefault: 2, atCloseDate: 1, refused: 0 } });
    const dates = await sql.query(`SELECT external_id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS created FROM deal WHERE external_id IN ('O-1', 'C-1', 'C-2') ORDER BY external_id`);
    expect(dates.rows).toEqual([
      { external_id: "C-1", created: "2024-11-20" },
      { external_id: "C-2", created: "2025-01-01" },
      { external_id: "O-1", created: "2025-01-01" },
    ]);

    // Imported again without dates or default, the stored deals keep theirs.
    const again = await importCsv("deals", "id,name,owner,stage\nO-1,Open undated,Nina New,Demo\n");
    expect(again).toMatchObject({ imported: true, unchanged: 1, undatedDeals: { total: 1, keptStored: 1 } });
  });

  it("refuses a default the field cannot read, before any row", async () => {
    await expect(importCsv("deals", "id,name,owner,stage\nX-1,X,Nina New,Demo\n", { mappingInput: { defaults: { created: "soon" } } })).rejects.toThrow(
      'defaults.created "soon" cannot be read: "soon" is not a date in the format YYYY-MM-DD',
    );
  });
});

describe("the import CLI", () => {
  it("--dry-run exits 0 when the file would import, and writes nothing", async () => {
    const file = writeFile("dry-ok.csv", "id,name,owner,stage,created\nDRY-1,Dry run,Nina New,Qualify,2025-03-01\n");
    const run = await cli(["deals", file, "--dry-run"]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("▸ Dry run: the file would be imported (nothing written): dry-ok.csv as deals");
    expect(await one(`SELECT count(*)::int AS n FROM deal WHERE external_id = 'DRY-1'`)).toEqual({ n: 0 });
  });

  it("--dry-run exits 1 when it would not, with the rows and reasons", async () => {
    const file = writeFile("dry-bad.csv", "id,name,owner,stage,created\nDRY-2,Dry run,Nobody Known,Qualify,2025-03-01\n");
    const run = await cli(["deals", file, "--dry-run"]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("▸ Dry run: the file would not be imported: dry-bad.csv as deals");
    expect(run.stdout).toContain('row 2, column "owner": rep "Nobody Known" does not exist');
  });

  it("prints progress only for rows read: never a percentage with 0 rows, and 100% with every row", async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => `P-${i},Progress ${i},Nina New,Qualify,2025-03-01`);
    const file = writeFile("progress.csv", `id,name,owner,stage,created\n${rows.join("\n")}\n`);
    const run = await cli(["deals", file, "--dry-run"]);
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stderr.split("\n").filter((line) => /^\s+\d+% /.test(line));
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(line).not.toMatch(/ 0 rows/);
    // The file is read ahead of the rows; the percentage follows the rows, so it only reaches 100% at the end.
    expect(lines.filter((line) => /^\s+100% /.test(line))).toEqual(["  100% 30,000 rows"]);
    const progress = lines.map((line) => /^\s+(\d+)% ([\d,]+) rows?/.exec(line)!).map((m) => [Number(m[1]), Number(m[2]!.replace(/,/g, ""))] as const);
    for (const [percent, read] of progress) expect(Math.abs(percent - (read / 30_000) * 100)).toBeLessThan(10);
  });

  it("takes --create-missing managers for a reps file", async () => {
    const file = writeFile("reps.csv", "name,team,manager\nRia Sand,Team Sky,mia.blau@fresh.test\n");
    const run = await cli(["reps", file, "--create-missing", "managers"]);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain("1 manager was created without a password: send each an invitation link from Admin → Users");
    expect(await one(`SELECT role, password_hash FROM app_user WHERE email = 'mia.blau@fresh.test'`)).toEqual({ role: "MANAGER", password_hash: null });
  });
});
