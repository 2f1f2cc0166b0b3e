// `npm run import -- <kind> <file.csv> [--mapping <mapping.json|preset>] [--pipeline "<name>"] [--dry-run] [--skip-invalid]
//  [--create-missing reps,accounts,managers] [--encoding utf-8|windows-1251] [--org "<name>"]`
// Imports one CSV file in one transaction into DATABASE_URL, or the embedded server in .data/postgres when it is not set.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { z } from "zod";
import { openCliDatabase } from "../import/cli-database";
import { IMPORT_KINDS } from "../import/kinds/import-kinds";
import { findOrganization } from "../import/load/find-organization";
import { readMappingArgument } from "../import/read-mapping-argument";
import { importMessageText } from "../import/messages/import-message-text";
import { summaryNotes } from "../import/messages/summary-notes";
import { ImportFileError } from "../import/parse/import-file-error";
import { TEXT_ENCODINGS } from "../import/parse/detect-encoding";
import { checkFileSize } from "../import/check-file-size";
import { runImport, type ImportSummary } from "../import/run-import";
import { progressBar } from "./output";

const USAGE = `usage: npm run import -- <${IMPORT_KINDS.join("|")}> <file.csv> [--mapping <mapping.json|salesforce|hubspot|pipedrive|amocrm>] [--pipeline "<name>"] [--dry-run] [--skip-invalid] [--create-missing reps,accounts,managers] [--encoding utf-8|windows-1251] [--org "<name>"]`;
// Rejected rows printed before "… and N more".
const MAX_PRINTED_REJECTIONS = 50;

const argsSchema = z.strictObject(
  {
    kind: z.enum(IMPORT_KINDS, { error: `the kind must be one of ${IMPORT_KINDS.join(", ")}` }),
    file: z.string({ error: "name the CSV file" }),
    mapping: z.string().optional(),
    pipeline: z.string().optional(),
    org: z.string().optional(),
    "dry-run": z.boolean().default(false),
    "skip-invalid": z.boolean().default(false),
    "create-missing": z
      .string()
      .transform((s) => s.split(",").map((x) => x.trim()))
      .pipe(z.array(z.enum(["reps", "accounts", "managers"], { error: "--create-missing takes reps, accounts, managers or several, comma-separated" })))
      .default([]),
    encoding: z.enum(TEXT_ENCODINGS, { error: "--encoding must be utf-8 or windows-1251" }).optional(),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `unknown option ${issue.keys.map((k) => `--${k}`).join(", ")}` : undefined) },
);

const FLAGS = new Set(["dry-run", "skip-invalid"]);

/** A mistake on the command line itself, printed without a stack like a file's problem. */
class UsageError extends Error {}

function parseArgs(argv: string[]): z.infer<typeof argsSchema> {
  const raw: Record<string, string | boolean> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      process.exit(0);
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) {
      positional.push(arg);
      continue;
    }
    const [, name = "", inline] = match;
    if (FLAGS.has(name)) raw[name] = true;
    else if (inline !== undefined) raw[name] = inline;
    else {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith("--")) throw new UsageError(`--${name} needs a value`);
      raw[name] = value;
      i++;
    }
  }
  if (positional.length > 2) throw new UsageError(`unexpected argument "${positional[2]}"`);
  const parsed = argsSchema.safeParse({ ...raw, kind: positional[0], file: positional[1] });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((issue) => issue.message).join("; "));
  return parsed.data;
}

export function printSummary(summary: ImportSummary): void {
  const n = (x: number) => x.toLocaleString("en");
  const verdict = summary.imported
    ? "Imported"
    : summary.dryRun
      ? summary.error
        ? "Dry run: the file would not be imported"
        : "Dry run: the file would be imported (nothing written)"
      : "Not imported";
  console.log(`▸ ${verdict}: ${summary.fileName} as ${summary.kind} (${summary.encoding}, "${summary.delimiter === "\t" ? "tab" : summary.delimiter}"-separated, ${n(summary.rows)} rows)`);
  console.log(`    created    ${n(summary.created).padStart(10)}`);
  console.log(`    updated    ${n(summary.updated).padStart(10)}`);
  console.log(`    unchanged  ${n(summary.unchanged).padStart(10)}`);
  console.log(`    rejected   ${n(summary.rejected).padStart(10)}`);
  if (summary.synthesizedHistories > 0) console.log(`    stage histories synthesized for ${n(summary.synthesizedHistories)} deal(s) that had none (KPI.md)`);
  if (summary.createdReps > 0) console.log(`    reps created for missing names: ${n(summary.createdReps)}`);
  if (summary.createdAccounts > 0) console.log(`    accounts created for missing names: ${n(summary.createdAccounts)}`);
  for (const note of summaryNotes(summary)) console.log(`    ${importMessageText(note)}`);
  if (summary.absentColumns.length > 0) console.log(`    columns in the mapping but not in the file (ignored): ${summary.absentColumns.map((c) => `"${c}"`).join(", ")}`);
  if (summary.rejections.length > 0) {
    console.log("  Rejected rows:");
    for (const r of summary.rejections.slice(0, MAX_PRINTED_REJECTIONS)) console.log(`    row ${r.row}, column "${r.column}": ${importMessageText(r.reason)}`);
    if (summary.rejected > MAX_PRINTED_REJECTIONS) console.log(`    … and ${n(summary.rejected - MAX_PRINTED_REJECTIONS)} more`);
  }
  if (summary.error) console.log(`  ${importMessageText(summary.error)}`);
}

const rowsLabel = (rows: number) => `${rows.toLocaleString("en")} ${rows === 1 ? "row" : "rows"}`;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const file = path.resolve(process.cwd(), args.file);
  if (!fs.existsSync(file)) throw new UsageError(`no file ${args.file}`);
  const size = fs.statSync(file).size;
  checkFileSize(size);
  const mapping = await readMappingArgument(args.mapping, args.kind);
  const database = await openCliDatabase((line) => console.log(`▸ ${line}`));
  const client = new pg.Client({ connectionString: database.url });
  try {
    await client.connect();
    const org = await findOrganization(client, args.org);
    const bar = progressBar();
    const started = performance.now();
    const summary = await runImport(client, {
      kind: args.kind,
      fileName: path.basename(file),
      source: fs.createReadStream(file, { highWaterMark: 256 * 1024 }),
      totalBytes: size,
      mapping,
      orgId: org.id,
      pipeline: args.pipeline,
      dryRun: args["dry-run"],
      skipInvalid: args["skip-invalid"],
      createMissing: args["create-missing"],
      encoding: args.encoding,
      onProgress: (bytes, total, rows) => bar(bytes, total, rowsLabel(rows)),
    });
    bar(size, size, rowsLabel(summary.rows));
    printSummary(summary);
    const seconds = (performance.now() - started) / 1000;
    // maxRSS is in kilobytes: the whole process's peak, parsing and batching included.
    const peakMb = process.resourceUsage().maxRSS / 1024;
    console.log(`▸ ${summary.rows.toLocaleString("en")} rows in ${seconds.toFixed(1)} s (${Math.round(summary.rows / seconds).toLocaleString("en")} rows/s), peak memory ${Math.round(peakMb)} MB`);
    // A dry run succeeds when the file would go in: the rows it checked, without an error that would stop it.
    process.exitCode = summary.imported || (summary.dryRun && !summary.error) ? 0 : 1;
  } finally {
    await client.end().catch(() => undefined);
    await database.close();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`import: ${error instanceof ImportFileError || error instanceof UsageError ? message : message.split("\n")[0]}`);
  process.exit(1);
});
