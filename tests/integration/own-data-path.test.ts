// Issue 13: a real install from an empty database to the year's report, through the command line only — the
// commands of the README's "Start with your own data", run as they are written, on the files in docs/examples.
// The report's figures are checked against figures this test computes itself from those files (not via lib/kpi).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";

const root = path.resolve(import.meta.dirname, "../..");
const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
const scripts = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
const PASSWORD = "a long enough secret";
const YEAR = "2025";

let database: ScratchDatabase;
let sql: pg.Client;

interface Run {
  command: string;
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The `npm run` lines of the README's section, in order, as argument lists. */
function readmeCommands(): string[][] {
  const section = readme.slice(readme.indexOf("## Start with your own data"), readme.indexOf("## Configuration"));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
  return block
    .split("\n")
    .filter((line) => line.startsWith("npm run "))
    .map((line) => [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!));
}

function spawnNode(args: string[], stdin?: string): Promise<Omit<Run, "command">> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, DATABASE_URL: database.url }, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(stdin ?? "");
  });
}

/** Runs one README line: its npm script as `node --import tsx <file> …`, the first admin's password on stdin. */
async function runReadmeCommand(words: string[]): Promise<Run> {
  const command = words.join(" ");
  const [, , script, separator, ...rest] = words;
  expect(separator, command).toBe("--");
  const definition = scripts[script!];
  if (!definition) throw new Error(`the README runs npm run ${script}, which package.json does not have`);
  const nodeArgs = definition.replace(/^exec /, "").split(" ").slice(1);
  const isUserCreate = script === "user" && rest[0] === "create";
  const run = await spawnNode([...nodeArgs, ...rest, ...(isUserCreate ? ["--password-stdin"] : [])], isUserCreate ? `${PASSWORD}\n` : undefined);
  return { command, ...run };
}

// ——— The figures, from the example files and the README's rules, computed here ———

interface ExampleDeal {
  id: string;
  owner: string;
  stage: string;
  amount: number;
  created: string;
  closed: string | null;
  type: string;
  undated: "closeDate" | "default" | null;
}

const example = (file: string) => fs.readFileSync(path.join(root, "docs/examples", file), "utf8");
const isoDate = (ddmmyyyy: string) => ddmmyyyy.split(".").reverse().join("-");
const euros = (text: string) => (text ? Number(text.replace(/\./g, "").replace(",", ".")) : 0);
const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;
const inYear = (date: string | null) => date !== null && date.startsWith(YEAR);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const roundHalfAway = (x: number, places: number) => Math.sign(x) * Math.round(Math.abs(x) * 10 ** places) / 10 ** places;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

function exampleDeals(): ExampleDeal[] {
  const mapping = JSON.parse(example("deals-mapping.json")) as { values: { stage: Record<string, string> }; defaults: { created: string } };
  const [, ...lines] = example("deals.csv").trim().split("\n");
  return lines.map((line) => {
    const [id, , owner, phase, value, opened, closedOn, , , kind] = line.split(";") as string[];
    const stage = mapping.values.stage[phase!] ?? phase!;
    const closed = closedOn ? isoDate(closedOn) : null;
    // README: no creation date → the earlier of defaults.created and the close date.
    let created = opened ? isoDate(opened) : mapping.defaults.created;
    let undated: ExampleDeal["undated"] = opened ? null : "default";
    if (!opened && closed && closed < created) [created, undated] = [closed, "closeDate"];
    return { id: id!, owner: owner!, stage, amount: euros(value!), created, closed, type: kind!.toUpperCase(), undated };
  });
}

function expectedFigures(deals: ExampleDeal[], quotas: Map<string, number>) {
  const won = deals.filter((d) => d.stage === "WON" && inYear(d.closed));
  const lost = deals.filter((d) => d.stage === "LOST" && inYear(d.closed));
  const revenue = sum(won.map((d) => d.amount));
  const cycles = won.map((d) => days(d.created, d.closed!));
  const created = deals.filter((d) => inYear(d.created));
  const quota = sum([...quotas.values()]);
  const repRevenue = (rep: string) => sum(won.filter((d) => d.owner === rep).map((d) => d.amount));
  const renewals = deals.filter((d) => d.type === "RENEWAL" && inYear(d.closed));
  const churned = renewals.filter((d) => d.stage === "LOST");
  return {
    won: won.length,
    lost: lost.length,
    winRate: won.length / (won.length + lost.length),
    revenue,
    avgDealSize: revenue / won.length,
    avgCycleDays: roundHalfAway(sum(cycles) / cycles.length, 2),
    medianCycleDays: median(cycles),
    pipelineCreated: created.length,
    pipelineCreatedAmount: sum(created.map((d) => d.amount)),
    quota,
    quotaAttainment: revenue / quota,
    repsAtQuota: [...quotas].filter(([rep, q]) => repRevenue(rep) >= q).length / quotas.size,
    expansionWon: won.filter((d) => d.type === "EXPANSION").length,
    expansionRevenue: sum(won.filter((d) => d.type === "EXPANSION").map((d) => d.amount)),
    churnedRenewals: churned.length,
    churnedAmount: sum(churned.map((d) => d.amount)),
    churnRate: churned.length / renewals.length,
  };
}

