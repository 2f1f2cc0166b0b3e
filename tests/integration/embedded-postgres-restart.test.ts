// `npm start` on its embedded PostgreSQL, and the server killed (kill -9 of the postmaster) while a manager's review
// answers are being saved: pages answer the 503 outage page while it is down, the launcher starts PostgreSQL again
// on its own, the same app process serves pages again, and every answer the app acknowledged as saved is in the
// database. Answers are saved through the review's autosave server action, retried as the autosave retries.
// Runs the production build (npm test builds before this suite).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import bcrypt from "bcryptjs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "../../lib/db/create-client";
import { seedAuthorizationFixture, type Fixture } from "./authorization-fixture";
import { signIn, startProductionApp, waitFor, type ProductionApp } from "./support/production-app";
import { callServerAction } from "./support/server-action";

// Under the system temp folder, which the postgres OS user can reach even when the project sits in a private home.
const runDir = path.join(os.tmpdir(), `pg-restart-test-${process.pid}`);
const dataDir = path.join(runDir, "app");
const PASSWORD = "restart-test-password";
const SLOW = 900_000;
const YEAR = 2025;
const QUESTIONS = ["buyerHelp", "buyerInformation", "buyerNextStage", "stallAndLoss"];

let app: ProductionApp | undefined;
let base: string;
let databaseUrl: string;
let fx: Fixture;
let session = "";

/** One autosave request as answer-field.tsx sends it; the version when the app answered "saved", else null. */
async function saveAnswer(questionKey: string, answer: string, baseVersion: number): Promise<number | null> {
  const fields = { teamId: String(fx.teams.x), year: String(YEAR), section: "SALES_PROCESS", questionKey, answer, baseVersion: String(baseVersion) };
  try {
    const response = await callServerAction({
      base,
      cookies: session,
      pagePath: `/review/${YEAR}/sales-process?team=${fx.teams.x}`,
      file: "lib/actions/review-save-answer.ts",
      exported: "saveReviewAnswer",
      fields,
      timeoutMs: 20_000,
    });
    const saved = /"outcome":"saved","version":(\d+)/.exec(response.body);
    return response.status === 200 && saved ? Number(saved[1]) : null;
  } catch {
    return null; // no answer: the autosave keeps the text and tries again
  }
}

/** The autosave's loop for one answer: try, and on any failure wait and try again, until the app says "saved". */
async function autosave(questionKey: string, answer: string, baseVersion: number, acknowledged: Map<string, { answer: string; version: number }>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const version = await saveAnswer(questionKey, answer, baseVersion);
    if (version !== null) {
      acknowledged.set(questionKey, { answer, version });
      return;
    }
    if (attempt > 60) throw new Error(`${questionKey} was never saved\n${app!.output().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** attempt, 2_000)));
  }
}

const postmasterPid = () => Number(fs.readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);

beforeAll(async () => {
  fs.rmSync(runDir, { recursive: true, force: true });
  app = await startProductionApp({ dataDir });
  base = app.base;
  expect(app.output()).not.toContain("Building the app");
  const databasePort = /Embedded PostgreSQL running on 127\.0\.0\.1:(\d+)/.exec(app.output())?.[1];
  const password = fs.readFileSync(path.join(dataDir, "postgres.password"), "utf8").trim();
  databaseUrl = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${databasePort}/app`;
  const client = createPrismaClient(databaseUrl);
  try {
    fx = await seedAuthorizationFixture(client);
    await client.user.update({ where: { id: fx.users.managerX }, data: { passwordHash: await bcrypt.hash(PASSWORD, 10) } });
  } finally {
    await client.$disconnect();
  }
  session = (await signIn(base, "max@northwind.test", PASSWORD)).cookies;
  expect(session).toContain("session-token");
}, SLOW);

afterAll(async () => {
  await app?.stop();
  fs.rmSync(runDir, { recursive: true, force: true });
}, SLOW);

describe("npm start with the embedded PostgreSQL killed mid-run", () => {
  it("shows the outage page while it is down, restarts it, recovers in the same process and loses no acknowledged answer", async () => {
    const page = (url: string) => fetch(`${base}${url}`, { headers: { Cookie: session }, redirect: "manual", signal: AbortSignal.timeout(20_000) });
    expect((await page(`/review/${YEAR}/sales-process?team=${fx.teams.x}`)).status).toBe(200);
    const acknowledged = new Map<string, { answer: string; version: number }>();
    await autosave(QUESTIONS[0]!, "Saved before the crash.", 0, acknowledged);
    await autosave(QUESTIONS[1]!, "Also saved before the crash.", 0, acknowledged);

    const killed = postmasterPid();
    const appPid = app!.child.pid;
    process.kill(killed, "SIGKILL");
    // While it is down, and while the launcher brings it back, the manager keeps typing: the autosave retries.
    const during = Promise.all([
      autosave(QUESTIONS[1]!, "Edited while the database was down.", acknowledged.get(QUESTIONS[1]!)!.version, acknowledged),
      autosave(QUESTIONS[2]!, "Typed while the database was down.", 0, acknowledged),
    ]);
    const statuses: number[] = [];
    let outagePage = "";
    await waitFor(async () => {
      const response = await page("/roster").catch(() => undefined);
      if (!response) return false;
      statuses.push(response.status);
      if (response.status === 503) outagePage = await response.text();
      else await response.arrayBuffer();
      return outagePage !== "" && response.status === 200;
    }, "a 503 outage page, then the roster again", 120_000, { intervalMs: 100, details: app!.output });
    await during;
    await autosave(QUESTIONS[3]!, "Saved after the restart.", 0, acknowledged);

    expect(statuses).toContain(503);
    expect(outagePage).toContain("<h1>Data temporarily unavailable</h1>");
    expect(app!.output()).toMatch(/PostgreSQL stopped unexpectedly \(signal SIGKILL\); starting it again/);
    expect(app!.output()).toMatch(/PostgreSQL started again on 127\.0\.0\.1:\d+ \(attempt \d of \d\)/);
    expect(postmasterPid()).not.toBe(killed);
    expect(app!.child.exitCode).toBeNull();
    expect(app!.child.pid).toBe(appPid);
    expect((await page(`/review/${YEAR}/sales-process?team=${fx.teams.x}`)).status).toBe(200);
    expect((await fetch(`${base}/api/health`)).status).toBe(200);

    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ question_key: string; answer: string; version: number }>(
        `SELECT a.question_key, a.answer, a.version FROM review_answer a JOIN review r ON r.id = a.review_id WHERE r.team_id = $1 ORDER BY a.question_key`,
        [fx.teams.x],
      );
      expect(acknowledged.size).toBe(4);
      expect(Object.fromEntries(rows.map((row) => [row.question_key, { answer: row.answer, version: row.version }]))).toEqual(Object.fromEntries(acknowledged));
    } finally {
      await client.end();
    }
  }, SLOW);
});
