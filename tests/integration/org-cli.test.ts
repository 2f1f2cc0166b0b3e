// `npm run org`: show and set the organisation's settings from the command line, with the page's validation (each
// bad value named by its flag, nothing written), one audit row of the command line per change, and exit codes.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OrgCommandError, parseOrgCommand, runOrgCommand } from "@/lib/cli/org";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { databaseFingerprint } from "./authorization-fixture";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";

const root = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);
let database: ScratchDatabase;
let db: PrismaClient;

/** The CLI as a user runs it: exit code, stdout and stderr. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "lib/cli/org.ts", ...args], { cwd: root, env: { ...process.env, DATABASE_URL: database.url } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  database = await createMigratedDatabase();
  db = createPrismaClient(database.url, { max: 2 });
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

describe("parsing npm run org", () => {
  it("reads every setting's flag, as --flag value and --flag=value", () => {
    expect(
      parseOrgCommand([
        "set",
        "--org",
        "Acme GmbH",
        "--name=Acme AG",
        "--currency",
        "chf",
        "--time-zone",
        "europe/zurich",
        "--stale-days",
        "21",
        "--stuck-factor=2,5",
        "--coaching-minutes",
        "240",
        "--managers-edit-stage-rules",
        "yes",
      ]),
    ).toEqual({
      command: "set",
      org: "Acme GmbH",
      change: { name: "Acme AG", currency: "CHF", timeZone: "Europe/Zurich", staleAfterDays: 21, stuckFactor: 2.5, coachingTargetMinutes: 240, managersEditStageRules: true },
    });
    expect(parseOrgCommand(["show"])).toEqual({ command: "show", org: undefined });
  });

  it.each([
    [["set", "--stale-days", "0"], "--stale-days: must be 1–365 days"],
    [["set", "--stale-days", "400"], "--stale-days: must be 1–365 days"],
    [["set", "--stale-days", "1.5"], "--stale-days: must be a whole number"],
    [["set", "--stuck-factor", "10.5"], "--stuck-factor: must be 1–10"],
    [["set", "--stuck-factor", "2.125"], "--stuck-factor: must be a number with at most two decimals"],
    [["set", "--coaching-minutes", "6001"], "--coaching-minutes: must be 0–6000 minutes"],
    [["set", "--currency", "EURO"], "--currency: must be three letters (ISO 4217), e.g. EUR"],
    [["set", "--currency", "ABC"], "--currency: is not an ISO 4217 currency code"],
    [["set", "--time-zone", "GMT+3"], "--time-zone: is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)"],
    [["set", "--managers-edit-stage-rules", "maybe"], "--managers-edit-stage-rules: must be yes or no"],
    [["set", "--name", " "], "--name: must not be empty"],
    [["set", "--stale-days", "3", "--stale-days", "4"], "--stale-days is given twice"],
    [["set", "--colour", "red"], "unknown option --colour"],
    [["show", "--name", "x"], "unknown option --name"],
    [["set", "--stale-days"], "--stale-days needs a value"],
    [["set"], "nothing to set: give at least one setting"],
    [["delete"], "the command must be show or set"],
  ])("refuses %j: %s", (argv, message) => {
    expect(() => parseOrgCommand(argv)).toThrow(OrgCommandError);
    expect(() => parseOrgCommand(argv)).toThrow(message);
  });
});

describe("running npm run org", () => {
  it("says how to begin when there is no organisation yet", async () => {
    await expect(runOrgCommand({ command: "show" }, database.url)).rejects.toThrow(/no organisation yet: create it with its first administrator, `npm run user -- create/);
  });

  it("shows the settings, each beside the flag that sets it", async () => {
    const org = await db.organization.create({ data: { name: "Acme GmbH" } });
    await db.user.create({ data: { orgId: org.id, name: "Ada Admin", email: "ada@acme.test", role: "ADMIN", passwordHash: "x" } });
    const { code, stdout } = await cli("show");
    expect(code).toBe(0);
    expect(stdout).toContain(
      [
        'Settings of "Acme GmbH":',
        "  --name                       Acme GmbH",
        "  --currency                   USD",
        "  --time-zone                  UTC",
        "  --stale-days                 14",
        "  --stuck-factor               2",
        "  --coaching-minutes           180 (3 h per rep and month)",
        "  --managers-edit-stage-rules  no",
      ].join("\n"),
    );
  });

  it("sets what it is given, with one audit row of the command line holding before and after", async () => {
    const { code, stdout } = await cli("set", "--currency", "eur", "--time-zone", "Europe/Berlin", "--stuck-factor", "1.75", "--managers-edit-stage-rules", "yes");
    expect(code).toBe(0);
    expect(stdout).toContain(
      [
        "Changed (recorded in the audit log):",
        "  --currency                   USD → EUR",
        "  --time-zone                  UTC → Europe/Berlin",
        "  --stuck-factor               2 → 1.75",
        "  --managers-edit-stage-rules  no → yes",
      ].join("\n"),
    );
    expect(stdout).toMatch(/Rebuilt the derived KPI tables for the new time zone in \d+\.\d s\./);
    expect(await db.organization.findFirstOrThrow()).toMatchObject({ currency: "EUR", timeZone: "Europe/Berlin", managersEditStageRules: true, staleAfterDays: 14 });
    const audit = await db.auditLog.findMany({ where: { entity: "organization" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: null,
      action: "organization.update",
      before: { currency: "USD", timeZone: "UTC", stuckFactor: 2, managersEditStageRules: false },
      after: { currency: "EUR", timeZone: "Europe/Berlin", stuckFactor: 1.75, managersEditStageRules: true, via: "command line" },
    });
  });

  it("changes nothing and says so when the values are already set", async () => {
    expect(await runOrgCommand(parseOrgCommand(["set", "--currency", "EUR", "--stale-days", "14"]), database.url)).toBe("Nothing changed: the organisation already has these settings.");
    expect(await db.auditLog.count({ where: { entity: "organization" } })).toBe(1);
  });

  it("exits 1 with the flag's message on a bad value, writing nothing", async () => {
    const fingerprint = await databaseFingerprint(db);
    const { code, stderr } = await cli("set", "--name", "Renamed", "--stale-days", "0");
    expect(code).toBe(1);
    expect(stderr.trim()).toBe("org: --stale-days: must be 1–365 days");
    expect(await databaseFingerprint(db)).toEqual(fingerprint);
  });

  it("picks the organisation with --org when there are several, and names them when it is missing", async () => {
    const other = await db.organization.create({ data: { name: "Other Ltd" } });
    await db.user.create({ data: { orgId: other.id, name: "Olga Admin", email: "olga@other.test", role: "ADMIN", passwordHash: "x" } });
    await expect(runOrgCommand(parseOrgCommand(["set", "--stale-days", "7"]), database.url)).rejects.toThrow("Several organisations (Acme GmbH, Other Ltd): pick one with --org");
    await expect(runOrgCommand(parseOrgCommand(["show", "--org", "Nobody"]), database.url)).rejects.toThrow('No organisation named "Nobody"');
    await runOrgCommand(parseOrgCommand(["set", "--org", "Other Ltd", "--stale-days", "7"]), database.url);
    expect((await db.organization.findUniqueOrThrow({ where: { id: other.id } })).staleAfterDays).toBe(7);
    expect((await db.organization.findFirstOrThrow({ where: { name: "Acme GmbH" } })).staleAfterDays).toBe(14);
  });

  it("prints its usage with --help and exits 0", async () => {
    const { code, stdout } = await cli("--help");
    expect(code).toBe(0);
    expect(stdout).toContain("npm run org -- set [--org");
  });
});
