// `npm run db:restore -- <file> [--force]`: a file from `npm run db:backup` into DATABASE_URL, or the embedded
// server in DATA_DIR. Refuses a database that holds any row unless --force (README "Backups").
import { z } from "zod";
import { BackupError, restoreBackup } from "../db/backup";
import { openCliDatabase } from "./database";

const USAGE = "usage: npm run db:restore -- <file> [--force]";

const argsSchema = z.object({
  file: z
    .string({ error: `name the backup file (${USAGE})` })
    .min(1, { error: "the file name must not be empty" })
    .max(4096, { error: "the file name is longer than 4096 characters" })
    .refine((value) => !value.includes("\0"), { error: "the file name must not contain a NUL character" }),
  force: z.boolean(),
});

function parseArgs(argv: string[]): z.infer<typeof argsSchema> {
  const files: string[] = [];
  let force = false;
  for (const arg of argv) {
    if (arg === "--force") force = true;
    else if (arg.startsWith("-")) throw new BackupError(`unknown option ${arg} (${USAGE})`);
    else files.push(arg);
  }
  if (files.length > 1) throw new BackupError(`name one backup file, not ${files.length} (${USAGE})`);
  const parsed = argsSchema.safeParse({ file: files[0], force });
  if (!parsed.success) throw new BackupError(parsed.error.issues.map((issue) => issue.message).join("; "));
  return parsed.data;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(USAGE);
    return;
  }
  const args = parseArgs(argv);
  const database = await openCliDatabase("Restoring into", { migrate: false });
  try {
    const summary = await restoreBackup(database.url, args.file, { force: args.force, log: (line) => console.log(`▸ ${line}`) });
    const rows = summary.tables.reduce((sum, table) => sum + table.rows, 0);
    console.log(
      `▸ Restored ${args.file}, made ${summary.header.createdAt}: ${rows} rows in ${summary.tables.length} tables` +
        (summary.replaced ? " (the database's earlier contents were replaced)" : ""),
    );
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(`db:restore: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  process.exit(1);
});
