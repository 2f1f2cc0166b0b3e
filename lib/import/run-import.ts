// One file, one transaction: parse the stream, validate each row, write in batches, then commit — or roll back
// everything when any row is rejected (unless skipInvalid), a stage is unknown, or the process dies.
import type pg from "pg";
import type { z } from "zod";
import type { ImportMapping } from "@/lib/validation/import-mapping";
import { type ImportKind, ROW_SCHEMAS } from "./kinds/import-kinds";
import { rowIssueMessage } from "./kinds/field-parsers";
import type { KindLoader, ParsedRow } from "./load/keyed-loader";
import { type LoadContext, loadContext, type MissingKind, type Rejection, type UndatedDeals } from "./load/load-context";
import type { ImportScope } from "./load/import-scope";
import { loadAccounts } from "./load/load-accounts";
import { loadActivities } from "./load/load-activities";
import { loadCoachingSessions } from "./load/load-coaching-sessions";
import { loadDeals } from "./load/load-deals";
import { loadLeads } from "./load/load-leads";
import { loadQuotas } from "./load/load-quotas";
import { loadReps } from "./load/load-reps";
import { loadStageHistory } from "./load/load-stage-history";
import { resolveColumns } from "./resolve-columns";
import { withConstraintsDeferred } from "@/lib/db/defer-constraints";
import { withDerivedDataDeferred } from "@/lib/db/derived-data";
import { analyzeAppTables, ANALYZE_AFTER_ROWS } from "@/lib/db/analyze-tables";
import { type ImportMessage, importMessage, quotedList } from "./messages/import-message";
import { ImportFileError } from "./parse/import-file-error";
import { openCsv } from "./parse/open-csv";
import type { TextEncodingName } from "./parse/detect-encoding";

export interface ImportOptions {
  kind: ImportKind;
  fileName: string;
  source: AsyncIterable<Uint8Array>;
  /** File size, for progress. */
  totalBytes?: number;
  mapping: ImportMapping;
  orgId: number;
  pipeline?: string;
  dryRun?: boolean;
  skipInvalid?: boolean;
  createMissing?: readonly MissingKind[];
  encoding?: TextEncodingName;
  /** Who imports: named on the import_run row and in the audit rows (null: the command line). */
  createdById?: number | null;
  /** A manager's import: what the file may write (lib/import/load/import-scope.ts); the whole organisation without it. */
  scope?: ImportScope;
  /** The import_run row the caller created beforehand (the wizard's job): it is updated instead of adding one. */
  runId?: number;
  onProgress?: (bytes: number, totalBytes: number, rows: number) => void;
}

export interface ImportSummary {
  kind: ImportKind;
  fileName: string;
  encoding: TextEncodingName;
  delimiter: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** The first MAX_REPORTED_REJECTIONS rejected rows. */
  rejections: Rejection[];
  synthesizedHistories: number;
  createdReps: number;
  createdAccounts: number;
  /** Managers a reps file named who were not users, created without a password (--create-missing managers). */
  createdManagers: number;
  /** Deals files: rows without a creation date and what was done with them. */
  undatedDeals: UndatedDeals;
  /** True when the rows are in the database (never for a dry run). */
  imported: boolean;
  dryRun: boolean;
  /** Optional columns the mapping names that the file lacks (ignored). */
  absentColumns: string[];
  /** Why nothing was imported, when it was not. */
  error?: ImportMessage;
}

const BATCH_ROWS = 2000;
// Deals name a stage of a pipeline, and stage changes one of their deal's; the other kinds import without a pipeline.
const PIPELINE_KINDS: ReadonlySet<ImportKind> = new Set(["deals", "stage-history"]);
// Deals files from about 20,000 rows up load with constraints rebuilt at the end.
const BULK_BYTES = 3 * 1024 * 1024;
export const MAX_REPORTED_REJECTIONS = 1000;

const LOADERS: { [K in ImportKind]: (ctx: LoadContext) => Promise<KindLoader<never>> } = {
  reps: loadReps as never,
  accounts: loadAccounts as never,
  leads: loadLeads as never,
  deals: loadDeals as never,
  "stage-history": loadStageHistory as never,
  activities: loadActivities as never,
  quotas: loadQuotas as never,
  "coaching-sessions": loadCoachingSessions as never,
};

/**
 * Imports one CSV file through `client` (which must not be in a transaction). File-level problems throw
 * ImportFileError after rolling back; row problems come back in the summary.
 */