function exampleQuotas(): Map<string, number> {
  const [, ...lines] = example("quotas.csv").trim().split("\n");
  return new Map(lines.map((line) => line.split(";") as string[]).filter((cells) => isoDate(cells[1]!).startsWith(YEAR)).map((cells) => [cells[0]!, euros(cells[3]!)]));
}

function exampleTeams(): Map<string, { manager: string; reps: string[] }> {
  const [, ...lines] = example("reps.csv").trim().split("\n");
  const teams = new Map<string, { manager: string; reps: string[] }>();
  for (const [rep, , team, manager] of lines.map((line) => line.split(","))) {
    const entry = teams.get(team!) ?? { manager: manager!, reps: [] };
    entry.reps.push(rep!);
    teams.set(team!, entry);
  }
  return teams;
}

// ——— The path ———

const runs: Run[] = [];

beforeAll(async () => {
  database = await createMigratedDatabase();
  sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  expect((await sql.query(`SELECT count(*)::int AS n FROM organization`)).rows[0]).toEqual({ n: 0 });
  let dealsAfterDryRun: number | undefined;
  for (const words of readmeCommands()) {
    const run = await runReadmeCommand(words);
    runs.push(run);
    if (run.status !== 0) break;
    if (words.includes("--dry-run")) dealsAfterDryRun = Number((await sql.query(`SELECT count(*) AS n FROM deal`)).rows[0].n);
  }
  expect(dealsAfterDryRun).toBe(0);
}, 600_000);

afterAll(async () => {
  await sql?.end();
  await database?.drop();
});

const runOf = (pattern: RegExp) => {
  const run = runs.find((r) => pattern.test(r.command));
  if (!run) throw new Error(`no README command matches ${pattern}`);
  return run;
};

