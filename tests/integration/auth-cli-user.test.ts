import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import bcrypt from "bcryptjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { parseUserCommand, runUserCommand } from "@/lib/cli/user";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";

const root = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);
let database: ScratchDatabase;
let db: PrismaClient;

beforeAll(async () => {
  database = await createMigratedDatabase();
  db = createPrismaClient(database.url, { max: 2 });
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

const password = (value: string) => async () => value;

describe("npm run user", () => {
  it("creates the first admin and, with them, the organisation; reads the password from stdin", async () => {
    const child = run(process.execPath, ["--import", "tsx", "lib/cli/user.ts", "create", "--email", "Root@Acme.test", "--role", "ADMIN", "--org", "Acme GmbH", "--password-stdin"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: database.url },
    });
    child.child.stdin?.end("a long enough secret\n");
    const { stdout } = await child;
    expect(stdout).toContain('Created the organisation "Acme GmbH". Created ADMIN Root <root@acme.test>.');
    const user = await db.user.findUniqueOrThrow({ where: { email: "root@acme.test" }, include: { org: true } });
    expect(user).toMatchObject({ role: "ADMIN", active: true, name: "Root", org: { name: "Acme GmbH" } });
    expect(await bcrypt.compare("a long enough secret", user.passwordHash!)).toBe(true);
    expect(stdout).not.toContain("a long enough secret");
  });

  it("refuses a duplicate email, whatever its case, with a clear message", async () => {
    await expect(runUserCommand(parseUserCommand(["create", "--email", "ROOT@acme.test", "--role", "REP"]), database.url, password("another secret"))).rejects.toThrow(
      "a user with email root@acme.test already exists; use `npm run user -- set-password --email root@acme.test`",
    );
  });

  it("puts a manager in charge of an existing team and a rep in it; refuses an unknown team", async () => {
    const org = await db.organization.findFirstOrThrow();
    await db.team.create({ data: { orgId: org.id, name: "North", kind: "AE" } });
    await runUserCommand(parseUserCommand(["create", "--email", "max@acme.test", "--role", "MANAGER", "--name", "Max Quast", "--team", "North"]), database.url, password("manager secret"));
    await runUserCommand(parseUserCommand(["create", "--email", "rita.rep@acme.test", "--role", "REP", "--team", "North"]), database.url, password("rep secret!!"));
    const team = await db.team.findFirstOrThrow({ where: { name: "North" }, include: { manager: true, reps: true } });
    expect(team.manager?.email).toBe("max@acme.test");
    expect(team.reps.map((rep) => rep.name)).toEqual(["Rita Rep"]);
    await expect(runUserCommand(parseUserCommand(["create", "--email", "x@acme.test", "--role", "REP", "--team", "South"]), database.url, password("rep secret!!"))).rejects.toThrow(
      'no team "South" in Acme GmbH; teams: "North"',
    );
  });

  it("refuses a short password before writing anything", async () => {
    await expect(runUserCommand(parseUserCommand(["create", "--email", "short@acme.test", "--role", "REP"]), database.url, password("short"))).rejects.toThrow(/at least|10 to 200/);
    expect(await db.user.count({ where: { email: "short@acme.test" } })).toBe(0);
  });

  it("sets a password and ends the user's sessions, with an audit row", async () => {
    const before = await db.user.findUniqueOrThrow({ where: { email: "max@acme.test" } });
    await runUserCommand(parseUserCommand(["set-password", "--email", "max@acme.test"]), database.url, password("a brand new secret"));
    const after = await db.user.findUniqueOrThrow({ where: { email: "max@acme.test" } });
    expect(after.tokenVersion).toBe(before.tokenVersion + 1);
    expect(await bcrypt.compare("a brand new secret", after.passwordHash!)).toBe(true);
    expect(await db.auditLog.findFirst({ where: { action: "user.set_password", entityId: String(after.id) } })).toMatchObject({ actorId: null });
  });

  it("deactivates a user, ending their sessions; never the last active admin", async () => {
    await runUserCommand(parseUserCommand(["deactivate", "--email", "rita.rep@acme.test"]), database.url, password("unused"));
    expect(await db.user.findUniqueOrThrow({ where: { email: "rita.rep@acme.test" } })).toMatchObject({ active: false, tokenVersion: 1 });
    await expect(runUserCommand(parseUserCommand(["deactivate", "--email", "root@acme.test"]), database.url, password("unused"))).rejects.toThrow(/last active administrator/);
    const actions = (await db.auditLog.findMany({ orderBy: { id: "asc" } })).map((row) => row.action);
    expect(actions).toEqual(["user.create", "user.create", "user.create", "user.set_password", "user.deactivate"]);
  });
});

describe("parseUserCommand", () => {
  it.each([
    [["create", "--email", "a@b.test"], /--role/],
    [["create", "--email", "nope", "--role", "ADMIN"], /--email/],
    [["create", "--email", "a@b.test", "--role", "OWNER"], /ADMIN, MANAGER or REP/],
    [["create", "--email", "a@b.test", "--role", "ADMIN", "--colour", "red"], /unknown option --colour/],
    [["delete", "--email", "a@b.test"], /create, set-password or deactivate/],
    [["deactivate", "--email"], /--email needs a value/],
  ])("refuses %j", (argv, message) => {
    expect(() => parseUserCommand(argv)).toThrow(message);
  });

  it("reads --flag=value and normalises the email", () => {
    expect(parseUserCommand(["create", "--email=Ann@B.test", "--role=MANAGER", "--password-stdin"])).toEqual({ command: "create", email: "ann@b.test", role: "MANAGER", passwordStdin: true });
  });
});
