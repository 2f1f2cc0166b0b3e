// `npm run pipeline -- create "<name>" --stages "A,B,C" [--first-meeting B] [--org "<name>"] [--language en|ru]` and
// `npm run pipeline -- list [--org "<name>"]`: pipelines for scripted installs, in DATABASE_URL or the embedded server
// (README "Pipelines and stages"). The admin page edits them further.
import { z } from "zod";
import { createPrismaClient, type PrismaClient } from "../db/create-client";
import { auditRow } from "../data/audit-row";
import { insertPipeline } from "../data/pipelines/insert-pipeline";
import { isAppError } from "../errors";
import { locales } from "../i18n/config";
import { pipelineFromStageNames } from "../pipelines/templates";
import { MAX_OPEN_STAGES, pipelineNameField } from "../validation/pipelines";
import { runAsMain, runDatabaseCommand } from "./run-cli";

const USAGE = `usage:
  npm run pipeline -- create "<name>" --stages "A,B,C" [--first-meeting B] [--org "<organisation>"] [--language en|ru]
  npm run pipeline -- list [--org "<organisation>"]
create adds the open stages in that order, then a won and a lost stage (named in --language, English by default).`;

export class PipelineCommandError extends Error {}

const orgField = z.string().trim().min(1).max(120).optional();
const stagesField = z
  .string()
  .transform((text) =>
    text
      .split(",")
      .map((name) => name.trim())
      .filter((name) => name !== ""),
  )
  .pipe(z.array(pipelineNameField).min(1, { error: "name at least one stage" }).max(MAX_OPEN_STAGES, { error: `at most ${MAX_OPEN_STAGES} stages` }));

const commandSchema = z.discriminatedUnion(
  "command",
  [
    z
      .strictObject({
        command: z.literal("create"),
        name: pipelineNameField,
        stages: stagesField,
        firstMeeting: pipelineNameField.optional(),
        org: orgField,
        language: z.enum(locales, { error: "--language must be en or ru" }).default("en"),
      })
      .refine((command) => command.firstMeeting === undefined || command.stages.some((stage) => stage.toLocaleLowerCase() === command.firstMeeting!.toLocaleLowerCase()), {
        error: "--first-meeting must name one of the --stages",
        path: ["firstMeeting"],
      }),
    z.strictObject({ command: z.literal("list"), org: orgField }),
  ],
  { error: () => `the command must be create or list\n${USAGE}` },
);

export type PipelineCommand = z.infer<typeof commandSchema>;

/** `create "<name>" --flag value` (or `--flag=value`) and `list` into a validated command. */
export function parsePipelineCommand(argv: string[]): PipelineCommand {
  const [command, ...rest] = argv;
  if (command !== "create" && command !== "list") throw new PipelineCommandError(`the command must be create or list\n${USAGE}`);
  const raw: Record<string, unknown> = { command };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? "";
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!match) {
      // The one positional argument: the new pipeline's name.
      if (command === "list" || "name" in raw) throw new PipelineCommandError(`unexpected argument "${arg}"\n${USAGE}`);
      raw.name = arg;
      continue;
    }
    const [, flag = "", inline] = match;
    const key = flag.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
    if (inline !== undefined) raw[key] = inline;
    else {
      const value = rest[i + 1];
      if (value === undefined || value.startsWith("--")) throw new PipelineCommandError(`--${flag} needs a value`);
      raw[key] = value;
      i++;
    }
  }
  const parsed = commandSchema.safeParse(raw);
  if (!parsed.success) {
    throw new PipelineCommandError(
      parsed.error.issues
        .map((issue) => {
          if (issue.code === "unrecognized_keys") return `unknown option ${issue.keys.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(", ")}`;
          const field = String(issue.path[0] ?? "");
          if (field === "name") return `the pipeline name must be 1 to 80 characters (${issue.message})`;
          if (field === "stages") return `--stages: each stage name 1 to 80 characters, 1 to ${MAX_OPEN_STAGES} of them, separated by commas (${issue.message})`;
          return field ? `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${issue.message}` : issue.message;
        })
        .join("; "),
    );
  }
  return parsed.data;
}

async function organisationFor(db: Pick<PrismaClient, "organization">, name: string | undefined): Promise<{ id: number; name: string }> {
  const organisations = await db.organization.findMany({ select: { id: true, name: true }, orderBy: { id: "asc" } });
  if (organisations.length === 0) throw new PipelineCommandError("no organisation yet: create the first administrator with `npm run user -- create … --role ADMIN`");
  const match = name === undefined && organisations.length === 1 ? organisations[0] : organisations.find((o) => o.name === name);
  if (!match) throw new PipelineCommandError(`choose the organisation with --org: ${organisations.map((o) => `"${o.name}"`).join(", ")}`);
  return match;
}

/** Runs one command on the database at `url`; returns what to print. */
export async function runPipelineCommand(command: PipelineCommand, url: string): Promise<string> {
  const db = createPrismaClient(url, { max: 2 });
  try {
    if (command.command === "list") {
      const org = await organisationFor(db, command.org);
      const pipelines = await db.pipeline.findMany({
        where: { orgId: org.id },
        orderBy: [{ position: "asc" }, { id: "asc" }],
        select: { name: true, stages: { orderBy: [{ position: "asc" }, { id: "asc" }], select: { name: true, kind: true, isFirstMeeting: true } }, _count: { select: { deals: true } } },
      });
      if (pipelines.length === 0) return `${org.name} has no pipeline yet.`;
      return pipelines
        .map((p) => {
          const open = p.stages.filter((s) => s.kind === "OPEN").map((s) => `${s.name}${s.isFirstMeeting ? " (first meeting)" : ""}`);
          const ends = p.stages.filter((s) => s.kind !== "OPEN").map((s) => `${s.name} (${s.kind === "WON" ? "won" : "lost"})`);
          return `${p.name}: ${open.join(" → ")}${ends.length ? ` | ${ends.join(", ")}` : ""} — ${p._count.deals} deal${p._count.deals === 1 ? "" : "s"}`;
        })
        .join("\n");
    }
    const spec = pipelineFromStageNames(command.name, command.stages, command.language, command.firstMeeting);
    return await db.$transaction(async (tx) => {
      const org = await organisationFor(tx, command.org);
      const pipeline = await insertPipeline(tx, org.id, spec, null).catch((error: unknown) => {
        // The pipeline rules' refusals, in the words their detail gives for logs and terminals.
        throw isAppError(error) ? new PipelineCommandError(error.message) : error;
      });
      await tx.auditLog.create({
        data: auditRow(org.id, null, { action: "pipeline.create", entity: "pipeline", entityId: pipeline.id, after: { name: pipeline.name, stages: pipeline.stages, via: "command line" } }),
      });
      const open = spec.open.map((s) => `${s.name}${s.isFirstMeeting ? " (first meeting)" : ""}`);
      return `Created the pipeline "${pipeline.name}" in ${org.name}: ${open.join(" → ")}, then ${spec.won} and ${spec.lost}.`;
    });
  } finally {
    await db.$disconnect();
  }
}

runAsMain(
  import.meta.url,
  "pipeline",
  () => runDatabaseCommand({ usage: USAGE, databaseLabel: "Pipelines in", parse: parsePipelineCommand, run: runPipelineCommand }),
  PipelineCommandError,
);
