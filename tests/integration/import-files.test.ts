import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ImportKind } from "@/lib/import/kinds/import-kinds";
import type { Rejection } from "@/lib/import/load/load-context";
import { quotedList } from "@/lib/import/messages/import-message";
import { importMessageText } from "@/lib/import/messages/import-message-text";
import { ImportFileError } from "@/lib/import/parse/import-file-error";
import { findPreset } from "@/lib/import/presets/import-presets";
import { runImport, type ImportOptions } from "@/lib/import/run-import";
import { importMappingSchema, type ImportMappingInput } from "@/lib/validation/import-mapping";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";

const FIXTURES = path.resolve("tests/fixtures/import");
const DATA_TABLES = ["rep", "team", "account", "lead", "deal", "deal_stage_change", "activity", "quota", "coaching_session"];
const STAGES = ["Qualify", "Discovery meeting", "Solution demo", "Proposal", "Negotiation", "Contract sent"];

let database: ScratchDatabase;
let client: pg.Client;
let orgId: number;

/** A small organisation with the demo's New business pipeline, two reps and a manager. */
async function createOrganisation(c: pg.ClientBase): Promise<number> {
  const { rows } = await c.query<{ id: number }>(`INSERT INTO organization (name, time_zone) VALUES ('Acme', 'Europe/Berlin') RETURNING id`);
  const org = (rows[0] as { id: number }).id;
  const pipeline = await c.query<{ id: number }>(`INSERT INTO pipeline (org_id, name, position) VALUES ($1, 'New business', 0), ($1, 'Renewals', 1) RETURNING id`, [org]);
  const [nb, ren] = pipeline.rows.map((r) => r.id);
  await c.query(
    `INSERT INTO stage (pipeline_id, name, position, kind) SELECT $1, name, ord, 'OPEN' FROM unnest($2::text[]) WITH ORDINALITY AS s(name, ord)`,
    [nb, STAGES],
  );
  await c.query(`INSERT INTO stage (pipeline_id, name, position, kind) VALUES ($1, 'Won', 7, 'WON'), ($1, 'Lost', 8, 'LOST')`, [nb]);
  await c.query(`INSERT INTO stage (pipeline_id, name, position, kind) VALUES ($1, 'Renewal due', 1, 'OPEN'), ($1, 'Renewed', 2, 'WON'), ($1, 'Churned', 3, 'LOST')`, [ren]);
  const manager = await c.query<{ id: number }>(`INSERT INTO app_user (org_id, email, name, role) VALUES ($1, 'maria@acme.test', 'Maria Manager', 'MANAGER') RETURNING id`, [org]);
  const team = await c.query<{ id: number }>(`INSERT INTO team (org_id, name, manager_id) VALUES ($1, 'Team North', $2) RETURNING id`, [org, manager.rows[0]?.id]);
  await c.query(`INSERT INTO rep (org_id, team_id, name, email, kind) VALUES ($1, $2, 'Anna Lee', 'anna@acme.test', 'AE'), ($1, $2, 'Boris Petrov', 'boris@acme.test', 'AE')`, [
    org,
    team.rows[0]?.id,
  ]);
  return org;
}

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of DATA_TABLES) {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`);
    out[table] = Number(rows[0]?.n);
  }
  return out;
}

/** Rejections with their reasons as the command line prints them. */
const inEnglish = (rejections: Rejection[]) => rejections.map((r) => ({ ...r, reason: importMessageText(r.reason) }));

async function importFile(kind: ImportKind, file: string, options: Partial<ImportOptions> & { mappingInput?: ImportMappingInput } = {}) {
  const full = path.isAbsolute(file) ? file : path.join(FIXTURES, file);
  const worker = new pg.Client({ connectionString: database.url });
  await worker.connect();
  try {
    return await runImport(worker, {
      kind,
      fileName: path.basename(full),
      source: fs.createReadStream(full),
      mapping: importMappingSchema.parse(options.mappingInput ?? {}),
      orgId,
      ...options,
    });
  } finally {
    await worker.end();
  }
}

beforeAll(async () => {
  database = await createMigratedDatabase();
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  orgId = await createOrganisation(client);
});

afterAll(async () => {
  await client?.end();
  await database?.drop();
});

describe("bad files: each says exactly what is wrong and writes nothing", () => {
  let before: Record<string, number>;
  beforeAll(async () => {
    before = await counts();
  });
  afterEach(async () => {
    expect(await counts()).toEqual(before);
  });

  it.each([
    ["empty.csv", "the file is empty"],
    ["header-only.csv", "the file has a header row but no data rows"],
    ["wrong-delimiter.csv", 'the header is one column "id|name|owner|stage|amount|created": the file is not separated by commas, semicolons or tabs'],
    ["duplicated-headers.csv", 'the header names the column "amount" twice (columns 5 and 6)'],
    ["binary.png", "the file is not CSV text: it contains binary data"],
    [
      "unknown-stage.csv",
      'unknown stage values "Prospecting", "Verbal yes"; map them in values.stage onto the stages of "New business": Qualify, Discovery meeting, Solution demo, Proposal, Negotiation, Contract sent, Won (WON), Lost (LOST)',
    ],
  ])("%s → %s", async (file, message) => {
    await expect(importFile("deals", file)).rejects.toThrow(message);
  });

  it.each([
    ["unknown-rep.csv", { row: 3, column: "owner", reason: 'rep "Carla Gomez" does not exist; import reps first or use --create-missing reps' }],
    ["negative-amount.csv", { row: 3, column: "amount", reason: "the amount -2500 is negative" }],
    ["close-before-create.csv", { row: 3, column: "closed", reason: "the close date 2025-03-02 is before the create date 2025-03-10" }],
  ])("%s → one rejected row, the reason and its column", async (file, rejection) => {
    const summary = await importFile("deals", file);
    expect(summary.imported).toBe(false);
    expect(inEnglish(summary.rejections)).toEqual([rejection]);
    expect(summary.error && importMessageText(summary.error)).toBe("1 row(s) rejected, nothing imported (use --skip-invalid to import the valid rows)");
    expect([summary.created, summary.updated, summary.unchanged, summary.rejected]).toEqual([0, 0, 0, 1]);
  });

  it("gives each problem as a code with its parameters, for the wizard to say in the viewer's language", async () => {
    const error = await importFile("deals", "unknown-stage.csv").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as ImportFileError).importMessage).toMatchObject({
      code: "unknownStages",
      params: { values: quotedList(["Prospecting", "Verbal yes"]), pipeline: "New business", stages: [...STAGES, { code: "stageWithKind", params: { name: "Won", kind: "WON" } }, { code: "stageWithKind", params: { name: "Lost", kind: "LOST" } }] },
    });
    const summary = await importFile("deals", "unknown-rep.csv");
    expect(summary.rejections).toEqual([{ row: 3, column: "owner", reason: { code: "unknownRep", params: { name: "Carla Gomez" } } }]);
    expect(summary.error).toEqual({ code: "rowsRejected", params: { count: 1 } });
  });

  it("refuses a file over the size limit before reading it", async () => {
    const { checkFileSize } = await import("@/lib/import/check-file-size");
    const file = path.resolve(".data/test-runs", `big-${process.pid}.csv`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const line = "D-x,A deal with a long enough name to fill the line,Anna Lee,Qualify,2025-01-01\n";
    const block = line.repeat(Math.ceil((1024 * 1024) / line.length));
    const fd = fs.openSync(file, "w");
    fs.writeSync(fd, "id,name,owner,stage,created\n");
    for (let i = 0; i < 100; i++) fs.writeSync(fd, block);
    fs.closeSync(fd);
    try {
      expect(() => checkFileSize(fs.statSync(file).size)).toThrow("the file is 100.0 MB; the limit is 64 MB: split it into smaller files");
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});

describe("deals", () => {
  it("imports a plain file, matching rep names ignoring case and spaces, and synthesizes stage histories", async () => {
    const summary = await importFile("deals", "deals-basic.csv", { createMissing: ["accounts"] });
    expect(summary).toMatchObject({ imported: true, rows: 4, created: 4, updated: 0, unchanged: 0, rejected: 0, synthesizedHistories: 4, createdAccounts: 4 });
    const { rows } = await client.query(
      `SELECT d.external_id, d.status, d.amount::text, r.name AS owner, c.name AS closed_owner, d.lost_reason, d.closed_at
         FROM deal d JOIN rep r ON r.id = d.owner_id LEFT JOIN rep c ON c.id = d.closed_owner_id ORDER BY d.external_id`,
    );
    expect(rows.map((r) => [r.external_id, r.status, r.amount, r.owner, r.closed_owner, r.lost_reason])).toEqual([
      ["D-1", "WON", "48000.00", "Anna Lee", "Anna Lee", null],
      ["D-2", "LOST", "12500.50", "Anna Lee", "Anna Lee", "Price"],
      ["D-3", "OPEN", "9000.00", "Boris Petrov", null, null],
      ["D-4", "OPEN", null, "Boris Petrov", null, null],
    ]);
    // Dates are days in the organisation's zone: midnight in Berlin.
    expect((rows[0].closed_at as Date).toISOString()).toBe("2025-03-13T23:00:00.000Z");
  });

  it("synthesizes histories as KPI.md says: every stage up to the current at createdAt, the closed stage at closedAt", async () => {
    const { rows } = await client.query<{ deal: string; path: string }>(
      `SELECT d.external_id AS deal, string_agg(s.name || '@' || to_char(c.at AT TIME ZONE 'Europe/Berlin', 'MM-DD') || (CASE WHEN c.from_stage_id IS NULL THEN '' ELSE '' END), ' > ' ORDER BY c.at, c.id) AS path
         FROM deal_stage_change c JOIN deal d ON d.id = c.deal_id JOIN stage s ON s.id = c.to_stage_id WHERE c.synthesized GROUP BY d.external_id ORDER BY 1`,
    );
    expect(rows).toEqual([
      { deal: "D-1", path: "Qualify@02-01 > Discovery meeting@02-01 > Solution demo@02-01 > Proposal@02-01 > Negotiation@02-01 > Contract sent@02-01 > Won@03-14" },
      { deal: "D-2", path: "Qualify@01-10 > Lost@02-20" },
      { deal: "D-3", path: "Qualify@04-02 > Discovery meeting@04-02 > Solution demo@04-02 > Proposal@04-02" },
      { deal: "D-4", path: "Qualify@05-05" },
    ]);
    const chained = await client.query(`SELECT count(*)::int AS n FROM deal_stage_change WHERE from_stage_id IS NULL`);
    expect(chained.rows[0].n).toBe(4);
  });

  it("is idempotent: the same file again changes nothing", async () => {
    const before = await client.query(`SELECT id, updated_at FROM deal ORDER BY id`);
    const history = await client.query(`SELECT id FROM deal_stage_change ORDER BY id`);
    const summary = await importFile("deals", "deals-basic.csv");
    expect(summary).toMatchObject({ imported: true, created: 0, updated: 0, unchanged: 4, synthesizedHistories: 0 });
    expect((await client.query(`SELECT id, updated_at FROM deal ORDER BY id`)).rows).toEqual(before.rows);
    expect((await client.query(`SELECT id FROM deal_stage_change ORDER BY id`)).rows).toEqual(history.rows);
  });

  it("updates what changed and redoes the synthesized history of a deal that moved", async () => {
    const file = path.resolve(".data/test-runs", `moved-${process.pid}.csv`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, "id,name,owner,stage,created\nD-4,Hooli expansion,Boris Petrov,Negotiation,2025-05-05\n");
    try {
      const summary = await importFile("deals", file);
      expect(summary).toMatchObject({ created: 0, updated: 1, unchanged: 0, synthesizedHistories: 1 });
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM deal_stage_change c JOIN deal d ON d.id = c.deal_id WHERE d.external_id = 'D-4'`);
      expect(rows[0].n).toBe(5);
      // Fields the file does not map (amount, type, account) keep their values.
      const deal = await client.query(`SELECT type, account_id IS NOT NULL AS has_account FROM deal WHERE external_id = 'D-4'`);
      expect(deal.rows[0]).toEqual({ type: "EXPANSION", has_account: true });
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it("with --skip-invalid, imports the valid rows and reports the rejected ones", async () => {
    const summary = await importFile("deals", "negative-amount.csv", { skipInvalid: true });
    // D-1 is already in from the plain file: it is updated, D-2 is rejected.
    expect(summary).toMatchObject({ imported: true, created: 0, updated: 1, rejected: 1 });
    expect(inEnglish(summary.rejections)).toEqual([{ row: 3, column: "amount", reason: "the amount -2500 is negative" }]);
  });

  it("creates missing reps when asked", async () => {
    const summary = await importFile("deals", "unknown-rep.csv", { createMissing: ["reps"] });
    expect(summary).toMatchObject({ imported: true, createdReps: 1, rejected: 0 });
    const { rows } = await client.query(`SELECT kind FROM rep WHERE name = 'Carla Gomez'`);
    expect(rows).toEqual([{ kind: "AE" }]);
  });

  it("records each run", async () => {
    const { rows } = await client.query(`SELECT status, count(*)::int AS n FROM import_run GROUP BY status ORDER BY status`);
    expect(rows.find((r) => r.status === "SUCCEEDED")?.n).toBeGreaterThan(0);
  });
});

