// `npm start` with WEB_CONCURRENCY=2: two server workers share the port, a worker that dies is replaced while the
// other keeps serving, stopping the launcher stops both, and a bad value stops the start with the variable named.
// WEB_HEAP_MB gives every worker, a replacement too, its heap limit, and runs even a single server in a worker.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase, type ScratchDatabase } from "./support/db";
import { startProductionApp, waitFor, type ProductionApp } from "./support/production-app";

const runDir = path.join(os.tmpdir(), `web-workers-test-${process.pid}`);
const SLOW = 600_000;

let database: ScratchDatabase;
let app: ProductionApp | undefined;

/** The launcher's server workers: its child processes running node (not esbuild's service). */
function workersOf(launcherPid: number): number[] {
  const lines = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(launcherPid)], { encoding: "utf8" }).trim().split("\n");
  return lines.filter((line) => line.includes("lib/cli/start.ts")).map((line) => Number.parseInt(line.trim(), 10));
}

/** The heap limit a worker was started with, from its command line. */
const heapLimitOf = (pid: number) => /--max-old-space-size=(\d+)/.exec(fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " "))?.[1];

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const loginPageStatus = async () => (await fetch(`${app!.base}/login`, { redirect: "manual" })).status;

beforeAll(async () => {
  database = await createScratchDatabase();
  app = await startProductionApp({ dataDir: runDir, env: { DATABASE_URL: database.url, WEB_CONCURRENCY: "2", WEB_HEAP_MB: "384" } });
}, SLOW);

afterAll(async () => {
  await app?.stop();
  await database?.drop();
  fs.rmSync(runDir, { recursive: true, force: true });
});

describe("WEB_CONCURRENCY", () => {
  it("serves through two workers, replaces one that dies, and stops both with the launcher", async () => {
    const workers = workersOf(app!.child.pid!);
    expect(workers).toHaveLength(2);
    expect(workers.map(heapLimitOf)).toEqual(["384", "384"]);
    for (let i = 0; i < 6; i++) expect(await loginPageStatus()).toBe(200);

    const [killed, survivor] = workers as [number, number];
    process.kill(killed, "SIGKILL");
    // The survivor answers while the replacement starts.
    await waitFor(() => !alive(killed), "the killed worker to end", 10_000);
    expect(await loginPageStatus()).toBe(200);
    await waitFor(() => workersOf(app!.child.pid!).length === 2, "a replacement worker", 60_000, { details: app!.output });
    const replaced = workersOf(app!.child.pid!);
    expect(replaced).toContain(survivor);
    expect(replaced).not.toContain(killed);
    expect(replaced.map(heapLimitOf)).toEqual(["384", "384"]);
    expect(app!.output()).toContain(`Server worker ${killed} stopped (SIGKILL); starting another`);
    await waitFor(async () => (await loginPageStatus()) === 200, "the app to answer", 30_000);

    await app!.stop();
    await waitFor(() => replaced.every((pid) => !alive(pid)), "both workers to stop", 15_000);
    app = undefined;
  }, SLOW);

  it("runs a single server in a worker with its heap limit when WEB_HEAP_MB is set", async () => {
    const single = await startProductionApp({ dataDir: `${runDir}-heap`, env: { DATABASE_URL: database.url, WEB_HEAP_MB: "320" } });
    try {
      const workers = workersOf(single.child.pid!);
      expect(workers.map(heapLimitOf)).toEqual(["320"]);
      expect((await fetch(`${single.base}/login`, { redirect: "manual" })).status).toBe(200);
    } finally {
      await single.stop();
      fs.rmSync(`${runDir}-heap`, { recursive: true, force: true });
    }
  }, SLOW);

  it("refuses to start with a value out of range, naming the variable", async () => {
    for (const [env, message] of [
      [{ WEB_CONCURRENCY: "0" }, /WEB_CONCURRENCY must be 1–16/],
      [{ WEB_HEAP_MB: "100" }, /WEB_HEAP_MB must be 256–65536/],
    ] as const) {
      const started = startProductionApp({ dataDir: `${runDir}-bad`, env: { DATABASE_URL: database.url, ...env } });
      await expect(started).rejects.toThrow(message);
      fs.rmSync(`${runDir}-bad`, { recursive: true, force: true });
    }
  }, SLOW);
});
