// The import wizard's route handlers: the suggested mapping, upload → preview → import with its summary and
// audit row, a manager limited to their teams' reps (their rows outside rejected with nothing written; created
// reps join their team), and a rep refused outright. tests/integration/import-scope*.test.ts cover the scope in full.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { mintViewer, type Viewer } from "@/lib/auth/viewer";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import type { ImportMessage } from "@/lib/import/messages/import-message";
import { importMessageText } from "@/lib/import/messages/import-message-text";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";

const holder = vi.hoisted(() => ({ client: undefined as unknown as PrismaClient, viewer: null as Viewer | null }));
vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined, set: () => {} }), headers: async () => new Headers() }));
vi.mock("@/lib/i18n/get-locale", () => ({ getLocale: async () => "en" }));
vi.mock("@/lib/auth/get-viewer", () => ({ getViewer: async () => holder.viewer }));
vi.mock("@/lib/db/client", () => ({
  db: new Proxy({}, { get: (_target, property) => Reflect.get(holder.client, property, holder.client) }),
}));

const FIXTURES = path.resolve("tests/fixtures/import");
const STAGES = ["Qualify", "Discovery meeting", "Solution demo", "Proposal", "Negotiation", "Contract sent"];

let database: ScratchDatabase;
let sql: pg.Client;
let dataDir: string;
let fx: { orgId: number; admin: Viewer; managerX: Viewer; managerY: Viewer; rep: Viewer; teamX: number; teamY: number };

type Routes = {
  upload: typeof import("@/app/api/import/upload/route");
  uploadChunk: typeof import("@/app/api/import/upload/[id]/chunks/[seq]/route");
  uploadFinish: typeof import("@/app/api/import/upload/[id]/route");
  preview: typeof import("@/app/api/import/preview/route");
  run: typeof import("@/app/api/import/run/route");
  job: typeof import("@/app/api/import/jobs/[id]/route");
  rejections: typeof import("@/app/api/import/jobs/[id]/rejections/route");
  presets: typeof import("@/app/api/import/presets/route");
};
let routes: Routes;

async function one<T>(query: string, values: unknown[] = []): Promise<T> {
  const { rows } = await sql.query(query, values);
  return rows[0] as T;
}