describe("presets: a realistic export of each CRM imports end to end", () => {
  it.each([
    ["salesforce", "salesforce-opportunities.csv", { created: 4, won: 1, lost: 1 }],
    ["hubspot", "hubspot-deals.csv", { created: 3, won: 1, lost: 1 }],
    ["pipedrive", "pipedrive-deals.csv", { created: 3, won: 1, lost: 1 }],
    ["amocrm", "amocrm-deals.csv", { created: 3, won: 1, lost: 1 }],
  ])("%s", async (preset, file, expected) => {
    const mapping = findPreset(preset)?.mapping;
    const summary = await importFile("deals", file, { mapping, createMissing: ["reps", "accounts"] });
    expect(summary.rejections).toEqual([]);
    expect(summary).toMatchObject({ imported: true, created: expected.created, synthesizedHistories: expected.created });
    const again = await importFile("deals", file, { mapping, createMissing: ["reps", "accounts"] });
    expect(again).toMatchObject({ imported: true, created: 0, unchanged: expected.created });
  });

  it("reads the Salesforce quirks: US dates, USD amounts, quoted newlines and quotes", async () => {
    const { rows } = await client.query(`SELECT name, amount::text, next_step, expected_close_at, forecast_category, type FROM deal WHERE external_id = '0065g00000AbCdE3'`);
    expect(rows[0]).toMatchObject({ name: "Umbrella - Pilot, phase 1", amount: "9000.00", next_step: "Send the proposal\nto procurement", forecast_category: "BEST_CASE", type: "NEW" });
    const hooli = await client.query(`SELECT name, type FROM deal WHERE external_id = '0065g00000AbCdE4'`);
    expect(hooli.rows[0]).toEqual({ name: 'Hooli - "Enterprise" expansion', type: "EXPANSION" });
  });

  it("reads the amoCRM quirks: Windows-1251, semicolons, DD.MM.YYYY, spaces and comma decimals", async () => {
    const { rows } = await client.query(`SELECT d.name, d.amount::text, d.status, r.name AS owner FROM deal d JOIN rep r ON r.id = d.owner_id WHERE d.external_id IN ('5501', '5502') ORDER BY d.external_id`);
    expect(rows).toEqual([
      { name: "Внедрение CRM для «Ромашки»", amount: "480000.00", status: "WON", owner: "Анна Ли" },
      { name: "Продление поддержки", amount: "12500.50", status: "LOST", owner: "Анна Ли" },
    ]);
  });

  it("reads Pipedrive's status column over its stage", async () => {
    const { rows } = await client.query(`SELECT d.external_id, d.status, d.lost_reason FROM deal d WHERE d.external_id IN ('101', '102', '103') ORDER BY 1`);
    expect(rows).toEqual([
      { external_id: "101", status: "WON", lost_reason: null },
      { external_id: "102", status: "LOST", lost_reason: "Price too high" },
      { external_id: "103", status: "OPEN", lost_reason: null },
    ]);
  });
});
