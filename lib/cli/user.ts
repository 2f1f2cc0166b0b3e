// `npm run user -- create --email … --role ADMIN [--name …] [--team …] [--org …] [--password-stdin]`,
// `npm run user -- set-password --email … [--password-stdin]`, `npm run user -- deactivate --email …`:
// accounts on a real install (the first admin above all), in DATABASE_URL or the embedded server.
import bcrypt from "bcryptjs";
import { z } from "zod";
import { createPrismaClient, type PrismaClient } from "../db/create-client";
import { auditRow } from "../data/audit-row";
import { BCRYPT_COST } from "../data/admin-password";
import { emailField, MIN_PASSWORD_LENGTH, passwordField, personNameField } from "../validation/admin-fields";
import { runAsMain, runDatabaseCommand } from "./run-cli";
import { readPassword } from "./read-password";

const USAGE = `usage:
  npm run user -- create --email <email> --role ADMIN|MANAGER|REP [--name "<name>"] [--team "<team>"] [--org "<organisation>"] [--password-stdin]
  npm run user -- set-password --email <email> [--password-stdin]
  npm run user -- deactivate --email <email>
The password is asked for without echo, or read from standard input with --password-stdin.`;
const DEFAULT_ORG = "My company";

export class UserCommandError extends Error {}

const flags = {
  email: emailField,
  passwordStdin: z.boolean().default(false),
};
const commandSchema = z.discriminatedUnion("command", [
  z.strictObject({
    command: z.literal("create"),
    ...flags,
    role: z.enum(["ADMIN", "MANAGER", "REP"], { error: "--role must be ADMIN, MANAGER or REP" }),
    name: personNameField.optional(),
    team: z.string().trim().min(1).max(120).optional(),
    org: z.string().trim().min(1).max(120).optional(),
  }),
  z.strictObject({ command: z.literal("set-password"), ...flags }),
  z.strictObject({ command: z.literal("deactivate"), email: emailField }),
], { error: () => `the command must be create, set-password or deactivate\n${USAGE}` });

export type UserCommand = z.infer<typeof commandSchema>;

/** `--flag value`, `--flag=value` and bare `--password-stdin` into a validated command. */
export function parseUserCommand(argv: string[]): UserCommand {
  const [command, ...rest] = argv;
  const raw: Record<string, unknown> = { command };
  for (let i = 0; i < rest.length; i++) {
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(rest[i] ?? "");
    if (!match) throw new UserCommandError(`unexpected argument "${rest[i]}"\n${USAGE}`);
    const [, flag = "", inline] = match;
    const key = flag.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
    if (key === "passwordStdin") raw.passwordStdin = true;
    else if (inline !== undefined) raw[key] = inline;
    else {
      const value = rest[i + 1];
      if (value === undefined || value.startsWith("--")) throw new UserCommandError(`--${flag} needs a value`);
      raw[key] = value;
      i++;
    }
  }
  const parsed = commandSchema.safeParse(raw);
  if (!parsed.success) {
    throw new UserCommandError(
      parsed.error.issues
        .map((issue) => (issue.code === "unrecognized_keys" ? `unknown option ${issue.keys.map((k) => `--${k}`).join(", ")}` : issue.path.length ? `--${String(issue.path[0])}: ${issue.message}` : issue.message))
        .join("; "),
    );
  }
  return parsed.data;
}