async function count(table: string): Promise<number> {
  return Number((await one<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`)).n);
}

/** Sends a file as the wizard does (start, one PUT per chunk, finish); the first refusal is returned as it came. */
async function sendFile(kind: string, fileName: string, bytes: Uint8Array, onChunk: (bytes: number) => void = () => {}): Promise<Response> {
  const started = await routes.upload.POST(jsonRequest("/api/import/upload", { fileName, size: bytes.length }));
  if (!started.ok) return started;
  const { uploadId, chunkBytes, chunks } = (await started.json()) as { uploadId: string; chunkBytes: number; chunks: number };
  for (let seq = 0; seq < chunks; seq++) {
    const body = bytes.slice(seq * chunkBytes, (seq + 1) * chunkBytes);
    onChunk(body.length);
    const sent = await routes.uploadChunk.PUT(chunkRequest(uploadId, seq, body), { params: Promise.resolve({ id: uploadId, seq: String(seq) }) });
    if (!sent.ok) return sent;
  }
  return finishUpload(uploadId, kind);
}

function chunkRequest(uploadId: string, seq: number, body: Uint8Array): Request {
  return new Request(`http://localhost/api/import/upload/${uploadId}/chunks/${seq}`, { method: "PUT", headers: { "Content-Type": "application/octet-stream", Origin: "http://localhost" }, body: body as Uint8Array<ArrayBuffer> });
}

function finishUpload(uploadId: string, kind: string): Promise<Response> {
  return routes.uploadFinish.POST(jsonRequest(`/api/import/upload/${uploadId}`, { kind }), { params: Promise.resolve({ id: uploadId }) });
}

function upload(kind: string, file: string, body?: string): Promise<Response> {
  return sendFile(kind, file, body === undefined ? fs.readFileSync(path.join(FIXTURES, file)) : new TextEncoder().encode(body));
}

function jsonRequest(url: string, body: unknown): Request {
  return new Request(`http://localhost${url}`, { method: "POST", headers: { Origin: "http://localhost", "Content-Type": "application/json" }, body: JSON.stringify(body) });
}

interface Inspection {
  uploadId: string;
  columns: string[];
  suggestion: { preset: string | null; mapping: { columns: Record<string, string> } & Record<string, unknown> };
}

/** Upload → import as `viewer` through the routes, waiting for the job; returns its final state. */
async function importThroughRoutes(viewer: Viewer, kind: string, file: string, options: { body?: string; createMissing?: string[]; skipInvalid?: boolean } = {}) {
  holder.viewer = viewer;
  const uploaded = await upload(kind, file, options.body);
  expect(uploaded.status).toBe(200);
  const inspection = (await uploaded.json()) as Inspection;
  const input = { uploadId: inspection.uploadId, kind, mapping: inspection.suggestion.mapping, createMissing: options.createMissing ?? [], skipInvalid: options.skipInvalid ?? false };
  const started = await routes.run.POST(jsonRequest("/api/import/run", input));
  expect(started.status).toBe(200);
  const { jobId } = (await started.json()) as { jobId: string };
  for (let i = 0; i < 400; i++) {
    const polled = await routes.job.GET(new Request(`http://localhost/api/import/jobs/${jobId}`), { params: Promise.resolve({ id: jobId }) });
    const job = (await polled.json()) as { status: string; outcome?: { ok: boolean; error?: ImportMessage; summary?: Record<string, unknown> & { rejections?: unknown[]; error?: ImportMessage } } };
    if (job.status === "done") return { jobId, job, inspection };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the import did not finish");
}

beforeAll(async () => {
  database = await createMigratedDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "import-ui-"));
  process.env.DATA_DIR = dataDir;
  process.env.DATABASE_URL = database.url;
  process.env.NEXTAUTH_SECRET ??= "x".repeat(40);
  holder.client = createPrismaClient(database.url);
  sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  const orgId = (await one<{ id: number }>(`INSERT INTO organization (name, time_zone) VALUES ('Acme', 'UTC') RETURNING id`)).id;
  const nb = (await one<{ id: number }>(`INSERT INTO pipeline (org_id, name, position) VALUES ($1, 'New business', 0) RETURNING id`, [orgId])).id;
  await sql.query(`INSERT INTO stage (pipeline_id, name, position, kind) SELECT $1, name, ord, 'OPEN' FROM unnest($2::text[]) WITH ORDINALITY AS s(name, ord)`, [nb, STAGES]);
  await sql.query(`INSERT INTO stage (pipeline_id, name, position, kind) VALUES ($1, 'Won', 7, 'WON'), ($1, 'Lost', 8, 'LOST')`, [nb]);
  const user = (email: string, name: string, role: string) => one<{ id: number }>(`INSERT INTO app_user (org_id, email, name, role) VALUES ($1, $2, $3, $4) RETURNING id`, [orgId, email, name, role]);
  const admin = await user("admin@acme.test", "Ada Admin", "ADMIN");
  const mx = await user("xavier@acme.test", "Xavier Manager", "MANAGER");
  const my = await user("yana@acme.test", "Yana Manager", "MANAGER");
  const ru = await user("anna@acme.test", "Anna Lee", "REP");
  const teamX = (await one<{ id: number }>(`INSERT INTO team (org_id, name, manager_id) VALUES ($1, 'Team X', $2) RETURNING id`, [orgId, mx.id])).id;
  const teamY = (await one<{ id: number }>(`INSERT INTO team (org_id, name, manager_id) VALUES ($1, 'Team Y', $2) RETURNING id`, [orgId, my.id])).id;
  const anna = (await one<{ id: number }>(`INSERT INTO rep (org_id, team_id, user_id, name, email, kind) VALUES ($1, $2, $3, 'Anna Lee', 'anna@acme.test', 'AE') RETURNING id`, [orgId, teamX, ru.id])).id;
  await sql.query(`INSERT INTO rep (org_id, team_id, name, email, kind) VALUES ($1, $2, 'Boris Petrov', 'boris@acme.test', 'AE')`, [orgId, teamY]);
  const viewer = (userId: number, role: "ADMIN" | "MANAGER" | "REP", teamIds: number[], repId: number | null = null) =>
    mintViewer({ userId, orgId, role, repId, teamIds, name: role, email: `${role}@acme.test`, locale: "en" });
  fx = { orgId, teamX, teamY, admin: viewer(admin.id, "ADMIN", []), managerX: viewer(mx.id, "MANAGER", [teamX]), managerY: viewer(my.id, "MANAGER", [teamY]), rep: viewer(ru.id, "REP", [teamX], anna) };
  routes = {
    upload: await import("@/app/api/import/upload/route"),
    uploadChunk: await import("@/app/api/import/upload/[id]/chunks/[seq]/route"),
    uploadFinish: await import("@/app/api/import/upload/[id]/route"),
    preview: await import("@/app/api/import/preview/route"),
    run: await import("@/app/api/import/run/route"),
    job: await import("@/app/api/import/jobs/[id]/route"),
    rejections: await import("@/app/api/import/jobs/[id]/rejections/route"),
    presets: await import("@/app/api/import/presets/route"),
  };
}, 120_000);

afterAll(async () => {
  await sql?.end();
  await holder.client?.$disconnect();
  await database?.drop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("import routes", () => {
  it("suggests the Salesforce preset for a Salesforce opportunity report, spelled as the file spells it", async () => {
    holder.viewer = fx.admin;
    const response = await upload("deals", "salesforce-opportunities.csv");
    expect(response.status).toBe(200);
    const body = (await response.json()) as Inspection & { encoding: string; delimiter: string };
    expect(body.encoding).toBe("utf-8");
    expect(body.delimiter).toBe(",");
    expect(body.suggestion.preset).toBe("salesforce");
    expect(body.suggestion.mapping.columns).toMatchObject({ id: "Opportunity ID", name: "Opportunity Name", owner: "Opportunity Owner", stage: "Stage", closeDate: "Close Date" });
    expect(body.suggestion.mapping).toMatchObject({ dateFormat: "M/D/YYYY" });
  });

  it("matches a header without a preset by field names and aliases", async () => {
    const { suggestMapping } = await import("@/lib/data/import-suggest-mapping");
    const suggestion = suggestMapping("deals", ["Deal Name", "Owner", "Company", "Deal Stage", "Create Date", "Expected close", "Value"]);
    expect(suggestion.preset).toBeNull();
    expect(suggestion.mapping.columns).toEqual({ name: "Deal Name", owner: "Owner", account: "Company", stage: "Deal Stage", created: "Create Date", expectedClose: "Expected close", amount: "Value" });
  });

  it("previews the first rows cell by cell and dry-runs the whole file without writing", async () => {
    holder.viewer = fx.admin;
    const uploaded = (await (await upload("deals", "unknown-stage.csv")).json()) as Inspection;
    const before = await count("deal");
    const response = await routes.preview.POST(jsonRequest("/api/import/preview", { uploadId: uploaded.uploadId, kind: "deals", mapping: uploaded.suggestion.mapping }));
    expect(response.status).toBe(200);
    const preview = (await response.json()) as { rows: { row: number; cells: Record<string, { value?: string }> }[]; dryRun: { ok: boolean; error: ImportMessage } };
    expect(preview.rows[0]).toMatchObject({ row: 2, cells: { name: { value: "Globex" }, stage: { value: "Qualify" } } });
    expect(preview.dryRun.ok).toBe(false);
    expect(preview.dryRun.error.code).toBe("unknownStages");
    expect(importMessageText(preview.dryRun.error)).toContain('unknown stage values "Prospecting", "Verbal yes"; map them in values.stage onto the stages of "New business": Qualify, Discovery meeting');
    expect(await count("deal")).toBe(before);
  });

  it("imports as the admin: the CLI's summary, an import_run and an audit row, the upload deleted", async () => {
    const [runs, audits] = [await count("import_run"), await count("audit_log")];
    const { job, inspection } = await importThroughRoutes(fx.admin, "deals", "deals-basic.csv", { createMissing: ["accounts"] });
    expect(job.outcome?.ok).toBe(true);
    expect(job.outcome?.summary).toMatchObject({ imported: true, rejected: 0 });
    expect(Number(job.outcome?.summary?.created)).toBeGreaterThan(0);
    expect(await one<{ status: string }>(`SELECT status FROM import_run WHERE file_name = 'deals-basic.csv' ORDER BY id DESC LIMIT 1`)).toEqual({ status: "SUCCEEDED" });
    const audit = await one<{ action: string; after: { kind: string; created: number } }>(`SELECT action, after FROM audit_log WHERE entity = 'import_run' ORDER BY id DESC LIMIT 1`);
    expect(audit).toMatchObject({ action: "import.run", after: { kind: "deals" } });
    // One import_run row (the job's own), one audit row for the run and one for each record it created.
    const created = Number(job.outcome?.summary?.created) + Number(job.outcome?.summary?.createdAccounts);
    expect([await count("import_run"), await count("audit_log")]).toEqual([runs + 1, audits + 1 + created]);
    expect(await one(`SELECT count(*)::int AS n FROM import_upload WHERE id = $1`, [inspection.uploadId])).toEqual({ n: 0 });
  });

  it("offers the rejected rows as CSV", async () => {
    const body = "id,name,owner,stage,amount,created\nR-1,Good,Anna Lee,Qualify,100,2025-03-01\nR-2,Bad,Anna Lee,Qualify,-5,2025-03-01\n";
    const { jobId, job } = await importThroughRoutes(fx.admin, "deals", "rejects.csv", { body, skipInvalid: true });
    expect(job.outcome?.summary).toMatchObject({ imported: true, created: 1, rejected: 1 });
    const csv = await (await routes.rejections.GET(new Request(`http://localhost/api/import/jobs/${jobId}/rejections`), { params: Promise.resolve({ id: jobId }) })).text();
    expect(csv).toBe("row,column,reason\r\n3,amount,the amount -5 is negative\r\n");
    // The same job's rejected rows for an admin reading Russian: the reasons in Russian.
    holder.viewer = mintViewer({ ...fx.admin, locale: "ru" });
    const russian = await (await routes.rejections.GET(new Request(`http://localhost/api/import/jobs/${jobId}/rejections`), { params: Promise.resolve({ id: jobId }) })).text();
    expect(russian).toBe("row,column,reason\r\n3,amount,сумма -5 отрицательная\r\n");
  });

  it("tells a Russian-speaking admin in Russian what is wrong with the file: an unknown stage, a binary file", async () => {
    holder.viewer = mintViewer({ ...fx.admin, locale: "ru" });
    const uploaded = (await (await upload("deals", "unknown-stage.csv")).json()) as Inspection;
    const response = await routes.preview.POST(jsonRequest("/api/import/preview", { uploadId: uploaded.uploadId, kind: "deals", mapping: uploaded.suggestion.mapping }));
    const preview = (await response.json()) as { dryRun: { ok: false; error: ImportMessage } };
    // The wizard formats the code with the page's catalogue, as importMessageText does with messages/ru.json.
    expect(importMessageText(preview.dryRun.error, "ru")).toBe(
      "неизвестные этапы «Prospecting», «Verbal yes»; сопоставьте их в values.stage с этапами воронки «New business»: " +
        "Qualify, Discovery meeting, Solution demo, Proposal, Negotiation, Contract sent, Won (WON), Lost (LOST)",
    );
    const refused = await upload("deals", "binary.png");
    expect(refused.status).toBe(422);
    expect(await refused.json()).toEqual({ error: "FILE", message: "это не текстовый CSV-файл: в нём двоичные данные", importMessage: { code: "binaryFile", params: {} } });
  });

  it("refuses a manager's file that names a rep of another team, and writes nothing", async () => {
    const body = "id,name,owner,stage,created\nM-1,Ours,Anna Lee,Qualify,2025-03-01\nM-2,Theirs,Boris Petrov,Qualify,2025-03-01\n";
    const [deals, runs] = [await count("deal"), await count("import_run")];
    const { job } = await importThroughRoutes(fx.managerX, "deals", "other-team.csv", { body });
    // The row is rejected by its number and column; the reason names nothing of the other team.
    expect(job.outcome).toMatchObject({ ok: true, summary: { imported: false, rejected: 1, rejections: [{ row: 3, column: "owner", reason: { code: "repOutsideScope", params: {} } }] } });
    // The audit log keeps the reason in English, as the command line would print it.
    expect(await one(`SELECT after->>'error' AS error FROM audit_log WHERE action = 'import.fail' ORDER BY id DESC LIMIT 1`)).toEqual({
      error: "1 row(s) rejected, nothing imported (use --skip-invalid to import the valid rows)",
    });
    expect(await count("deal")).toBe(deals);
    expect(await one<{ status: string }>(`SELECT status FROM import_run ORDER BY id DESC LIMIT 1`)).toEqual({ status: "FAILED" });
    expect(await count("import_run")).toBe(runs + 1);
  });

  it("refuses a manager's file that takes over another team's deal by its id, and writes nothing", async () => {
    const theirs = "id,name,owner,stage,created\nY-1,Their deal,Boris Petrov,Qualify,2025-03-01\n";
    expect((await importThroughRoutes(fx.admin, "deals", "their-deal.csv", { body: theirs })).job.outcome?.ok).toBe(true);
    const ownerBefore = await one<{ owner_id: number }>(`SELECT owner_id FROM deal WHERE external_id = 'Y-1'`);
    const takeover = "id,name,owner,stage\nY-1,Their deal,Anna Lee,Qualify\n";
    const { job } = await importThroughRoutes(fx.managerX, "deals", "takeover.csv", { body: takeover });
    expect(job.outcome).toMatchObject({ ok: true, summary: { imported: false, rejections: [{ row: 2, column: "id", reason: { code: "recordOutsideScope", params: {} } }] } });
    expect(JSON.stringify(job.outcome)).not.toContain("Their deal");
    expect(await one<{ owner_id: number }>(`SELECT owner_id FROM deal WHERE external_id = 'Y-1'`)).toEqual(ownerBefore);
  });

  it("lets a manager import their own team's deals and puts the reps they create in their team", async () => {
    const body = "id,name,owner,stage,created\nN-1,Ours,Anna Lee,Qualify,2025-03-01\nN-2,New rep's,Carla Novak,Qualify,2025-03-01\n";
    const { job } = await importThroughRoutes(fx.managerX, "deals", "own-team.csv", { body, createMissing: ["reps"] });
    expect(job.outcome?.ok).toBe(true);
    expect(job.outcome?.summary).toMatchObject({ imported: true, created: 2, createdReps: 1 });
    expect(await one<{ team_id: number }>(`SELECT team_id FROM rep WHERE name = 'Carla Novak'`)).toEqual({ team_id: fx.teamX });
  });

  it("refuses a manager's reps file that moves a rep into another team", async () => {
    const body = "name,email,team\nAnna Lee,anna@acme.test,Team Y\n";
    const { job } = await importThroughRoutes(fx.managerX, "reps", "move.csv", { body });
    expect(job.outcome).toMatchObject({ ok: true, summary: { imported: false, rejections: [{ row: 2, column: "team", reason: { code: "teamOutsideScope", params: {} } }] } });
    expect(await one<{ team_id: number }>(`SELECT team_id FROM rep WHERE name = 'Anna Lee'`)).toEqual({ team_id: fx.teamX });
  });

  it("forbids a rep every import route", async () => {
    holder.viewer = fx.rep;
    const stored = await count("import_upload");
    const refused = await upload("deals", "deals-basic.csv");
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: "FORBIDDEN" });
    const run = await routes.run.POST(jsonRequest("/api/import/run", { uploadId: "00000000-0000-4000-8000-000000000000", kind: "deals", mapping: {} }));
    expect(run.status).toBe(403);
    expect(await count("import_upload")).toBe(stored);
  });

  it("does not show one user's upload to another", async () => {
    holder.viewer = fx.managerX;
    const uploaded = (await (await upload("deals", "deals-basic.csv")).json()) as Inspection;
    holder.viewer = fx.managerY;
    const response = await routes.preview.POST(jsonRequest("/api/import/preview", { uploadId: uploaded.uploadId, kind: "deals", mapping: uploaded.suggestion.mapping }));
    expect(response.status).toBe(404);
  });

  it("saves a mapping as a named preset, offers it with the built-in ones, and refuses the name for another kind", async () => {
    holder.viewer = fx.managerX;
    const mapping = { columns: { name: "Deal", owner: "Rep", stage: "Phase" }, dateFormat: "D.M.YYYY", decimal: "," };
    const saved = await routes.presets.POST(jsonRequest("/api/import/presets", { name: "Our CRM", kind: "deals", mapping }));
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ name: "saved:Our CRM", title: "Our CRM", mapping: { columns: mapping.columns, dateFormat: "D.M.YYYY" } });
    holder.viewer = fx.admin;
    const inspection = (await (await upload("deals", "deals-basic.csv")).json()) as { presets: { name: string }[] };
    expect(inspection.presets.map((p) => p.name)).toEqual(["salesforce", "hubspot", "pipedrive", "amocrm", "saved:Our CRM"]);
    const clash = await routes.presets.POST(jsonRequest("/api/import/presets", { name: "Our CRM", kind: "reps", mapping: {} }));
    expect(clash.status).toBe(409);
    expect(await one(`SELECT action FROM audit_log WHERE entity = 'import_preset' ORDER BY id DESC LIMIT 1`)).toEqual({ action: "import_preset.create" });
    holder.viewer = fx.rep;
    expect((await routes.presets.POST(jsonRequest("/api/import/presets", { name: "Mine", kind: "deals", mapping: {} }))).status).toBe(403);
  });
});

