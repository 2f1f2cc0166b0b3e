// `npm run db:backup [file]`: the whole database (DATABASE_URL, or the embedded server in DATA_DIR) to one gzip
// file, by default backups/backup-<UTC time>.gz under the current folder (README "Backups").
import { z } from "zod";
import { BackupError, writeBackup } from "../db/backup";
import { openCliDatabase } from "./database";

const USAGE = "usage: npm run db:backup [-- <file>]";

const fileSchema = z
  .string()
  .min(1, { error: "the file name must not be empty" })
  .max(4096, { error: "the file name is longer than 4096 characters" })
  .refine((value) => !value.includes("\0"), { error: "the file name must not contain a NUL character" })
  .refine((value) => !value.startsWith("-"), { error: `unknown option (${USAGE})` });

const argsSchema = z.tuple([fileSchema]).or(z.tuple([]));

function defaultFile(now: Date): string {
  const stamp = now.toISOString().slice(0, 19).replaceAll(":", "-");
  return `backups/backup-${stamp}Z.gz`;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(USAGE);
    return;
  }
  const parsed = argsSchema.safeParse(argv);
  if (!parsed.success) throw new BackupError(`${parsed.error.issues.map((issue) => issue.message).join("; ")} (${USAGE})`);
  const file = parsed.data[0] ?? defaultFile(new Date());
  const database = await openCliDatabase("Backing up");
  try {
    const summary = await writeBackup(database.url, file);
    const rows = summary.tables.reduce((sum, table) => sum + table.rows, 0);
    console.log(`▸ Wrote ${summary.file} (${(summary.bytes / 1024).toFixed(1)} KiB, gzip)`);
    console.log(`▸ ${rows} rows in ${summary.tables.length} tables, ${summary.header.sequences.length} sequences, schema at migration ${summary.header.migrations.at(-1)}`);
    console.log(`▸ Restore it with: npm run db:restore -- ${summary.file}`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(`db:backup: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  process.exit(1);
});
