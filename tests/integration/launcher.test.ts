// The launcher as a user meets it: `npm start` on a fresh data folder, a kill -9, a restart, Ctrl-C,
// and the errors of day one. Runs the production build (npm test builds before this suite).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { freePort } from "../../lib/db/embedded-postgres";
import { createScratchDatabase } from "./support/db";

const root = path.resolve(import.meta.dirname, "../..");
// Under the system temp folder, which the postgres OS user can reach even when the project sits in a private home.
const runDir = path.join(os.tmpdir(), `launcher-test-${process.pid}`);
const children = new Set<ChildProcess>();

interface Launch {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function launch(env: Record<string, string>): Launch {
  const child = spawn(process.execPath, ["--import", "tsx", "lib/cli/start.ts"], {
    cwd: root,
    env: { ...inheritedEnv(), HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let text = "";
  child.stdout!.on("data", (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => text, exited };
}

// The test runner's own settings must not leak into the app under test.
function inheritedEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of ["NODE_ENV", "DATABASE_URL", "NEXTAUTH_SECRET", "AUTH_SECRET", "PORT", "DATA_DIR", "DEMO_DATA", "VITEST", "VITEST_POOL_ID", "VITEST_WORKER_ID"]) delete env[key];
  return env;
}

async function waitFor(predicate: () => boolean, what: string, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function ready(run: Launch): Promise<void> {
  let exitCode: number | null | undefined;
  void run.exited.then((code) => (exitCode = code));
  await waitFor(() => run.output().includes("Ready on") || exitCode !== undefined, "the app to start");
  if (!run.output().includes("Ready on")) throw new Error(`the app exited (${exitCode}):\n${run.output()}`);
}

function postmasterPid(dataDir: string): number {
  return Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function clusterDir(output: string, dataRoot: string): string {
  // As root under a private folder the cluster may live elsewhere; the launcher says where.
  const moved = /the database lives in (\S+)/.exec(output)?.[1];
  return moved ?? path.join(dataRoot, "postgres");
}

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  fs.rmSync(runDir, { recursive: true, force: true });
});

describe("npm start", () => {
  it("seeds an empty database once, keeps its secret, recovers after kill -9, refuses a second instance on the same data, and leaves no postgres behind on SIGTERM", async () => {
    const dataRoot = path.join(runDir, "crash");
    const port = await freePort();
    const env = { PORT: String(port), DATA_DIR: dataRoot };

    const first = launch(env);
    await ready(first);
    expect(first.output()).toContain("generating the demo organisation");
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", database: { reachable: true }, migrations: { pending: [], failed: [] } });

    const secret = fs.readFileSync(path.join(dataRoot, "secret"), "utf8");
    expect(secret.trim()).toMatch(/^[\w-]{43}$/);
    const dataDir = clusterDir(first.output(), dataRoot);
    const orphan = postmasterPid(dataDir);
    first.child.kill("SIGKILL");
    await first.exited;
    expect(alive(orphan)).toBe(true); // the state a kill -9 leaves: postgres still holds the folder

    const second = launch(env);
    await ready(second);
    expect(second.output()).not.toContain("generating the demo organisation");
    expect(alive(orphan)).toBe(false);
    const healthAgain = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(healthAgain.status).toBe(200);
    expect(fs.readFileSync(path.join(dataRoot, "secret"), "utf8")).toBe(secret);

    const intruder = launch({ PORT: String(await freePort()), DATA_DIR: dataRoot });
    expect(await intruder.exited).toBe(1);
    expect(intruder.output()).toContain("is in use by another running instance");
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
    const restarted = postmasterPid(dataDir);

    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
    await waitFor(() => !alive(restarted), "postgres to stop", 20_000);
    expect(fs.existsSync(path.join(dataDir, "postmaster.pid"))).toBe(false);
  }, 600_000); // two full starts, a build when sources changed, and the demo seed

  it("says which port to use when the port is busy", async () => {
    const blocker = net.createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, "127.0.0.1", resolve));
    try {
      const run = launch({ PORT: String(port), DATA_DIR: path.join(runDir, "busy") });
      expect(await run.exited).toBe(1);
      expect(run.output()).toMatch(new RegExp(`Port ${port} is already in use.*PORT=\\d+ npm start`));
      expect(run.output()).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  });

  it("explains an unreachable DATABASE_URL in one line", async () => {
    const deadPort = await freePort();
    const run = launch(
      { PORT: String(await freePort()), DATA_DIR: path.join(runDir, "unreachable"), DATABASE_URL: `postgresql://app:secret@127.0.0.1:${deadPort}/app` },
    );
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(`Cannot reach PostgreSQL at 127.0.0.1:${deadPort}: connection refused`);
    expect(run.output()).not.toMatch(/\n\s+at /);
  });

  it("explains a wrong password in DATABASE_URL", async () => {
    const admin = new URL(inject("pgAdminUrl"));
    admin.password = "wrong-password";
    const run = launch({ PORT: String(await freePort()), DATA_DIR: path.join(runDir, "password"), DATABASE_URL: admin.toString() });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('rejected the password for user "postgres"');
  });

  it("does not start half-migrated when a migration fails", async () => {
    const database = await createScratchDatabase();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      // A table the first migration wants to create makes it fail midway.
      await client.query(`CREATE TABLE "deal" (id int)`);
      const run = launch({ PORT: String(await freePort()), DATA_DIR: path.join(runDir, "migration"), DATABASE_URL: database.url });
      expect(await run.exited).toBe(1);
      expect(run.output()).toMatch(/Migration \d+_init failed and was rolled back.*The app did not start\./s);
      expect(run.output()).not.toContain("Ready on");
      const tables = await client.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`);
      expect(tables.rows.map((row) => row.table_name).filter((name) => name !== "_prisma_migrations")).toEqual(["deal"]);
      const history = await client.query(`SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL`);
      expect(history.rows[0].n).toBe(0);
    } finally {
      await client.end();
      await database.drop();
    }
  });

  it("refuses a data folder that holds something other than a database", async () => {
    const dataRoot = path.join(runDir, "corrupt");
    fs.mkdirSync(path.join(dataRoot, "postgres"), { recursive: true });
    fs.writeFileSync(path.join(dataRoot, "postgres", "notes.txt"), "not a database");
    const run = launch({ PORT: String(await freePort()), DATA_DIR: dataRoot });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain("holds no PostgreSQL database");
  });

  // Only root can hand a folder to another user; CI runs as root.
  it.skipIf(process.getuid?.() !== 0)("refuses a data folder that belongs to another user, and says how to fix it", async () => {
    const dataRoot = path.join(runDir, "foreign");
    const cluster = path.join(dataRoot, "postgres");
    fs.mkdirSync(cluster, { recursive: true });
    fs.writeFileSync(path.join(cluster, "PG_VERSION"), "18\n");
    fs.chownSync(cluster, 65534, 65534);
    const run = launch({ PORT: String(await freePort()), DATA_DIR: dataRoot });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/belongs to another user \(uid 65534.*chown -R/);
  });

  it("refuses to start in production without a session secret", async () => {
    const run = launch({ PORT: String(await freePort()), DATA_DIR: path.join(runDir, "prod"), NODE_ENV: "production" });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain("NODE_ENV=production but NEXTAUTH_SECRET is not set");
  });
});
