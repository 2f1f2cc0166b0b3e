import "server-only";
import { randomUUID } from "node:crypto";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import type { ImportRunInput } from "@/lib/validation/import-ui-requests";
import { recordAudit } from "./audit";
import { inTransaction } from "./in-transaction";
import { importRunFile, type ImportOutcome } from "./import-run-file";
import { deleteUpload, getUpload } from "./import-uploads";

export interface ImportJob {
  id: string;
  userId: number;
  orgId: number;
  status: "running" | "done";
  bytes: number;
  totalBytes: number;
  rows: number;
  outcome?: ImportOutcome;
  finishedAt?: number;
}

// Finished jobs stay readable (summary, rejected rows) this long.
const KEEP_MS = 2 * 60 * 60 * 1000;
const jobs = ((globalThis as unknown as { __importJobs?: Map<string, ImportJob> }).__importJobs ??= new Map());

/** Starts importing the viewer's upload in the background; the wizard polls importJob for progress. */
export function startImportJob(viewer: Viewer, input: ImportRunInput): ImportJob {
  const upload = getUpload(viewer, input.uploadId);
  const now = Date.now();
  for (const job of [...jobs.values()]) if (job.finishedAt && now - job.finishedAt > KEEP_MS) jobs.delete(job.id);
  const job: ImportJob = { id: randomUUID(), userId: viewer.userId, orgId: viewer.orgId, status: "running", bytes: 0, totalBytes: upload.size, rows: 0 };
  jobs.set(job.id, job);
  void (async () => {
    let outcome: ImportOutcome;
    try {
      outcome = await importRunFile(viewer, upload, input, {
        dryRun: false,
        onProgress: (bytes, _total, rows) => {
          job.bytes = bytes;
          job.rows = rows;
        },
      });
    } catch (error) {
      console.error("Import failed", error);
      outcome = { ok: false, error: "the import failed unexpectedly; nothing was imported" };
    }
    try {
      await inTransaction((tx) =>
        recordAudit(tx, viewer, {
          action: outcome.ok && outcome.summary.imported ? "import.run" : "import.fail",
          entity: "import_run",
          entityId: job.id,
          after: {
            kind: input.kind,
            fileName: upload.fileName,
            pipeline: input.pipeline,
            skipInvalid: input.skipInvalid,
            createMissing: input.createMissing,
            ...(outcome.ok
              ? { rows: outcome.summary.rows, created: outcome.summary.created, updated: outcome.summary.updated, unchanged: outcome.summary.unchanged, rejected: outcome.summary.rejected, synthesizedHistories: outcome.summary.synthesizedHistories, error: outcome.summary.error }
              : { error: outcome.error }),
          },
        }),
      );
    } catch (error) {
      console.error("Import audit failed", error);
    }
    await deleteUpload(upload.id).catch(() => undefined);
    job.outcome = outcome;
    if (outcome.ok) job.rows = outcome.summary.rows;
    job.bytes = job.totalBytes;
    job.status = "done";
    job.finishedAt = Date.now();
  })();
  return job;
}

/** The viewer's own job; anyone else's is NOT_FOUND. */
export function importJob(viewer: Viewer, id: string): ImportJob {
  const job = jobs.get(id);
  if (!job || job.userId !== viewer.userId || job.orgId !== viewer.orgId) throw new AppError("NOT_FOUND", { detail: `import job ${id}` });
  return job;
}

/** Waits for a job to finish (tests and the CLI-like callers). */
export async function waitForImportJob(viewer: Viewer, id: string, timeoutMs = 60_000): Promise<ImportJob> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const job = importJob(viewer, id);
    if (job.status === "done" || Date.now() > until) return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
