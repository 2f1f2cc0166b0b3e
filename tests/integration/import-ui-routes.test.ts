// The import wizard's route handlers: the suggested mapping, upload → preview → import with its summary and
// audit row, a manager limited to their teams' reps (refused with nothing written; created reps join their
// team), and a rep refused outright.
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

function uploadRequest(kind: string, file: string, body?: string): Request {
  const form = new FormData();
  form.set("kind", kind);
  form.set("file", new File([body ?? fs.readFileSync(path.join(FIXTURES, file))], file, { type: "text/csv" }));
  return new Request("http://localhost/api/import/upload", { method: "POST", headers: { Origin: "http://localhost" }, body: form });
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
  const uploaded = await routes.upload.POST(uploadRequest(kind, file, options.body));
  expect(uploaded.status).toBe(200);
  const inspection = (await uploaded.json()) as Inspection;
  const input = { uploadId: inspection.uploadId, kind, mapping: inspection.suggestion.mapping, createMissing: options.createMissing ?? [], skipInvalid: options.skipInvalid ?? false };
  const started = await routes.run.POST(jsonRequest("/api/import/run", input));
  expect(started.status).toBe(200);
  const { jobId } = (await started.json()) as { jobId: string };
  for (let i = 0; i < 400; i++) {
    const polled = await routes.job.GET(new Request(`http://localhost/api/import/jobs/${jobId}`), { params: Promise.resolve({ id: jobId }) });
    const job = (await polled.json()) as { status: string; outcome?: { ok: boolean; error?: string; outsideTeam?: string[]; summary?: Record<string, unknown> } };
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
    const response = await routes.upload.POST(uploadRequest("deals", "salesforce-opportunities.csv"));
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
    const uploaded = (await (await routes.upload.POST(uploadRequest("deals", "unknown-stage.csv"))).json()) as Inspection;
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
    // One import_run row (the job's own) and one audit row per import.
    expect([await count("import_run"), await count("audit_log")]).toEqual([runs + 1, audits + 1]);
    expect(await one(`SELECT count(*)::int AS n FROM import_upload WHERE id = $1`, [inspection.uploadId])).toEqual({ n: 0 });
  });

  it("offers the rejected rows as CSV", async () => {
    const body = "id,name,owner,stage,amount\nR-1,Good,Anna Lee,Qualify,100\nR-2,Bad,Anna Lee,Qualify,-5\n";
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
    const uploaded = (await (await routes.upload.POST(uploadRequest("deals", "unknown-stage.csv"))).json()) as Inspection;
    const response = await routes.preview.POST(jsonRequest("/api/import/preview", { uploadId: uploaded.uploadId, kind: "deals", mapping: uploaded.suggestion.mapping }));
    const preview = (await response.json()) as { dryRun: { ok: false; error: ImportMessage } };
    // The wizard formats the code with the page's catalogue, as importMessageText does with messages/ru.json.
    expect(importMessageText(preview.dryRun.error, "ru")).toBe(
      "неизвестные этапы «Prospecting», «Verbal yes»; сопоставьте их в values.stage с этапами воронки «New business»: " +
        "Qualify, Discovery meeting, Solution demo, Proposal, Negotiation, Contract sent, Won (WON), Lost (LOST)",
    );
    const refused = await routes.upload.POST(uploadRequest("deals", "binary.png"));
    expect(refused.status).toBe(422);
    expect(await refused.json()).toEqual({ error: "FILE", message: "это не текстовый CSV-файл: в нём двоичные данные", importMessage: { code: "binaryFile", params: {} } });
  });

  it("refuses a manager's file that names a rep of another team, and writes nothing", async () => {
    const body = "id,name,owner,stage\nM-1,Ours,Anna Lee,Qualify\nM-2,Theirs,Boris Petrov,Qualify\n";
    const [deals, runs] = [await count("deal"), await count("import_run")];
    const { job } = await importThroughRoutes(fx.managerX, "deals", "other-team.csv", { body });
    expect(job.outcome).toMatchObject({ ok: false, outsideTeam: ["Boris Petrov"] });
    // The audit log keeps the reason in English, as the command line would print it.
    expect(await one(`SELECT after->>'error' AS error FROM audit_log WHERE action = 'import.fail' ORDER BY id DESC LIMIT 1`)).toEqual({ error: "the file names reps outside your teams: Boris Petrov" });
    expect(await count("deal")).toBe(deals);
    expect(await one<{ status: string }>(`SELECT status FROM import_run ORDER BY id DESC LIMIT 1`)).toEqual({ status: "FAILED" });
    expect(await count("import_run")).toBe(runs + 1);
  });

  it("refuses a manager's file that takes over another team's deal by its id, and writes nothing", async () => {
    const theirs = "id,name,owner,stage\nY-1,Their deal,Boris Petrov,Qualify\n";
    expect((await importThroughRoutes(fx.admin, "deals", "their-deal.csv", { body: theirs })).job.outcome?.ok).toBe(true);
    const ownerBefore = await one<{ owner_id: number }>(`SELECT owner_id FROM deal WHERE external_id = 'Y-1'`);
    const takeover = "id,name,owner,stage\nY-1,Their deal,Anna Lee,Qualify\n";
    const { job } = await importThroughRoutes(fx.managerX, "deals", "takeover.csv", { body: takeover });
    expect(job.outcome).toMatchObject({ ok: false, foreignRows: ["deal “Their deal”"] });
    expect(await one<{ owner_id: number }>(`SELECT owner_id FROM deal WHERE external_id = 'Y-1'`)).toEqual(ownerBefore);
  });

  it("lets a manager import their own team's deals and puts the reps they create in their team", async () => {
    const body = "id,name,owner,stage\nN-1,Ours,Anna Lee,Qualify\nN-2,New rep's,Carla Novak,Qualify\n";
    const { job } = await importThroughRoutes(fx.managerX, "deals", "own-team.csv", { body, createMissing: ["reps"] });
    expect(job.outcome?.ok).toBe(true);
    expect(job.outcome?.summary).toMatchObject({ imported: true, created: 2, createdReps: 1 });
    expect(await one<{ team_id: number }>(`SELECT team_id FROM rep WHERE name = 'Carla Novak'`)).toEqual({ team_id: fx.teamX });
  });

  it("refuses a manager's reps file that moves a rep into another team", async () => {
    const body = "name,email,team\nAnna Lee,anna@acme.test,Team Y\n";
    const { job } = await importThroughRoutes(fx.managerX, "reps", "move.csv", { body });
    expect(job.outcome).toMatchObject({ ok: false, outsideTeam: ["Anna Lee"] });
    expect(await one<{ team_id: number }>(`SELECT team_id FROM rep WHERE name = 'Anna Lee'`)).toEqual({ team_id: fx.teamX });
  });

  it("forbids a rep every import route", async () => {
    holder.viewer = fx.rep;
    const stored = await count("import_upload");
    const upload = await routes.upload.POST(uploadRequest("deals", "deals-basic.csv"));
    expect(upload.status).toBe(403);
    expect(await upload.json()).toMatchObject({ error: "FORBIDDEN" });
    const run = await routes.run.POST(jsonRequest("/api/import/run", { uploadId: "00000000-0000-4000-8000-000000000000", kind: "deals", mapping: {} }));
    expect(run.status).toBe(403);
    expect(await count("import_upload")).toBe(stored);
  });

  it("does not show one user's upload to another", async () => {
    holder.viewer = fx.managerX;
    const uploaded = (await (await routes.upload.POST(uploadRequest("deals", "deals-basic.csv"))).json()) as Inspection;
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
    const inspection = (await (await routes.upload.POST(uploadRequest("deals", "deals-basic.csv"))).json()) as { presets: { name: string }[] };
    expect(inspection.presets.map((p) => p.name)).toEqual(["salesforce", "hubspot", "pipedrive", "amocrm", "saved:Our CRM"]);
    const clash = await routes.presets.POST(jsonRequest("/api/import/presets", { name: "Our CRM", kind: "reps", mapping: {} }));
    expect(clash.status).toBe(409);
    expect(await one(`SELECT action FROM audit_log WHERE entity = 'import_preset' ORDER BY id DESC LIMIT 1`)).toEqual({ action: "import_preset.create" });
    holder.viewer = fx.rep;
    expect((await routes.presets.POST(jsonRequest("/api/import/presets", { name: "Mine", kind: "deals", mapping: {} }))).status).toBe(403);
  });
});
