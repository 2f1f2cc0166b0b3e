// `npm run plan -- --year <YYYY> --team "<name>" --target <amount> [--org "<name>"] [--format json]
//   [--avg-deal-size <money>] [--win-rate <0–1>] [--hand-over-rate <0–1>] [--cycle-days <days>]`:
// the pipeline plan for a team's next-year revenue target (README "Pipeline plan"), worked back through last year's
// figures from lib/kpi, as the organisation's administrator. An assumption given on the command line replaces the
// figure from the data (needed when the data has none).
import { z } from "zod";
import { cliAdminViewer } from "../auth/cli-admin-viewer";
import { createPrismaClient } from "../db/create-client";
import { queryScopeLabels } from "../kpi/query-scope-labels";
import { buildPipelinePlan, MAX_TARGET, PlanInputError, type PipelinePlan } from "../plan/pipeline-plan";
import { planDefaults } from "../plan/plan-defaults";
import { openCliDatabase } from "./database";
import { runAsMain } from "./run-cli";

const USAGE =
  'usage: npm run plan -- --year <YYYY> --team "<name>" --target <amount> [--org "<name>"] [--format json]\n' +
  "       [--avg-deal-size <amount>] [--win-rate <0-1>] [--hand-over-rate <0-1>] [--cycle-days <days>]";

const FLAG_OF: Record<string, string> = {
  avgDealSize: "--avg-deal-size",
  winRateFromFirstMeeting: "--win-rate",
  handOverToFirstMeeting: "--hand-over-rate",
  cycleDays: "--cycle-days",
  target: "--target",
  year: "--year",
  reps: "--team",
};

export class PlanCommandError extends Error {}

const decimal = (name: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, { error: `${name} must be a number` })
    .transform(Number);

const argsSchema = z.strictObject({
  year: z.string().regex(/^\d{4}$/, { error: "--year must be a year such as 2027" }).transform(Number).pipe(z.number().int().min(2000, { error: "--year must be 2000–2100" }).max(2100, { error: "--year must be 2000–2100" })),
  team: z.string().trim().min(1, { error: "--team must name a team" }).max(120, { error: "--team is too long" }).refine((s) => !s.includes("\0"), { error: "--team must not contain NUL" }),
  target: z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d{1,2})?$/, { error: "--target must be an amount such as 1200000 or 1200000.50" })
    .transform(Number)
    .pipe(z.number().gt(0, { error: "--target must be more than 0" }).max(MAX_TARGET, { error: `--target must be at most ${MAX_TARGET.toExponential()}` })),
  org: z.string().trim().min(1).max(120).optional(),
  format: z.enum(["json"], { error: "--format must be json" }).default("json"),
  avgDealSize: decimal("--avg-deal-size").pipe(z.number().gt(0, { error: "--avg-deal-size must be more than 0" }).max(MAX_TARGET)).optional(),
  winRate: decimal("--win-rate").pipe(z.number().gt(0, { error: "--win-rate must be more than 0" }).max(1, { error: "--win-rate is a fraction, at most 1" })).optional(),
  handOverRate: decimal("--hand-over-rate").pipe(z.number().gt(0, { error: "--hand-over-rate must be more than 0" }).max(1, { error: "--hand-over-rate is a fraction, at most 1" })).optional(),
  cycleDays: decimal("--cycle-days").pipe(z.number().min(0).max(3650, { error: "--cycle-days must be at most 3650" })).optional(),
});

export type PlanArgs = z.infer<typeof argsSchema>;

export function parsePlanArgs(argv: string[]): PlanArgs {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!match) throw new PlanCommandError(`unexpected argument "${arg}"\n${USAGE}`);
    const [, flag = "", inline] = match;
    const key = flag.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
    if (!(key in argsSchema.shape)) throw new PlanCommandError(`unknown option --${flag}\n${USAGE}`);
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith("--"))) throw new PlanCommandError(`--${flag} needs a value\n${USAGE}`);
    raw[key] = value;
  }
  for (const required of ["year", "team", "target"]) if (!(required in raw)) throw new PlanCommandError(`--${required} is required\n${USAGE}`);
  const parsed = argsSchema.safeParse(raw);
  if (!parsed.success) throw new PlanCommandError(`${parsed.error.issues.map((issue) => issue.message).join("; ")}\n${USAGE}`);
  return parsed.data;
}

/** The plan for the parsed arguments on the database at `url`, as the organisation's administrator. */
export async function runPlan(url: string, args: PlanArgs): Promise<PipelinePlan> {
  const client = createPrismaClient(url);
  try {
    const viewer = await cliAdminViewer(client, args.org);
    const org = await client.organization.findUniqueOrThrow({ where: { id: viewer.orgId }, select: { timeZone: true } });
    const labels = await queryScopeLabels(client, viewer);
    const team = labels.teams.find((t) => t.name.toLocaleLowerCase() === args.team.toLocaleLowerCase());
    if (!team) throw new PlanCommandError(`--team: no team named "${args.team}" (teams: ${labels.teams.map((t) => t.name).join(", ")})`);
    const defaults = await planDefaults(client, viewer, { teamId: team.id, planYear: args.year, timeZone: org.timeZone });
    const a = defaults.assumptions;
    try {
      return buildPipelinePlan({
        year: args.year,
        target: args.target,
        sdrFed: defaults.sdrFed,
        monthlyRevenue: defaults.monthlyRevenue,
        reps: defaults.reps,
        assumptions: {
          avgDealSize: args.avgDealSize ?? a.avgDealSize,
          winRateFromFirstMeeting: args.winRate ?? a.winRateFromFirstMeeting,
          handOverToFirstMeeting: args.handOverRate ?? a.handOverToFirstMeeting,
          cycleDays: args.cycleDays ?? a.cycleDays,
        },
      });
    } catch (error) {
      if (error instanceof PlanInputError) {
        throw new PlanCommandError(error.issues.map((issue) => `${FLAG_OF[issue.field] ?? issue.field}: ${issue.message}${FLAG_OF[issue.field] && issue.code !== "range" && issue.field !== "reps" ? ` with ${FLAG_OF[issue.field]}` : ""}`).join("\n"));
      }
      throw error;
    }
  } finally {
    await client.$disconnect();
  }
}

async function main(): Promise<void> {
  const args = parsePlanArgs(process.argv.slice(2));
  // The database's progress lines go to stderr so that stdout is only the plan.
  const log = console.log;
  console.log = (...items: unknown[]) => console.error(...items);
  const database = await openCliDatabase("Plan from");
  try {
    log(JSON.stringify(await runPlan(database.url, args), null, 2));
  } finally {
    await database.close();
  }
}

runAsMain(import.meta.url, "plan", main, PlanCommandError);
