import "server-only";
import { randomUUID } from "node:crypto";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Rejection } from "@/lib/import/load/load-context";
import { importMessage } from "@/lib/import/messages/import-message";
import { importMessageText } from "@/lib/import/messages/import-message-text";
import type { ImportRunInput } from "@/lib/validation/import-ui-requests";
import { recordAudit } from "./audit";
import { inTransaction } from "./in-transaction";
import { importRunFile, type ImportOutcome } from "./import-run-file";
import { importScopeFor } from "./import-scope-guard";
import { deleteUpload, getUpload, type StoredUpload } from "./import-uploads";

// A wizard's import is its import_run row: the instance that runs it writes progress and a heartbeat there
// (outside the import's own all-or-nothing transaction), and any instance answers the browser's polls from it.

export interface ImportJob {
  id: string;
  status: "queued" | "running" | "done";
  bytes: number;
  totalBytes: number;
  rows: number;
  outcome?: ImportOutcome;
}

// How often the running instance writes progress, and how long without a write means it died.
const HEARTBEAT_MS = 1000;
export const STALE_AFTER_SECONDS = 60;

export const UNEXPECTED_FAILURE_MESSAGE = importMessage("importFailed");
export const STOPPED_MESSAGE = importMessage("importStopped");
export const STOPPED_AFTER_COMMIT_MESSAGE = importMessage("importStoppedAfterCommit");

/** Starts importing the viewer's upload on this instance; the wizard polls importJob (on any instance) for progress. */
export async function startImportJob(viewer: Viewer, input: ImportRunInput): Promise<ImportJob> {
  importScopeFor(viewer);
  const upload = await getUpload(viewer, input.uploadId);
  const jobId = randomUUID();
  const run = await db.importRun.create({
    data: { jobId, orgId: viewer.orgId, kind: input.kind, fileName: upload.fileName, status: "QUEUED", createdById: viewer.userId, bytesTotal: upload.size, heartbeatAt: new Date() },
    select: { id: true },
  });
  void runJob(viewer, input, upload, run.id);
  return { id: jobId, status: "queued", bytes: 0, totalBytes: upload.size, rows: 0 };
}

async function runJob(viewer: Viewer, input: ImportRunInput, upload: StoredUpload, runId: number): Promise<void> {
  const progress = { bytes: 0, rows: 0 };
  const heartbeat = startHeartbeat(runId, progress);
  let outcome: ImportOutcome;
  try {
    await db.importRun.updateMany({ where: { id: runId, status: "QUEUED" }, data: { status: "RUNNING" } });
    outcome = await importRunFile(viewer, upload, input, {
      dryRun: false,
      runId,
      onProgress: (bytes, _total, rows) => {
        progress.bytes = bytes;
        progress.rows = rows;
      },
    });
  } catch (error) {
    console.error("Import failed", error);
    outcome = { ok: false, error: UNEXPECTED_FAILURE_MESSAGE };
  }
  try {
    // The outcome, the audit row of a failure and the upload's removal commit together: a job shown as done is
    // fully done. An import that went in wrote its import.run audit row (and its rows' ones) in its own transaction.
    await inTransaction(async (tx) => {
      if (!(outcome.ok && outcome.summary.imported)) {
        await recordAudit(tx, viewer, {
          action: "import.fail",
          entity: "import_run",
          entityId: runId,
          after: {
            kind: input.kind,
            fileName: upload.fileName,
            pipeline: input.pipeline,
            skipInvalid: input.skipInvalid,
            createMissing: input.createMissing,
            // The audit log keeps the reason as English text, like the command line prints it.
            ...(outcome.ok
              ? { rows: outcome.summary.rows, rejected: outcome.summary.rejected, error: outcome.summary.error && importMessageText(outcome.summary.error) }
              : { error: importMessageText(outcome.error) }),
          },
        });
      }
      await tx.importUpload.deleteMany({ where: { id: upload.id } });
      const rows = outcome.ok ? outcome.summary.rows : progress.rows;
      const rejections: Rejection[] = outcome.ok ? outcome.summary.rejections : [];
      const stored: ImportOutcome = outcome.ok ? { ...outcome, summary: { ...outcome.summary, rejections: [] } } : outcome;
      const status = outcome.ok && outcome.summary.imported ? "SUCCEEDED" : "FAILED";
      await tx.$executeRaw`
        UPDATE import_run SET status = ${status}::"ImportStatus", finished_at = COALESCE(finished_at, now()), heartbeat_at = now(),
               bytes_done = bytes_total, rows_done = ${rows}, outcome = ${JSON.stringify(stored)}::jsonb, rejections = ${JSON.stringify(rejections)}::jsonb
         WHERE id = ${runId}`;
    });
  } catch (error) {
    // The job then turns stale and is reported as stopped; the upload expires with the others.
    console.error("Import job state could not be saved", error);
  } finally {
    await heartbeat.stop();
  }
  await deleteUpload(upload.id).catch(() => undefined);
}

