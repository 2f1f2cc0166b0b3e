import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { rowIssueMessage } from "@/lib/import/kinds/field-parsers";
import { ROW_SCHEMAS } from "@/lib/import/kinds/import-kinds";
import type { ImportMessage } from "@/lib/import/messages/import-message";
import { ImportFileError } from "@/lib/import/parse/import-file-error";
import { openCsv } from "@/lib/import/parse/open-csv";
import { resolveColumns } from "@/lib/import/resolve-columns";
import type { ImportRunInput } from "@/lib/validation/import-ui-requests";
import { importRunFile, type ImportOutcome } from "./import-run-file";
import { importScopeFor } from "./import-scope-guard";
import { uploadStream, type StoredUpload } from "./import-uploads";

export const PREVIEW_ROWS = 20;

export interface PreviewRow {
  row: number;
  /** Field → the cell as read (after values and defaults) and why it is invalid. */
  cells: Record<string, { value?: string; error?: ImportMessage }>;
}

export interface ImportPreview {
  /** The file-level problem with this mapping (a missing required column, duplicated headers…). */
  fileError?: ImportMessage;
  rows: PreviewRow[];
  /** The whole file run through the import and rolled back: what importing would do. */
  dryRun?: ImportOutcome;
}

/** The first rows validated with the mapping, cell by cell, and a dry run of the whole file. */
// Above this size the dry run would outlast the request; the import itself still reports everything.
const DRY_RUN_MAX_BYTES = 8 * 1024 * 1024;

export async function importPreview(viewer: Viewer, upload: StoredUpload, input: ImportRunInput): Promise<ImportPreview> {
  importScopeFor(viewer);
  const stream = uploadStream(upload);
  const rows: PreviewRow[] = [];
  try {
    const csv = await openCsv(stream, { encoding: input.encoding });
    const columns = resolveColumns(input.kind, csv.header, input.mapping);
    const schema = ROW_SCHEMAS[input.kind]({ dateFormat: input.mapping.dateFormat, decimal: input.mapping.decimal });
    for await (const record of csv.records) {
      const raw = columns.read(record.cells);
      const cells: PreviewRow["cells"] = {};
      for (const [field, value] of Object.entries(raw)) cells[field] = { value };
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0] ?? "");
          cells[field] = { ...cells[field], error: cells[field]?.error ?? rowIssueMessage(issue) };
        }
      }
      rows.push({ row: record.row, cells });
      if (rows.length >= PREVIEW_ROWS) break;
    }
    await csv.records.return(undefined);
  } catch (error) {
    if (error instanceof ImportFileError) return { fileError: error.importMessage, rows };
    throw error;
  } finally {
    stream.destroy();
  }
  if (upload.size > DRY_RUN_MAX_BYTES) return { rows };
  return { rows, dryRun: await importRunFile(viewer, upload, input, { dryRun: true }) };
}
