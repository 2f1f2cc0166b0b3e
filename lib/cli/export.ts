// `npm run export -- <kind> [--out file.csv] [--org "<name>"]`: an organisation's rows of one kind as CSV in the
// import's field names, so the file imports back without changes. Writes to stdout without --out.
import fs from "node:fs";
import pg from "pg";
import { exportKind } from "../export/export-kind";
import { openCliDatabase } from "../import/cli-database";
import { IMPORT_KINDS, type ImportKind } from "../import/kinds/import-kinds";
import { findOrganization } from "../import/load/find-organization";

const USAGE = `usage: npm run export -- <${IMPORT_KINDS.join("|")}> [--out file.csv] [--org "<name>"]`;

function parseArgs(argv: string[]): { kind: ImportKind; out?: string; org?: string } {
  const options: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      process.exit(0);
    }
    const match = /^--(out|org)(?:=(.*))?$/.exec(arg);
    if (match) {
      const value = match[2] ?? argv[++i];
      if (value === undefined) throw new Error(`--${match[1]} needs a value (${USAGE})`);
      options[match[1] as string] = value;
    } else if (arg.startsWith("--")) throw new Error(`unknown option ${arg} (${USAGE})`);
    else positional.push(arg);
  }
  const kind = IMPORT_KINDS.find((k) => k === positional[0]);
  if (!kind || positional.length !== 1) throw new Error(USAGE);
  return { kind, out: options.out, org: options.org };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  // Progress goes to stderr so stdout stays the CSV.
  const database = await openCliDatabase((line) => console.error(`▸ ${line}`));
  const client = new pg.Client({ connectionString: database.url });
  try {
    await client.connect();
    const org = await findOrganization(client, args.org);
    await exportKind(client, args.kind, org.id, args.out ? fs.createWriteStream(args.out) : process.stdout);
    if (args.out) console.error(`▸ Wrote ${args.kind} of ${org.name} to ${args.out}`);
  } finally {
    await client.end().catch(() => undefined);
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(`export: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  process.exit(1);
});
