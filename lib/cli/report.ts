// `npm run report -- --year 2025 [--team "<name>"] [--org "<name>"] [--format json|csv]`: the year's metrics as
// the organisation's administrator, for the organisation or one team, on stdout (README "Report").
import { z } from "zod";
import { cliAdminViewer } from "../auth/cli-admin-viewer";
import { createPrismaClient } from "../db/create-client";
import { queryScopeLabels } from "../kpi/query-scope-labels";
import { periodOf } from "../kpi/period";
import { buildReport } from "../report/build-report";
import { reportCsv } from "../report/report-csv";
import { openCliDatabase } from "./database";

const USAGE = 'usage: npm run report -- --year <YYYY> [--team "<name>"] [--org "<name>"] [--format json|csv]';

const argsSchema = z.object({
  year: z.coerce.number().int().min(1970).max(9999),
  team: z.string().min(1).optional(),
  org: z.string().min(1).optional(),
  format: z.enum(["json", "csv"]).default("json"),
});

function parseArgs(argv: string[]): z.infer<typeof argsSchema> {
  const options: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      process.exit(0);
    }
    const match = /^--(year|team|org|format)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`unknown argument ${arg} (${USAGE})`);
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${match[1]} needs a value (${USAGE})`);
    options[match[1] as string] = value;
  }
  const parsed = argsSchema.safeParse(options);
  if (!parsed.success) throw new Error(`${parsed.error.issues.map((issue) => `--${issue.path.join(".")}: ${issue.message}`).join("; ")} (${USAGE})`);
  return parsed.data;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  // The database's progress lines go to stderr so that stdout is only the report.
  const log = console.log;
  console.log = (...items: unknown[]) => console.error(...items);
  const database = await openCliDatabase("Report from");
  const client = createPrismaClient(database.url);
  try {
    const viewer = await cliAdminViewer(client, args.org);
    const org = await client.organization.findUniqueOrThrow({ where: { id: viewer.orgId }, select: { timeZone: true } });
    let teamId: number | undefined;
    if (args.team !== undefined) {
      const labels = await queryScopeLabels(client, viewer);
      const team = labels.teams.find((t) => t.name.toLocaleLowerCase() === args.team?.toLocaleLowerCase());
      if (!team) throw new Error(`No team named "${args.team}" (teams: ${labels.teams.map((t) => t.name).join(", ")})`);
      teamId = team.id;
    }
    const report = await buildReport(client, viewer, { period: periodOf({ kind: "year", year: args.year }, org.timeZone), teamId });
    log(args.format === "csv" ? reportCsv(report).trimEnd() : JSON.stringify(report, null, 2));
  } finally {
    await client.$disconnect();
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(`report: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  process.exit(1);
});
