// The import wizard's state lives in PostgreSQL, not in a server process: an upload stored and an import
// started by one app "instance" (its own module state and Prisma client) are read, polled and finished by
// another; a job whose instance died turns failed instead of running forever; old uploads expire.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { importRunSchema } from "@/lib/validation/import-ui-requests";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";

vi.mock("server-only", () => ({}));

const STAGES = ["Qualify", "Discovery meeting", "Proposal"];

let database: ScratchDatabase;
let sql: pg.Client;
const clients: PrismaClient[] = [];
let baselineGlobals: Set<string | symbol>;
type Who = "admin" | "manager" | "otherOrgAdmin";
let orgId: number;
let people: Record<Who, Parameters<typeof import("@/lib/auth/viewer").mintViewer>[0]>;

type Instance = {
  uploads: typeof import("@/lib/data/import-uploads");
  jobs: typeof import("@/lib/data/import-jobs");
  inspect: typeof import("@/lib/data/import-inspect");
  /** Viewers as this instance's own requireViewer() would mint them. */
  as: Record<Who, Viewer>;
};

/**
 * A fresh app instance: new module state, its own Prisma client, and none of the globals earlier instances'
 * modules left on globalThis (where a server process would keep in-memory registries).
 */
async function startInstance(): Promise<Instance> {
  for (const key of Reflect.ownKeys(globalThis)) if (!baselineGlobals.has(key)) Reflect.deleteProperty(globalThis, key);
  const client = createPrismaClient(database.url);
  clients.push(client);
  vi.resetModules();
  vi.doMock("@/lib/db/client", () => ({ db: client }));
  // Proves the instance's modules were loaded afresh, with this client.
  if ((await import("@/lib/db/client")).db !== client) throw new Error("the instance's modules were not loaded afresh");
  const { mintViewer } = await import("@/lib/auth/viewer");
  const as = { admin: mintViewer(people.admin), manager: mintViewer(people.manager), otherOrgAdmin: mintViewer(people.otherOrgAdmin) };
  return { uploads: await import("@/lib/data/import-uploads"), jobs: await import("@/lib/data/import-jobs"), inspect: await import("@/lib/data/import-inspect"), as };
}

async function one<T>(query: string, values: unknown[] = []): Promise<T> {
  return (await sql.query(query, values)).rows[0] as T;
}

const csvFile = (name: string, body: BlobPart) => new File([body], name, { type: "text/csv" });

async function readAll(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part));
  return Buffer.concat(parts);
}

const DEALS_MAPPING = { columns: { id: "id", name: "name", owner: "owner", stage: "stage", amount: "amount", created: "created" } };

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.NEXTAUTH_SECRET ??= "x".repeat(40);
  sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  orgId = (await one<{ id: number }>(`INSERT INTO organization (name, time_zone) VALUES ('Acme', 'UTC') RETURNING id`)).id;
  const otherOrg = (await one<{ id: number }>(`INSERT INTO organization (name, time_zone) VALUES ('Other', 'UTC') RETURNING id`)).id;
  const pipeline = (await one<{ id: number }>(`INSERT INTO pipeline (org_id, name, position) VALUES ($1, 'New business', 0) RETURNING id`, [orgId])).id;
  await sql.query(`INSERT INTO stage (pipeline_id, name, position, kind) SELECT $1, name, ord, 'OPEN' FROM unnest($2::text[]) WITH ORDINALITY AS s(name, ord)`, [pipeline, STAGES]);
  await sql.query(`INSERT INTO stage (pipeline_id, name, position, kind) VALUES ($1, 'Won', 7, 'WON'), ($1, 'Lost', 8, 'LOST')`, [pipeline]);
  const user = async (org: number, email: string, role: "ADMIN" | "MANAGER") => {
    const { id } = await one<{ id: number }>(`INSERT INTO app_user (org_id, email, name, role) VALUES ($1, $2, $2, $3) RETURNING id`, [org, email, role]);
    return { userId: id, orgId: org, role, repId: null, teamIds: [], name: email, email, locale: "en" as const };
  };
  people = { admin: await user(orgId, "admin@acme.test", "ADMIN"), manager: await user(orgId, "manager@acme.test", "MANAGER"), otherOrgAdmin: await user(otherOrg, "admin@other.test", "ADMIN") };
  await sql.query(`INSERT INTO rep (org_id, name, email, kind) VALUES ($1, 'Anna Lee', 'anna@acme.test', 'AE')`, [orgId]);
  // Whatever the test runner and the database clients put on globalThis stays; what app modules add is dropped.
  baselineGlobals = new Set(Reflect.ownKeys(globalThis));
}, 120_000);