describe("uploads in chunks", () => {
  const MB = 1024 * 1024;

  it("sends a 12 MB file in requests of at most 1 MB (Next buffers 10 MB past proxy.ts) and stores it byte for byte", async () => {
    holder.viewer = fx.admin;
    let text = "id,name,owner,stage,amount\n";
    // Cyrillic takes two bytes a letter in UTF-8: the bytes, not the characters, must pass 12 MB.
    for (let i = 0; text.length < 10 * MB; i++) text += `D-${i},Сделка №${i} «Ромашка»,Anna Lee,Qualify,${(i * 37) % 10_000}\n`;
    const bytes = new TextEncoder().encode(text);
    expect(bytes.length).toBeGreaterThan(12 * MB);
    const sizes: number[] = [];
    const response = await sendFile("deals", "big.csv", bytes, (size) => sizes.push(size));
    expect(response.status).toBe(200);
    const inspection = (await response.json()) as Inspection & { size: number };
    expect(inspection).toMatchObject({ size: bytes.length, columns: ["id", "name", "owner", "stage", "amount"] });
    expect(sizes).toHaveLength(Math.ceil(bytes.length / MB));
    expect(Math.max(...sizes)).toBe(MB);

    const { getUpload, uploadStream } = await import("@/lib/data/import-uploads");
    const stored: Buffer[] = [];
    for await (const piece of uploadStream(await getUpload(fx.admin, inspection.uploadId))) stored.push(piece as Buffer);
    expect(Buffer.concat(stored).equals(Buffer.from(bytes))).toBe(true);
  });

  it("refuses a file over 64 MB before a byte of it is sent, naming the limit in the viewer's language", async () => {
    const stored = await count("import_upload");
    const start = (viewer: Viewer) => {
      holder.viewer = viewer;
      return routes.upload.POST(jsonRequest("/api/import/upload", { fileName: "huge.csv", size: 100 * MB }));
    };
    const english = await start(fx.admin);
    expect(english.status).toBe(422);
    expect(await english.json()).toMatchObject({ error: "FILE", message: "the file is 100.0 MB; the limit is 64 MB: split it into smaller files" });
    const russian = await start(mintViewer({ ...fx.admin, locale: "ru" }));
    expect(await russian.json()).toMatchObject({ error: "FILE", message: "размер файла 100,0 МБ, а предел — 64 МБ: разделите его на файлы поменьше" });
    expect(await count("import_upload")).toBe(stored);
  });

  it("refuses a chunk of the wrong length or past the end, a finish before the last chunk, and another user's upload", async () => {
    holder.viewer = fx.managerX;
    const started = await routes.upload.POST(jsonRequest("/api/import/upload", { fileName: "two.csv", size: MB + 10 }));
    const { uploadId } = (await started.json()) as { uploadId: string };
    const put = (seq: number, length: number) =>
      routes.uploadChunk.PUT(chunkRequest(uploadId, seq, new Uint8Array(length).fill(65)), { params: Promise.resolve({ id: uploadId, seq: String(seq) }) });
    expect((await put(0, MB - 1)).status).toBe(422);
    // Longer than a chunk may be: refused while reading, before the upload is looked at.
    expect((await put(0, MB + 1)).status).toBe(413);
    expect((await put(2, 10)).status).toBe(422);
    expect((await put(0, MB)).status).toBe(200);
    expect((await finishUpload(uploadId, "deals")).status).toBe(422);
    holder.viewer = fx.managerY;
    expect((await put(1, 10)).status).toBe(404);
    holder.viewer = fx.managerX;
    expect((await put(1, 10)).status).toBe(200);
    expect(await one(`SELECT count(*)::int AS n, sum(length(data))::int AS bytes FROM import_upload_chunk WHERE upload_id = $1`, [uploadId])).toEqual({ n: 2, bytes: MB + 10 });
  });
});
