// `npm run org -- show [--org "<name>"]` and `npm run org -- set [--org "<name>"] [--name …] [--currency EUR]
// [--time-zone Europe/Berlin] [--stale-days 14] [--stuck-factor 2] [--coaching-minutes 180]
// [--managers-edit-stage-rules yes|no]`: the organisation's settings on a real install, in DATABASE_URL or the
// embedded server. The same validation, write and audit row as the admin's settings page.
import { z } from "zod";
import { cliAdminViewer } from "../auth/cli-admin-viewer";
import { createPrismaClient } from "../db/create-client";
import { readOrganizationSettings } from "../data/read-organization-settings";
import { updateOrganizationSettings } from "../data/update-organization-settings";
import { AppError } from "../errors";
import { orgSettingsChangeSchema, type OrgSettings } from "../validation/org-settings";
import { runAsMain, runDatabaseCommand } from "./run-cli";

const USAGE = `usage:
  npm run org -- show [--org "<organisation>"]
  npm run org -- set [--org "<organisation>"] [--name "<new name>"] [--currency EUR] [--time-zone Europe/Berlin]
                     [--stale-days 14] [--stuck-factor 2] [--coaching-minutes 180] [--managers-edit-stage-rules yes|no]
--org picks the organisation when there are several. Bounds: --stale-days 1–365, --stuck-factor 1–10 (two decimals),
--coaching-minutes 0–6000; --currency is an ISO 4217 code, --time-zone an IANA name. A new time zone rebuilds the
organisation's derived KPI tables (days and months are local), which takes a few seconds per few hundred thousand activities.`;

// The transaction of a time-zone change holds the rebuild of the derived tables; far more than the 5 s default.
const TRANSACTION_TIMEOUT_MS = 30 * 60_000;

export class OrgCommandError extends Error {}

/** Each setting's flag, in the order `show` lists them. */
const FLAGS = {
  name: "name",
  currency: "currency",
  timeZone: "time-zone",
  staleAfterDays: "stale-days",
  stuckFactor: "stuck-factor",
  coachingTargetMinutes: "coaching-minutes",
  managersEditStageRules: "managers-edit-stage-rules",
} as const satisfies Record<keyof OrgSettings, string>;
const SETTING_OF_FLAG = new Map<string, keyof OrgSettings>(Object.entries(FLAGS).map(([setting, flag]) => [flag, setting as keyof OrgSettings]));

const orgField = z.string().trim().min(1).max(120).optional();

export type OrgCommand =
  | { command: "show"; org?: string }
  | { command: "set"; org?: string; change: z.infer<typeof orgSettingsChangeSchema> };

const flagName = (key: PropertyKey) => `--${FLAGS[key as keyof OrgSettings] ?? String(key)}`;

/** `--flag value` and `--flag=value` into a validated command; a bad value is named by its flag. */
export function parseOrgCommand(argv: string[]): OrgCommand {
  const [command, ...rest] = argv;
  if (command !== "show" && command !== "set") throw new OrgCommandError(`the command must be show or set\n${USAGE}`);
  const raw: Record<string, string> = {};
  let org: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(rest[i] ?? "");
    if (!match) throw new OrgCommandError(`unexpected argument "${rest[i]}"\n${USAGE}`);
    const [, flag = "", inline] = match;
    const setting = SETTING_OF_FLAG.get(flag);
    if (flag !== "org" && (setting === undefined || command === "show")) throw new OrgCommandError(`unknown option --${flag}\n${USAGE}`);
    let value = inline;
    if (value === undefined) {
      value = rest[i + 1];
      if (value === undefined || value.startsWith("--")) throw new OrgCommandError(`--${flag} needs a value`);
      i++;
    }
    if (flag === "org") {
      const parsed = orgField.safeParse(value);
      if (!parsed.success) throw new OrgCommandError("--org: must be 1–120 characters");
      org = parsed.data;
    } else if (setting !== undefined) {
      if (setting in raw) throw new OrgCommandError(`--${flag} is given twice`);
      raw[setting] = value;
    }
  }
  if (command === "show") return { command, org };
  if (Object.keys(raw).length === 0) throw new OrgCommandError(`nothing to set: give at least one setting\n${USAGE}`);
  const parsed = orgSettingsChangeSchema.safeParse(raw);
  if (!parsed.success) {
    throw new OrgCommandError(parsed.error.issues.map((issue) => `${flagName(issue.path[0] ?? "")}: ${issue.message}`).join("; "));
  }
  return { command, org, change: parsed.data };
}

const yesNo = (value: boolean) => (value ? "yes" : "no");

function shown(key: keyof OrgSettings, value: OrgSettings[keyof OrgSettings]): string {
  if (key === "managersEditStageRules") return yesNo(value as boolean);
  if (key === "coachingTargetMinutes") return `${value} (${Number((Number(value) / 60).toFixed(2))} h per rep and month)`;
  return String(value);
}

/** Runs one command on the database at `url`; returns what to print. */
export async function runOrgCommand(command: OrgCommand, url: string): Promise<string> {
  const db = createPrismaClient(url, { max: 2 });
  try {
    if ((await db.organization.count()) === 0) {
      throw new OrgCommandError('no organisation yet: create it with its first administrator, `npm run user -- create --email <email> --role ADMIN --org "<name>"`');
    }
    const viewer = await cliAdminViewer(db, command.org).catch((error: unknown) => {
      throw new OrgCommandError(error instanceof Error ? error.message : String(error));
    });
    if (command.command === "show") {
      const settings = (await readOrganizationSettings(db, viewer.orgId))!;
      const lines = (Object.keys(FLAGS) as Array<keyof OrgSettings>).map((key) => `  ${`--${FLAGS[key]}`.padEnd(28)} ${shown(key, settings[key])}`);
      return [`Settings of "${settings.name}":`, ...lines].join("\n");
    }
    const started = Date.now();
    const update = await db.$transaction((tx) => updateOrganizationSettings(viewer, command.change, tx, { via: "command line" }), { timeout: TRANSACTION_TIMEOUT_MS });
    const changed = Object.keys(update.after) as Array<keyof OrgSettings>;
    if (changed.length === 0) return "Nothing changed: the organisation already has these settings.";
    const lines = changed.map((key) => `  ${`--${FLAGS[key]}`.padEnd(28)} ${shown(key, update.before[key]!)} → ${shown(key, update.after[key]!)}`);
    const rebuilt = update.timeZoneChanged ? [`Rebuilt the derived KPI tables for the new time zone in ${((Date.now() - started) / 1000).toFixed(1)} s.`] : [];
    return ["Changed (recorded in the audit log):", ...lines, ...rebuilt].join("\n");
  } catch (error) {
    if (error instanceof AppError) throw new OrgCommandError(error.message);
    throw error;
  } finally {
    await db.$disconnect();
  }
}

runAsMain(
  import.meta.url,
  "org",
  () => runDatabaseCommand({ usage: USAGE, databaseLabel: "Organisation settings in", parse: parseOrgCommand, run: runOrgCommand }),
  OrgCommandError,
);