function nameFromEmail(email: string): string {
  return (email.split("@")[0] ?? email)
    .split(/[._-]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join(" ");
}

async function checkedPasswordHash(password: string): Promise<string> {
  const parsed = passwordField.safeParse(password);
  if (!parsed.success) throw new UserCommandError(`the password must be ${MIN_PASSWORD_LENGTH} to 200 characters long`);
  return bcrypt.hash(parsed.data, BCRYPT_COST);
}

async function findUser(db: PrismaClient, email: string) {
  const user = await db.user.findFirst({ where: { email: { equals: email, mode: "insensitive" } } });
  if (!user) throw new UserCommandError(`no user with email ${email}`);
  return user;
}

async function organisationFor(db: Pick<PrismaClient, "organization">, name: string | undefined): Promise<{ id: number; name: string; created: boolean }> {
  const organisations = await db.organization.findMany({ select: { id: true, name: true }, orderBy: { id: "asc" } });
  if (organisations.length === 0) {
    const created = await db.organization.create({ data: { name: name ?? DEFAULT_ORG }, select: { id: true, name: true } });
    return { ...created, created: true };
  }
  const match = name === undefined && organisations.length === 1 ? organisations[0] : organisations.find((o) => o.name === name);
  if (!match) throw new UserCommandError(`choose the organisation with --org: ${organisations.map((o) => `"${o.name}"`).join(", ")}`);
  return { ...match, created: false };
}

/** Runs one command on the database at `url`; returns what to print. `password` is asked for only when needed. */
export async function runUserCommand(command: UserCommand, url: string, password: () => Promise<string>): Promise<string> {
  const db = createPrismaClient(url, { max: 2 });
  try {
    switch (command.command) {
      case "create": {
        if (await db.user.findFirst({ where: { email: { equals: command.email, mode: "insensitive" } }, select: { id: true } })) {
          throw new UserCommandError(`a user with email ${command.email} already exists; use \`npm run user -- set-password --email ${command.email}\``);
        }
        const passwordHash = await checkedPasswordHash(await password());
        const name = command.name ?? nameFromEmail(command.email);
        return await db.$transaction(async (tx) => {
          const org = await organisationFor(tx, command.org);
          const team = command.team
            ? await tx.team.findFirst({ where: { orgId: org.id, name: command.team }, select: { id: true, name: true, kind: true } })
            : null;
          if (command.team && !team) {
            const names = (await tx.team.findMany({ where: { orgId: org.id }, select: { name: true } })).map((t) => `"${t.name}"`);
            throw new UserCommandError(`no team "${command.team}" in ${org.name}${names.length ? `; teams: ${names.join(", ")}` : ""}`);
          }
          const user = await tx.user.create({ data: { orgId: org.id, email: command.email, name, role: command.role, passwordHash } });
          // A rep sells in their team; a manager manages it.
          if (command.role === "REP") await tx.rep.create({ data: { orgId: org.id, userId: user.id, teamId: team?.id ?? null, name, email: command.email, kind: team?.kind ?? "AE" } });
          if (command.role === "MANAGER" && team) await tx.team.update({ where: { id: team.id }, data: { managerId: user.id } });
          await tx.auditLog.create({
            data: auditRow(org.id, null, { action: "user.create", entity: "user", entityId: user.id, after: { email: user.email, name, role: user.role, team: team?.name ?? null, via: "command line" } }),
          });
          return `${org.created ? `Created the organisation "${org.name}". ` : ""}Created ${command.role} ${name} <${command.email}>${team ? ` in ${team.name}` : ""}. They can sign in now.`;
        });
      }
      case "set-password": {
        const user = await findUser(db, command.email);
        const passwordHash = await checkedPasswordHash(await password());
        await db.$transaction([
          // A new password ends the user's other sessions, as after a suspected leak it should.
          db.user.update({ where: { id: user.id }, data: { passwordHash, tokenVersion: { increment: 1 } } }),
          db.auditLog.create({ data: auditRow(user.orgId, null, { action: "user.set_password", entity: "user", entityId: user.id, after: { via: "command line" } }) }),
        ]);
        return `Set a new password for ${user.email}; their sessions were ended.`;
      }
      case "deactivate": {
        const user = await findUser(db, command.email);
        if (!user.active) return `${user.email} is already deactivated.`;
        if (user.role === "ADMIN" && (await db.user.count({ where: { orgId: user.orgId, role: "ADMIN", active: true } })) === 1) {
          throw new UserCommandError(`${user.email} is the last active administrator; create another one first`);
        }
        await db.$transaction([
          db.user.update({ where: { id: user.id }, data: { active: false, tokenVersion: { increment: 1 } } }),
          db.auditLog.create({ data: auditRow(user.orgId, null, { action: "user.deactivate", entity: "user", entityId: user.id, before: { active: true }, after: { active: false, via: "command line" } }) }),
        ]);
        return `Deactivated ${user.email}; their sessions end at their next request.`;
      }
    }
  } finally {
    await db.$disconnect();
  }
}

runAsMain(
  import.meta.url,
  "user",
  () =>
    runDatabaseCommand({
      usage: USAGE,
      databaseLabel: "Managing users in",
      parse: parseUserCommand,
      run: (command, url) => runUserCommand(command, url, () => readPassword({ fromStdin: "passwordStdin" in command && command.passwordStdin })),
    }),
  UserCommandError,
);