/** Writes the progress and a heartbeat every HEARTBEAT_MS, one write at a time, until the job has an outcome. */
function startHeartbeat(runId: number, progress: { bytes: number; rows: number }): { stop: () => Promise<void> } {
  let writing: Promise<void> | null = null;
  const beat = () => {
    if (writing) return;
    writing = db.$executeRaw`
      UPDATE import_run SET bytes_done = ${progress.bytes}, rows_done = ${progress.rows}, heartbeat_at = now()
       WHERE id = ${runId} AND outcome IS NULL`
      .then(
        () => undefined,
        (error: unknown) => console.error("Import progress could not be saved", error),
      )
      .finally(() => {
        writing = null;
      });
  };
  const timer = setInterval(beat, HEARTBEAT_MS);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await writing;
    },
  };
}

interface JobRow {
  status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED";
  bytes_done: number;
  bytes_total: number;
  rows_done: number;
  outcome: ImportOutcome | null;
}

/** The viewer's own job (anyone else's is NOT_FOUND), read from the database so any instance can answer. */
export async function importJob(viewer: Viewer, id: string): Promise<ImportJob> {
  return (await readJob(viewer, id)).job;
}

/** The rejected rows of the viewer's own finished job (none while it runs). */
export async function importJobRejections(viewer: Viewer, id: string): Promise<Rejection[]> {
  return (await readJob(viewer, id)).rejections;
}

async function readJob(viewer: Viewer, id: string): Promise<{ job: ImportJob; rejections: Rejection[] }> {
  await failStaleJob(viewer, id);
  const rows = await db.$queryRaw<(JobRow & { rejections: Rejection[] | null })[]>`
    SELECT status::text AS status, bytes_done, bytes_total, rows_done, outcome, rejections
      FROM import_run WHERE job_id = ${id}::uuid AND org_id = ${viewer.orgId} AND created_by_id = ${viewer.userId}`;
  const row = rows[0];
  if (!row) throw new AppError("NOT_FOUND", { detail: `import job ${id}` });
  const rejections = row.rejections ?? [];
  const outcome = row.outcome ?? undefined;
  // The stored summary leaves its rejected rows out; the wizard shows them with it once the job is done.
  if (outcome?.ok) outcome.summary.rejections = rejections;
  return {
    job: {
      id,
      status: outcome ? "done" : row.status === "QUEUED" ? "queued" : "running",
      bytes: row.bytes_done,
      totalBytes: row.bytes_total,
      rows: row.rows_done,
      outcome,
    },
    rejections,
  };
}

/**
 * A job whose instance has not written for STALE_AFTER_SECONDS (by the database's clock, the same for every
 * instance) died with it: it is failed for good, saying whether the import had already committed its rows.
 */
async function failStaleJob(viewer: Viewer, id: string): Promise<void> {
  const stopped = JSON.stringify({ ok: false, error: STOPPED_MESSAGE } satisfies ImportOutcome);
  const stoppedAfterCommit = JSON.stringify({ ok: false, error: STOPPED_AFTER_COMMIT_MESSAGE } satisfies ImportOutcome);
  await db.$executeRaw`
    UPDATE import_run
       SET status = CASE WHEN status = 'SUCCEEDED' THEN status ELSE 'FAILED' END,
           finished_at = COALESCE(finished_at, now()),
           outcome = CASE WHEN status = 'SUCCEEDED' THEN ${stoppedAfterCommit}::jsonb ELSE ${stopped}::jsonb END
     WHERE job_id = ${id}::uuid AND org_id = ${viewer.orgId} AND created_by_id = ${viewer.userId}
       AND outcome IS NULL AND heartbeat_at < now() - make_interval(secs => ${STALE_AFTER_SECONDS})`;
}

/** Waits for a job to finish (tests). */
export async function waitForImportJob(viewer: Viewer, id: string, timeoutMs = 60_000): Promise<ImportJob> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const job = await importJob(viewer, id);
    if (job.status === "done" || Date.now() > until) return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