afterAll(async () => {
  await sql?.end();
  for (const client of clients) await client.$disconnect();
  await database?.drop();
});

describe("import state in the database", () => {
  it("stores an upload in 1 MB chunks that another instance reads back byte for byte", async () => {
    const a = await startInstance();
    const body = Buffer.alloc(2.5 * 1024 * 1024 + 7, "id,name,owner,stage\n");
    const upload = await a.uploads.saveUpload(a.as.admin, csvFile("big.csv", body));
    const chunks = await sql.query<{ seq: number; n: number }>(`SELECT seq, length(data) AS n FROM import_upload_chunk WHERE upload_id = $1 ORDER BY seq`, [upload.id]);
    expect(chunks.rows).toEqual([
      { seq: 0, n: 1024 * 1024 },
      { seq: 1, n: 1024 * 1024 },
      { seq: 2, n: body.length - 2 * 1024 * 1024 },
    ]);

    const b = await startInstance();
    const stored = await b.uploads.getUpload(b.as.admin, upload.id);
    expect(stored).toMatchObject({ fileName: "big.csv", size: body.length });
    expect((await readAll(b.uploads.uploadStream(stored))).equals(body)).toBe(true);
    // Only its uploader sees it.
    await expect(b.uploads.getUpload(b.as.manager, upload.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(b.uploads.getUpload(b.as.otherOrgAdmin, upload.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("runs an import started on one instance while another polls its progress, outcome and rejected rows", async () => {
    const a = await startInstance();
    const body = "id,name,owner,stage,amount,created\nS-1,Good,Anna Lee,Qualify,100,2025-03-01\nS-2,Bad,Anna Lee,Qualify,-5,2025-03-01\nS-3,Fine,Anna Lee,Proposal,300,2025-03-01\n";
    const upload = await a.uploads.saveUpload(a.as.admin, csvFile("state.csv", body));
    const inspection = await a.inspect.importInspect(a.as.admin, upload, "deals");
    expect(await one(`SELECT encoding, delimiter FROM import_upload WHERE id = $1`, [upload.id])).toEqual({ encoding: "utf-8", delimiter: "," });
    expect(inspection.columns).toEqual(["id", "name", "owner", "stage", "amount", "created"]);

    // Hold the organisation's import lock so the job is caught running.
    const lock = new pg.Client({ connectionString: database.url });
    await lock.connect();
    await lock.query(`SELECT pg_advisory_lock(hashtext('import'), $1)`, [orgId]);
    let jobId: string;
    try {
      jobId = (await a.jobs.startImportJob(a.as.admin, importRunSchema.parse({ uploadId: upload.id, kind: "deals", mapping: DEALS_MAPPING, skipInvalid: true }))).id;
      const b = await startInstance();
      await vi.waitFor(async () => expect((await b.jobs.importJob(b.as.admin, jobId)).status).toBe("running"), { timeout: 10_000 });
      const polled = await b.jobs.importJob(b.as.admin, jobId);
      expect(polled).toMatchObject({ id: jobId, status: "running", totalBytes: Buffer.byteLength(body) });
      expect(polled.outcome).toBeUndefined();
      // The running instance keeps writing its heartbeat.
      const first = await one<{ heartbeat_at: Date }>(`SELECT heartbeat_at FROM import_run WHERE job_id = $1`, [jobId]);
      await vi.waitFor(async () => expect((await one<{ heartbeat_at: Date }>(`SELECT heartbeat_at FROM import_run WHERE job_id = $1`, [jobId])).heartbeat_at.getTime()).toBeGreaterThan(first.heartbeat_at.getTime()), { timeout: 5_000 });
      // Nobody else's job: another user of the organisation, or another organisation.
      await expect(b.jobs.importJob(b.as.manager, jobId)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(b.jobs.importJob(b.as.otherOrgAdmin, jobId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    } finally {
      await lock.query(`SELECT pg_advisory_unlock(hashtext('import'), $1)`, [orgId]);
      await lock.end();
    }

    const c = await startInstance();
    const done = await c.jobs.waitForImportJob(c.as.admin, jobId, 30_000);
    expect(done).toMatchObject({ status: "done", rows: 3, bytes: Buffer.byteLength(body), outcome: { ok: true, summary: { imported: true, created: 2, rejected: 1 } } });
    expect(done.outcome?.ok && done.outcome.summary.rejections).toEqual([expect.objectContaining({ row: 3, column: "amount" })]);
    expect(await c.jobs.importJobRejections(c.as.admin, jobId)).toEqual([expect.objectContaining({ row: 3, column: "amount" })]);
    await expect(c.jobs.importJobRejections(c.as.manager, jobId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // One import_run row, finished; its audit row; the upload gone once the import has finished.
    expect(await one(`SELECT status, created, rejected, finished_at IS NOT NULL AS finished FROM import_run WHERE job_id = $1`, [jobId])).toEqual({ status: "SUCCEEDED", created: 2, rejected: 1, finished: true });
    expect(await one(`SELECT count(*)::int AS n FROM import_run`)).toEqual({ n: 1 });
    expect(await one(`SELECT action FROM audit_log WHERE entity = 'import_run' ORDER BY id DESC LIMIT 1`)).toEqual({ action: "import.run" });
    expect(await one(`SELECT count(*)::int AS n FROM import_upload WHERE id = $1`, [upload.id])).toEqual({ n: 0 });
    expect(await one(`SELECT count(*)::int AS n FROM import_upload_chunk WHERE upload_id = $1`, [upload.id])).toEqual({ n: 0 });
  });

  it("fails a job whose instance stopped writing its heartbeat, and leaves a live one running", async () => {
    const { jobs, as } = await startInstance();
    const job = async (status: string, heartbeatAgo: string) =>
      (
        await one<{ job_id: string }>(
          `INSERT INTO import_run (org_id, kind, file_name, status, created_by_id, job_id, bytes_total, bytes_done, rows_done, heartbeat_at)
           VALUES ($1, 'deals', 'x.csv', $2, $3, gen_random_uuid(), 100, 40, 7, now() - $4::interval) RETURNING job_id`,
          [orgId, status, people.admin.userId, heartbeatAgo],
        )
      ).job_id;
    const dead = await job("RUNNING", "61 seconds");
    const queued = await job("QUEUED", "5 minutes");
    const committed = await job("SUCCEEDED", "2 minutes");
    const alive = await job("RUNNING", "2 seconds");

    expect(await jobs.importJob(as.admin, dead)).toMatchObject({ status: "done", bytes: 40, rows: 7, outcome: { ok: false, error: jobs.STOPPED_MESSAGE } });
    expect(await one(`SELECT status, finished_at IS NOT NULL AS finished FROM import_run WHERE job_id = $1`, [dead])).toEqual({ status: "FAILED", finished: true });
    expect(await jobs.importJob(as.admin, queued)).toMatchObject({ status: "done", outcome: { ok: false, error: jobs.STOPPED_MESSAGE } });
    // Its rows were committed before the instance died: the run stays SUCCEEDED, only the summary is missing.
    expect(await jobs.importJob(as.admin, committed)).toMatchObject({ status: "done", outcome: { ok: false, error: jobs.STOPPED_AFTER_COMMIT_MESSAGE } });
    expect(await one(`SELECT status FROM import_run WHERE job_id = $1`, [committed])).toEqual({ status: "SUCCEEDED" });
    expect(await jobs.importJob(as.admin, alive)).toMatchObject({ status: "running", bytes: 40, rows: 7 });
    expect(await jobs.importJobRejections(as.admin, dead)).toEqual([]);
    // Reading someone else's stale job neither shows nor changes it.
    const othersDead = await job("RUNNING", "10 minutes");
    await expect(jobs.importJob(as.manager, othersDead)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await one(`SELECT status FROM import_run WHERE job_id = $1`, [othersDead])).toEqual({ status: "RUNNING" });
  });

  it("expires uploads older than a day when a new one is stored, and refuses an expired one before that", async () => {
    const { uploads, as } = await startInstance();
    const expired = (await uploads.saveUpload(as.admin, csvFile("old.csv", "id,name\n1,x\n"))).id;
    const recent = (await uploads.saveUpload(as.admin, csvFile("old.csv", "id,name\n1,x\n"))).id;
    await sql.query(`UPDATE import_upload SET created_at = now() - interval '25 hours' WHERE id = $1`, [expired]);
    await sql.query(`UPDATE import_upload SET created_at = now() - interval '23 hours' WHERE id = $1`, [recent]);
    await expect(uploads.getUpload(as.admin, expired)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await one(`SELECT count(*)::int AS n FROM import_upload_chunk WHERE upload_id = $1`, [expired])).toEqual({ n: 1 });

    await uploads.saveUpload(as.manager, csvFile("new.csv", "id,name\n2,y\n"));
    expect(await one(`SELECT count(*)::int AS n FROM import_upload WHERE id = $1`, [expired])).toEqual({ n: 0 });
    expect(await one(`SELECT count(*)::int AS n FROM import_upload_chunk WHERE upload_id = $1`, [expired])).toEqual({ n: 0 });
    expect(await uploads.getUpload(as.admin, recent)).toMatchObject({ id: recent, fileName: "old.csv" });
  });
});