describe("a real install from an empty database, through the README's commands", () => {
  it("runs every command of the section, each exiting 0", () => {
    expect(runs.map((r) => r.command)).toEqual(readmeCommands().map((words) => words.join(" ")));
    for (const run of runs) expect({ command: run.command, status: run.status, stderr: run.status === 0 ? "" : run.stderr + run.stdout }).toEqual({ command: run.command, status: 0, stderr: "" });
    expect(runs.map((r) => r.command.split(" ")[2])).toEqual(["user", "org", "pipeline", "import", "import", "import", "import", "import", "report"]);
  });

  it("creates the organisation and its first administrator, who can sign in", async () => {
    const admin = await sql.query(`SELECT u.email, u.role, u.active, u.password_hash IS NOT NULL AS has_password, o.name AS org FROM app_user u JOIN organization o ON o.id = u.org_id WHERE u.role = 'ADMIN'`);
    expect(admin.rows).toEqual([{ email: "admin@example.com", role: "ADMIN", active: true, has_password: true, org: "Example GmbH" }]);
  });

  it("imports the reps into their teams, the team leads as managers without a password", async () => {
    const teams = exampleTeams();
    const stored = await sql.query<{ team: string; manager: string; role: string; invited: boolean; reps: string[] }>(
      `SELECT t.name AS team, u.name AS manager, u.role, u.password_hash IS NULL AS invited, array_agg(r.name ORDER BY r.id) AS reps
         FROM team t JOIN app_user u ON u.id = t.manager_id JOIN rep r ON r.team_id = t.id GROUP BY t.name, u.name, u.role, u.password_hash ORDER BY t.name`,
    );
    expect(stored.rows).toEqual([...teams].map(([team, t]) => ({ team, manager: t.manager, role: "MANAGER", invited: true, reps: t.reps })).sort((a, b) => a.team.localeCompare(b.team)));
    expect(runOf(/import -- reps/).stdout).toMatch(/2 managers were created without a password/);
    expect((await sql.query(`SELECT kind::text, count(*)::int AS n FROM rep GROUP BY kind ORDER BY kind::text`)).rows).toEqual([
      { kind: "AE", n: 4 },
      { kind: "SDR", n: 1 },
    ]);
  });

  it("imports the deals without a name column and with blank creation dates, and says how it dated them", async () => {
    const deals = exampleDeals();
    const run = runOf(/import -- deals .*(?<!--dry-run)$/);
    const toDefault = deals.filter((d) => d.undated === "default").length;
    const toClose = deals.filter((d) => d.undated === "closeDate").length;
    expect(run.stdout).toContain(
      `${toDefault + toClose} deals had no creation date: ${toClose} set to their close date (a sales cycle of 0 days), ${toDefault} set to the mapping's defaults.created`,
    );
    // The README quotes that line.
    expect(readme).toContain(
      `${toDefault + toClose} deals had no creation date: ${toClose} set to their close date (a sales cycle of 0 days), ${toDefault} set to the mapping's defaults.created`,
    );
    const stored = await sql.query<{ id: string; name: string; created: string }>(
      `SELECT d.external_id AS id, d.name, to_char(d.created_at AT TIME ZONE o.time_zone, 'YYYY-MM-DD') AS created FROM deal d JOIN organization o ON o.id = d.org_id ORDER BY d.external_id`,
    );
    const customer = new Map(example("deals.csv").trim().split("\n").slice(1).map((line) => [line.split(";")[0]!, line.split(";")[1]!]));
    expect(stored.rows).toEqual(deals.map((d) => ({ id: d.id, name: `${customer.get(d.id)} — ${d.id}`, created: d.created })).sort((a, b) => a.id.localeCompare(b.id)));
  });

  it("reports the year's figures as computed from the files", () => {
    const report = JSON.parse(runOf(/^npm run report/).stdout) as {
      period: { start: string; end: string };
      total: Record<string, number | null>;
      reps: Array<{ name: string; won: number; revenue: number }>;
      teams: Array<{ name: string; manager: string | null; won: number; revenue: number }>;
      openPipeline: Array<{ stage: string; count: number; amount: number }>;
    };
    expect(report.period).toMatchObject({ start: `${YEAR}-01-01`, end: `${Number(YEAR) + 1}-01-01` });
    const deals = exampleDeals();
    const expected = expectedFigures(deals, exampleQuotas());
    const { total } = report;
    for (const key of ["won", "lost", "pipelineCreated", "expansionWon", "churnedRenewals", "avgCycleDays", "medianCycleDays"] as const) expect(total[key], key).toBe(expected[key]);
    for (const key of ["revenue", "avgDealSize", "pipelineCreatedAmount", "quota", "expansionRevenue", "churnedAmount"] as const) expect(total[key], key).toBeCloseTo(expected[key], 2);
    for (const key of ["winRate", "quotaAttainment", "repsAtQuota", "churnRate"] as const) expect(total[key], key).toBeCloseTo(expected[key], 4);

    // By rep (who closed the deal) and by team (the sum of its reps).
    const wonIn = (owners: string[]) => deals.filter((d) => d.stage === "WON" && inYear(d.closed) && owners.includes(d.owner));
    for (const rep of report.reps) expect({ rep: rep.name, won: rep.won, revenue: rep.revenue }).toEqual({ rep: rep.name, won: wonIn([rep.name]).length, revenue: sum(wonIn([rep.name]).map((d) => d.amount)) });
    const teams = exampleTeams();
    expect(report.teams.map((t) => ({ name: t.name, manager: t.manager, won: t.won, revenue: t.revenue })).sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      [...teams].map(([name, t]) => ({ name, manager: t.manager, won: wonIn(t.reps).length, revenue: sum(wonIn(t.reps).map((d) => d.amount)) })).sort((a, b) => a.name.localeCompare(b.name)),
    );

    // Open when the year ends, by stage.
    const byStage = new Map<string, { count: number; amount: number }>();
    for (const d of deals.filter((deal) => deal.closed === null)) {
      const entry = byStage.get(d.stage) ?? { count: 0, amount: 0 };
      byStage.set(d.stage, { count: entry.count + 1, amount: entry.amount + d.amount });
    }
    expect(report.openPipeline.map((row) => [row.stage, row.count, row.amount]).sort()).toEqual([...byStage].map(([stage, e]) => [stage, e.count, e.amount]).sort());
  });
});
