// Issue 11, point 8: an import's audit rows are written in the import's own transaction. An import that committed
// just before its process died (the job later says "stopped after commit") is audited; one that rolled back leaves
// none; a job that finishes normally has exactly one import.run row.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import pg from "pg";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { importMappingSchema } from "@/lib/validation/import-mapping";
import { ref, type ScopeFixture, seedImportScopeFixture } from "./import-scope-fixture";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";

const holder = vi.hoisted(() => ({ client: undefined as unknown as PrismaClient }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/db/client", () => ({
  db: new Proxy({}, { get: (_target, property) => Reflect.get(holder.client, property, holder.client) }),
}));

let database: ScratchDatabase;
let sql: pg.Client;
let fx: ScopeFixture;

async function one<T>(query: string, values: unknown[] = []): Promise<T> {
  return (await sql.query(query, values)).rows[0] as T;
}

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.NEXTAUTH_SECRET ??= "x".repeat(40);
  holder.client = createPrismaClient(database.url);
  sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  fx = await seedImportScopeFixture(holder.client);
}, 120_000);

afterAll(async () => {
  await sql?.end();
  await holder.client?.$disconnect();
  await database?.drop();
});

/** What the wizard's job does up to the import's COMMIT, and no further: the process "dies" there. */
async function importThenDie(csv: string) {
  const viewer = fx.viewers.managerX;
  const { saveUpload } = await import("@/lib/data/import-uploads");
  const { importRunFile } = await import("@/lib/data/import-run-file");
  const upload = await saveUpload(viewer, new File([csv], "deals.csv"));
  const jobId = randomUUID();
  const run = await one<{ id: number }>(
    `INSERT INTO import_run (job_id, org_id, kind, file_name, status, created_by_id, bytes_total, heartbeat_at)
     VALUES ($1, $2, 'deals', 'deals.csv', 'RUNNING', $3, $4, now()) RETURNING id`,
    [jobId, fx.orgId, viewer.userId, upload.size],
  );
  const input = { uploadId: upload.id, kind: "deals" as const, mapping: importMappingSchema.parse({}), pipeline: undefined, encoding: undefined, skipInvalid: false, createMissing: [] };
  const outcome = await importRunFile(viewer, upload, input, { dryRun: false, runId: run.id });
  return { outcome, jobId, runId: run.id };
}

describe("the audit row of an import is in the import's transaction", () => {
  it("an import that committed just before its process died is audited, rows and run alike", async () => {
    const { outcome, jobId, runId } = await importThenDie(`id,name,owner,stage,amount,created\nA-1,Died after commit,${ref(fx.reps.a)},Discovery,700,2025-03-01\n`);
    expect(outcome).toMatchObject({ ok: true, summary: { imported: true, created: 1 } });
    // No heartbeat since: any instance reading the job later reports it stopped after the commit.
    await sql.query(`UPDATE import_run SET heartbeat_at = now() - interval '5 minutes' WHERE id = $1`, [runId]);
    const { importJob, STOPPED_AFTER_COMMIT_MESSAGE } = await import("@/lib/data/import-jobs");
    expect((await importJob(fx.viewers.managerX, jobId)).outcome).toEqual({ ok: false, error: STOPPED_AFTER_COMMIT_MESSAGE });

    const audit = await one<{ action: string; actor_id: number; after: Record<string, unknown>; xmin: string }>(
      `SELECT action, actor_id, after, xmin::text FROM audit_log WHERE entity = 'import_run' AND entity_id = $1`,
      [String(runId)],
    );
    expect(audit).toMatchObject({ action: "import.run", actor_id: fx.users.managerX, after: { kind: "deals", fileName: "deals.csv", rows: 1, created: 1, updated: 0 } });
    const deal = await one<{ id: number; xmin: string }>(`SELECT id, xmin::text FROM deal WHERE external_id = 'A-1'`);
    const created = await one<{ action: string; after: Record<string, unknown>; xmin: string }>(
      `SELECT action, after, xmin::text FROM audit_log WHERE entity = 'deal' AND entity_id = $1`,
      [String(deal.id)],
    );
    expect(created).toMatchObject({ action: "deal.import_create", after: { name: "Died after commit", ownerRepId: fx.reps.a, amount: 700 } });
    // One transaction wrote the deal, its audit row and the run's.
    expect(new Set([audit.xmin, deal.xmin, created.xmin]).size).toBe(1);
  });

  it("an import that rolled back leaves no audit row of its own", async () => {
    const before = await one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log`);
    const { outcome } = await importThenDie(`id,name,owner,stage,amount\nA-2,Rolled back,${ref(fx.reps.a)},Discovery,-5\n`);
    expect(outcome).toMatchObject({ ok: true, summary: { imported: false, rejected: 1 } });
    expect(await one(`SELECT count(*)::int AS n FROM audit_log`)).toEqual(before);
  });

  it("a job that finishes has one import.run row, written by the import, and the job's failure rows only on failure", async () => {
    const { saveUpload } = await import("@/lib/data/import-uploads");
    const { startImportJob, waitForImportJob } = await import("@/lib/data/import-jobs");
    const viewer = fx.viewers.admin;
    const upload = await saveUpload(viewer, new File([`id,name,owner,stage,created\nA-3,Job,${ref(fx.reps.y)},Discovery,2025-03-01\n`], "job.csv"));
    const job = await startImportJob(viewer, { uploadId: upload.id, kind: "deals", mapping: importMappingSchema.parse({}), pipeline: undefined, encoding: undefined, skipInvalid: false, createMissing: [] });
    expect((await waitForImportJob(viewer, job.id)).outcome).toMatchObject({ ok: true, summary: { imported: true } });
    const run = await one<{ id: number }>(`SELECT id FROM import_run WHERE job_id = $1`, [job.id]);
    expect((await sql.query(`SELECT action FROM audit_log WHERE entity = 'import_run' AND entity_id = $1`, [String(run.id)])).rows).toEqual([{ action: "import.run" }]);

    const failing = await saveUpload(viewer, new File([`id,name,owner,stage\nA-4,Job,Nobody Known,Discovery\n`], "fail.csv"));
    const failed = await startImportJob(viewer, { uploadId: failing.id, kind: "deals", mapping: importMappingSchema.parse({}), pipeline: undefined, encoding: undefined, skipInvalid: false, createMissing: [] });
    expect((await waitForImportJob(viewer, failed.id)).outcome).toMatchObject({ ok: true, summary: { imported: false } });
    const failedRun = await one<{ id: number }>(`SELECT id FROM import_run WHERE job_id = $1`, [failed.id]);
    expect((await sql.query(`SELECT action FROM audit_log WHERE entity = 'import_run' AND entity_id = $1`, [String(failedRun.id)])).rows).toEqual([{ action: "import.fail" }]);
  });
});