export async function runImport(client: pg.ClientBase, options: ImportOptions): Promise<ImportSummary> {
  const importedAt = new Date();
  let rows = 0;
  const csv = await openCsv(options.source, { encoding: options.encoding });
  const columns = resolveColumns(options.kind, csv.header, options.mapping);
  const schema = ROW_SCHEMAS[options.kind]({ dateFormat: options.mapping.dateFormat, decimal: options.mapping.decimal });
  const summary: ImportSummary = {
    kind: options.kind,
    fileName: options.fileName,
    encoding: csv.encoding,
    delimiter: csv.delimiter,
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    rejections: [],
    synthesizedHistories: 0,
    createdReps: 0,
    createdAccounts: 0,
    createdManagers: 0,
    undatedDeals: { total: 0, atCloseDate: 0, atDefault: 0, keptStored: 0, refused: 0 },
    imported: false,
    dryRun: options.dryRun ?? false,
    absentColumns: columns.absent,
  };
  const addRejection = (r: Rejection) => {
    summary.rejected++;
    if (summary.rejections.length < MAX_REPORTED_REJECTIONS) summary.rejections.push(r);
  };

  await client.query("BEGIN");
  try {
    // Two imports into one organisation would race on its keys; the second waits for the first.
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('import'), $1)`, [options.orgId]);
    const ctx = await loadContext(client, {
      orgId: options.orgId,
      pipelineName: options.pipeline,
      needsPipeline: PIPELINE_KINDS.has(options.kind),
      createMissing: new Set(options.createMissing ?? []),
      provided: columns.provided,
      column: columns.header,
      defaultValue: (field) => parseDefault(schema, field, options.mapping.defaults[field]),
      actorId: options.createdById ?? null,
      scope: options.scope,
    });
    const loader = await LOADERS[options.kind](ctx);
    let batch: ParsedRow<never>[] = [];
    const flush = async () => {
      const write = options.skipInvalid || summary.rejected === 0;
      const result = await loader.load(batch, write);
      for (const r of result.rejections) addRejection(r);
      summary.created += result.created;
      summary.updated += result.updated;
      summary.unchanged += result.unchanged;
      batch = [];
    };
    const loadFile = async () => {
      for await (const record of csv.records) {
        rows++;
        // Progress counts the rows read and the bytes behind them, never the file read ahead of them.
        options.onProgress?.(csv.position(), options.totalBytes ?? 0, rows);
        const raw = columns.read(record.cells);
        const parsed = schema.safeParse(raw);
        if (parsed.success) batch.push({ row: record.row, value: parsed.data as never });
        else {
          // One reason per row: the first field that failed, named by its column in the file.
          const issue = parsed.error.issues[0];
          const field = String(issue?.path[0] ?? "");
          addRejection({ row: record.row, column: columns.header(field), reason: rowIssueMessage(issue) });
        }
        if (batch.length >= BATCH_ROWS) await flush();
      }
      await flush();
      summary.rows = rows;
      if (rows === 0) throw new ImportFileError(importMessage("headerOnly"));
      if (ctx.unknownStages.size > 0) {
        throw new ImportFileError(
          importMessage("unknownStages", {
            values: quotedList([...ctx.unknownStages]),
            pipeline: ctx.pipeline?.name ?? "",
            stages: (ctx.pipeline?.stages ?? []).map((s) => (s.kind === "OPEN" ? s.name : importMessage("stageWithKind", { name: s.name, kind: s.kind }))),
          }),
        );
      }
      if (summary.rejected === 0 || options.skipInvalid) summary.synthesizedHistories = await loader.finish();
    };
    const bulk = options.kind === "deals" && (options.totalBytes ?? 0) >= BULK_BYTES;
    // Foreign-key triggers and index updates on every deal and history row cost most of a big import; rebuilding
    // them once at the end is several times faster. The tables are locked meanwhile, so only big files do it.
    if (bulk) await withDerivedDataDeferred(client, () => withConstraintsDeferred(client, ["deal", "deal_stage_change"], loadFile));
    else await loadFile();
    summary.createdReps = ctx.created.reps;
    summary.createdAccounts = ctx.created.accounts;
    summary.createdManagers = ctx.created.managers;
    summary.undatedDeals = { ...ctx.undatedDeals };
    if (summary.rejected > 0 && !options.skipInvalid) {
      summary.created = summary.updated = summary.unchanged = summary.createdReps = summary.createdAccounts = summary.createdManagers = 0;
      summary.error = importMessage("rowsRejected", { count: summary.rejected });
      await client.query("ROLLBACK");
      await recordFailure(client, options, summary);
      return summary;
    }
    // The second line behind the loaders' row checks: everything a manager's file wrote is theirs (a dry run is
    // refused the same way the import would be).
    await ctx.scope?.verify();
    if (options.dryRun) {
      await client.query("ROLLBACK");
      return summary;
    }
    const counts = [summary.created, summary.updated, summary.unchanged, summary.rejected, summary.synthesizedHistories];
    let runId = options.runId;
    if (runId !== undefined) {
      await client.query(
        `UPDATE import_run SET status = 'SUCCEEDED', finished_at = now(), created = $2, updated = $3, unchanged = $4, rejected = $5, synthesized_histories = $6 WHERE id = $1`,
        [runId, ...counts],
      );
    } else {
      const inserted = await client.query<{ id: number }>(
        `INSERT INTO import_run (org_id, kind, file_name, status, created_by_id, started_at, finished_at, created, updated, unchanged, rejected, synthesized_histories)
         VALUES ($1, $2, $3, 'SUCCEEDED', $4, $5, now(), $6, $7, $8, $9, $10) RETURNING id`,
        [options.orgId, options.kind, options.fileName, options.createdById ?? null, importedAt, ...counts],
      );
      runId = inserted.rows[0]?.id;
    }
    // The run's audit row commits with its rows: an import whose process dies right after COMMIT is audited too.
    await client.query(`INSERT INTO audit_log (org_id, actor_id, action, entity, entity_id, after) VALUES ($1, $2, 'import.run', 'import_run', $3, $4::jsonb)`, [
      options.orgId,
      options.createdById ?? null,
      String(runId),
      JSON.stringify(runAuditEntry(options, summary)),
    ]);
    await client.query("COMMIT");
    summary.imported = true;
    // A large import changes the planner's picture of the tables; refresh it now rather than when autovacuum runs.
    if (summary.created + summary.updated + summary.synthesizedHistories >= ANALYZE_AFTER_ROWS) await analyzeAppTables(client);
    return summary;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    if (error instanceof ImportFileError) {
      summary.rows = rows;
      summary.error = error.importMessage;
      await recordFailure(client, options, summary);
    }
    throw error;
  } finally {
    // Drain the reader so an early error does not leave the file open.
    await csv.records.return(undefined).catch(() => undefined);
  }
}

/** A mapping default parsed as its field's cell would be; one the field cannot read stops the file. */
function parseDefault(schema: z.ZodObject, field: string, value: string | undefined): unknown {
  if (value === undefined) return undefined;
  const parsed = schema.shape[field]?.safeParse(value);
  if (parsed?.success) return parsed.data;
  throw new ImportFileError(importMessage("invalidDefault", { field, value, reason: rowIssueMessage(parsed?.error.issues[0]) }));
}

/** The import.run audit row's `after`: what was imported, how, and the counts. */
function runAuditEntry(options: ImportOptions, summary: ImportSummary): Record<string, unknown> {
  return {
    kind: options.kind,
    fileName: options.fileName,
    pipeline: options.pipeline,
    skipInvalid: options.skipInvalid ?? false,
    createMissing: options.createMissing ?? [],
    rows: summary.rows,
    created: summary.created,
    updated: summary.updated,
    unchanged: summary.unchanged,
    rejected: summary.rejected,
    synthesizedHistories: summary.synthesizedHistories,
    createdReps: summary.createdReps,
    createdAccounts: summary.createdAccounts,
    createdManagers: summary.createdManagers,
    ...(summary.undatedDeals.total > 0 ? { undatedDeals: summary.undatedDeals } : {}),
    ...(options.createdById == null ? { via: "command line" } : {}),
  };
}

async function recordFailure(client: pg.ClientBase, options: ImportOptions, summary: ImportSummary): Promise<void> {
  if (options.dryRun) return;
  const recorded =
    options.runId !== undefined
      ? client.query(`UPDATE import_run SET status = 'FAILED', finished_at = now(), rejected = $2 WHERE id = $1`, [options.runId, summary.rejected])
      : client.query(
          `INSERT INTO import_run (org_id, kind, file_name, status, created_by_id, finished_at, rejected) VALUES ($1, $2, $3, 'FAILED', $4, now(), $5)`,
          [options.orgId, options.kind, options.fileName, options.createdById ?? null, summary.rejected],
        );
  await recorded.catch(() => undefined);
}
