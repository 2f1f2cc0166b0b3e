import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { runImport, type ImportSummary } from "@/lib/import/run-import";
import type { ImportMessage } from "@/lib/import/messages/import-message";
import { ImportFileError } from "@/lib/import/parse/import-file-error";
import type { ImportRunInput } from "@/lib/validation/import-ui-requests";
import { importPgClient } from "./import-pg-client";
import { importScopeFor } from "./import-scope-guard";
import { uploadStream, type StoredUpload } from "./import-uploads";

/**
 * How an import ended: the library's summary (rows rejected, a manager's rows outside their teams among them,
 * named by row and column only), or the file-level reason nothing was imported (shown in the viewer's language).
 */
export type ImportOutcome = { ok: true; summary: ImportSummary } | { ok: false; error: ImportMessage };

/** Runs the library over the stored upload as `viewer` (a manager only for their teams' reps and records). */
export async function importRunFile(
  viewer: Viewer,
  upload: StoredUpload,
  input: ImportRunInput,
  options: { dryRun: boolean; runId?: number; onProgress?: (bytes: number, total: number, rows: number) => void },
): Promise<ImportOutcome> {
  const scope = importScopeFor(viewer);
  const client = await importPgClient();
  try {
    const summary = await runImport(client, {
      kind: input.kind,
      fileName: upload.fileName,
      source: uploadStream(upload),
      totalBytes: upload.size,
      mapping: input.mapping,
      orgId: viewer.orgId,
      pipeline: input.pipeline,
      dryRun: options.dryRun,
      skipInvalid: input.skipInvalid,
      createMissing: input.createMissing,
      encoding: input.encoding,
      createdById: viewer.userId,
      scope,
      runId: options.runId,
      onProgress: options.onProgress,
    });
    return { ok: true, summary };
  } catch (error) {
    if (error instanceof ImportFileError) return { ok: false, error: error.importMessage };
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}
