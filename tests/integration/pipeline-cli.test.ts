// `npm run pipeline`: a scripted install creates its pipelines and lists them; bad arguments are refused with a
// message naming the option, exit code 1, and nothing written.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePipelineCommand, runPipelineCommand } from "@/lib/cli/pipeline";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";

const root = path.resolve(import.meta.dirname, "../..");
const exec = promisify(execFile);
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

const cli = (...args: string[]) => exec(process.execPath, ["--import", "tsx", "lib/cli/pipeline.ts", ...args], { cwd: root, env: { ...process.env, DATABASE_URL: database.url } });

/** The exit code and stderr of a run that must fail. */
async function failing(...args: string[]): Promise<{ code: number; stderr: string }> {
  const outcome = await cli(...args).then(
    () => null,
    (error: { code: number; stderr: string }) => error,
  );
  expect(outcome, `pipeline ${args.join(" ")} succeeded`).not.toBeNull();
  return { code: outcome!.code, stderr: outcome!.stderr };
}

describe("npm run pipeline", () => {
  it("needs an organisation first", async () => {
    const { code, stderr } = await failing("create", "Sales", "--stages", "A,B");
    expect(code).toBe(1);
    expect(stderr).toContain("no organisation yet");
  });

  it("creates a pipeline with its open stages in order, the first-meeting stage, then won and lost, with an audit row", async () => {
    await db.organization.create({ data: { name: "Acme GmbH" } });
    const { stdout } = await cli("create", "Field sales", "--stages", "Visit, Demo ,Offer", "--first-meeting", "demo");
    expect(stdout).toContain('Created the pipeline "Field sales" in Acme GmbH: Visit → Demo (first meeting) → Offer, then Won and Lost.');
    const pipeline = await db.pipeline.findFirstOrThrow({ where: { name: "Field sales" }, include: { stages: { orderBy: { position: "asc" } } } });
    expect(pipeline.stages.map((s) => [s.name, s.kind, s.isFirstMeeting])).toEqual([
      ["Visit", "OPEN", false],
      ["Demo", "OPEN", true],
      ["Offer", "OPEN", false],
      ["Won", "WON", false],
      ["Lost", "LOST", false],
    ]);
    expect(await db.auditLog.findFirst({ where: { action: "pipeline.create", entityId: String(pipeline.id) } })).toMatchObject({ actorId: null, after: expect.objectContaining({ via: "command line" }) });
  });

  it("names the ends in Russian with --language ru, and lists every pipeline in order", async () => {
    await runPipelineCommand(parsePipelineCommand(["create", "Продления", "--stages=Срок продления,Подписание", "--org", "Acme GmbH", "--language", "ru"]), database.url);
    const { stdout } = await cli("list");
    expect(stdout.trim().split("\n").slice(-2)).toEqual([
      "Field sales: Visit → Demo (first meeting) → Offer | Won (won), Lost (lost) — 0 deals",
      "Продления: Срок продления → Подписание | Выиграна (won), Проиграна (lost) — 0 deals",
    ]);
  });

  it("refuses bad arguments with a message naming the option, writing nothing", async () => {
    const before = await db.pipeline.count();
    for (const [args, message] of [
      [["create", "Other", "--stages", "A,a"], 'the stage name "a" appears twice'],
      [["create", "Other", "--stages", "A,Won"], 'the stage name "Won" appears twice'],
      [["create", "field SALES", "--stages", "A"], 'a pipeline named "field SALES" exists'],
      [["create", "Other", "--stages", "A,B", "--first-meeting", "C"], "--first-meeting must name one of the --stages"],
      [["create", "Other", "--stages", " , "], "--stages"],
      [["create", "Other"], "--stages"],
      [["create", "Other", "--stages", "A", "--org", "Nowhere"], 'choose the organisation with --org: "Acme GmbH"'],
      [["create", "Other", "--stages", "A", "--colour", "red"], "unknown option --colour"],
      [["create", "Other", "Extra", "--stages", "A"], 'unexpected argument "Extra"'],
      [["create", "x".repeat(81), "--stages", "A"], "the pipeline name must be 1 to 80 characters"],
      [["create", "Other", "--stages", "A", "--language", "de"], "--language must be en or ru"],
      [["rename", "Other"], "the command must be create or list"],
    ] as const) {
      const { code, stderr } = await failing(...args);
      expect(code, args.join(" ")).toBe(1);
      expect(stderr, args.join(" ")).toContain(message);
    }
    expect(await db.pipeline.count()).toBe(before);
  });

  it("prints its usage with --help", async () => {
    const { stdout } = await cli("--help");
    expect(stdout).toContain('npm run pipeline -- create "<name>" --stages "A,B,C"');
  });
});
