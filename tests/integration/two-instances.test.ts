// Two `npm start` processes on one PostgreSQL (DATABASE_URL), on different ports, with the same NEXTAUTH_SECRET
// (README "Two app instances on one database"): a session made on one is valid on the other, and failed sign-ins
// on one count towards the limit on the other, and an import uploaded and started through one is polled to its end
// through the other. Runs the production build (npm test builds before this suite).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import bcrypt from "bcryptjs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createPrismaClient } from "../../lib/db/create-client";
import { freePort, startEmbeddedPostgres, type EmbeddedPostgres } from "../../lib/db/embedded-postgres";
import { LOGIN_ATTEMPT_LIMIT } from "../../lib/data/login-attempts";
import { migrate } from "../../lib/db/migrate";
import { seedAuthorizationFixture, type Fixture } from "./authorization-fixture";
import { signIn, startProductionApp, type ProductionApp } from "./support/production-app";
import { callServerAction } from "./support/server-action";

vi.mock("server-only", () => ({}));

const runDir = path.join(os.tmpdir(), `two-instances-test-${process.pid}`);
const PASSWORD = "two-instances-password";
const SECRET = randomBytes(32).toString("base64url");
const SLOW = 900_000;

let database: EmbeddedPostgres;
let fx: Fixture;
const apps: ProductionApp[] = [];

beforeAll(async () => {
  database = await startEmbeddedPostgres({ dataDir: path.join(runDir, "postgres"), port: await freePort() });
  await migrate(database.url);
  const client = createPrismaClient(database.url);
  try {
    fx = await seedAuthorizationFixture(client);
    await client.user.update({ where: { id: fx.users.admin }, data: { passwordHash: await bcrypt.hash(PASSWORD, 10) } });
    await client.user.update({ where: { id: fx.users.managerX }, data: { passwordHash: await bcrypt.hash(PASSWORD, 10) } });
  } finally {
    await client.$disconnect();
  }
  // One after the other: a start that fails stops its own app, and afterAll stops those already running.
  for (const name of ["a", "b"]) {
    apps.push(await startProductionApp({ dataDir: path.join(runDir, name), env: { DATABASE_URL: database.url, NEXTAUTH_SECRET: SECRET } }));
  }
}, SLOW);

afterAll(async () => {
  for (const app of apps) await app.stop();
  await database?.stop();
  fs.rmSync(runDir, { recursive: true, force: true });
}, SLOW);

describe("two app instances on one database", () => {
  it("accepts on B the session signed in on A, and ends it on both when signed out", async () => {
    const [a, b] = apps as [ProductionApp, ProductionApp];
    expect((await fetch(`${b.base}/roster`, { redirect: "manual" })).status).toBe(307);
    const { cookies } = await signIn(a.base, "ada@northwind.test", PASSWORD);
    expect(cookies).toContain("session-token");
    const onB = await fetch(`${b.base}/roster`, { headers: { Cookie: cookies }, redirect: "manual" });
    expect(onB.status).toBe(200);
    expect(await onB.text()).toContain("Team X");
    const session = (await (await fetch(`${b.base}/api/auth/session`, { headers: { Cookie: cookies } })).json()) as { user?: { email?: string } };
    expect(session.user?.email).toBe("ada@northwind.test");
  }, SLOW);

  // Before the sign-in limit test: its failures close sign-in from this address for 15 minutes.
  it("runs an import started on A to its end as polled on B, from an upload whose chunks went to both", async () => {
    const [a, b] = apps as [ProductionApp, ProductionApp];
    const { cookies } = await signIn(a.base, "ada@northwind.test", PASSWORD);
    const json = (app: ProductionApp, url: string, body: unknown) =>
      fetch(`${app.base}${url}`, { method: "POST", headers: { Cookie: cookies, Origin: app.base, "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const file = new TextEncoder().encode("name,industry,region\r\nTwo Instances GmbH,Logistics,North\r\nShared Pool AG,Retail,South\r\n");
    const started = await json(a, "/api/import/upload", { fileName: "accounts.csv", size: file.length });
    expect(started.status).toBe(200);
    const { uploadId, chunks } = (await started.json()) as { uploadId: string; chunks: number };
    expect(chunks).toBe(1);
    // The chunk goes to B, the finish to A: the upload lives in the database, not on one instance's disk.
    const chunk = await fetch(`${b.base}/api/import/upload/${uploadId}/chunks/0`, {
      method: "PUT",
      headers: { Cookie: cookies, Origin: b.base, "Content-Type": "application/octet-stream" },
      body: file,
    });
    expect(chunk.status).toBe(200);
    const finished = await json(a, `/api/import/upload/${uploadId}`, { kind: "accounts" });
    expect(finished.status).toBe(200);
    const { suggestion } = (await finished.json()) as { suggestion: { mapping: Record<string, unknown> } };
    const run = await json(a, "/api/import/run", { uploadId, kind: "accounts", mapping: suggestion.mapping });
    expect(run.status).toBe(200);
    const { jobId } = (await run.json()) as { jobId: string };
    let job: { status: string; outcome?: { ok: boolean } } = { status: "queued" };
    const deadline = Date.now() + 60_000;
    while (job.status !== "done" && Date.now() < deadline) {
      const polled = await fetch(`${b.base}/api/import/jobs/${jobId}`, { headers: { Cookie: cookies } });
      expect(polled.status).toBe(200);
      job = (await polled.json()) as typeof job;
      if (job.status !== "done") await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(job).toMatchObject({ status: "done", outcome: { ok: true } });
    const client = createPrismaClient(database.url);
    try {
      expect((await client.account.findMany({ where: { name: { in: ["Two Instances GmbH", "Shared Pool AG"] } }, select: { name: true }, orderBy: { name: "asc" } })).map((row) => row.name)).toEqual([
        "Shared Pool AG",
        "Two Instances GmbH",
      ]);
    } finally {
      await client.$disconnect();
    }
  }, SLOW);

  it("shows on B's live view of the meeting a step made on A", async () => {
    const [a, b] = apps as [ProductionApp, ProductionApp];
    const { cookies } = await signIn(a.base, "ada@northwind.test", PASSWORD);
    const onA = (file: string, exported: string, fields: Record<string, string>) =>
      callServerAction({ base: a.base, cookies, pagePath: "/meeting", file, exported, fields });
    const started = await onA("lib/actions/meeting-start.ts", "startMeeting", { teamId: String(fx.teams.x), walkOrder: "BY_REP" });
    const meetingId = Number(/"meetingId":(\d+)/.exec(started.body)?.[1]);
    expect(meetingId, started.body).toBeGreaterThan(0);

    // B's stream of pulses, as the projected screen follows the meeting.
    const follow = new AbortController();
    const stream = await fetch(`${b.base}/api/meeting/${meetingId}/events`, { headers: { Cookie: cookies }, signal: follow.signal });
    expect(stream.status).toBe(200);
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    const pulses: Array<{ version: number; position: number }> = [];
    let buffered = "";
    const nextPulse = async (deadline: number) => {
      while (Date.now() < deadline) {
        const match = /event: pulse\ndata: (\{[^\n]*\})\n\n/.exec(buffered);
        if (match) {
          buffered = buffered.slice(match.index + match[0].length);
          return JSON.parse(match[1]!) as { version: number; position: number };
        }
        const { value, done } = await reader.read();
        if (done) break;
        buffered += value;
      }
      throw new Error(`no pulse from B; read so far: ${buffered}`);
    };
    try {
      pulses.push(await nextPulse(Date.now() + 30_000));
      // Both of team X's open deals in turn: at least one is a move, which A's transaction records with a new version.
      for (const dealId of [fx.deals.b, fx.deals.a]) {
        const moved = await onA("lib/actions/meeting-go-to-deal.ts", "goToMeetingDeal", { meetingId: String(meetingId), dealId: String(dealId) });
        expect(moved.body).toMatch(/"version":\d+/);
      }
      const deadline = Date.now() + 30_000;
      while (pulses.at(-1)!.version === pulses[0]!.version) pulses.push(await nextPulse(deadline));
      expect(pulses.at(-1)!.version).toBeGreaterThan(pulses[0]!.version);
    } finally {
      follow.abort();
    }
  }, SLOW);

  it("counts failed sign-ins on A towards the limit on B", async () => {
    const [a, b] = apps as [ProductionApp, ProductionApp];
    for (let i = 0; i < LOGIN_ATTEMPT_LIMIT; i++) {
      const failed = await signIn(i % 2 === 0 ? a.base : b.base, "max@northwind.test", "wrong password");
      expect(new URL(failed.url).searchParams.get("error"), `attempt ${i + 1}`).toBe("CredentialsSignin");
    }
    // The right password, on either instance, is now refused until the window passes.
    for (const app of [a, b]) {
      const limited = await signIn(app.base, "max@northwind.test", PASSWORD);
      expect(new URL(limited.url).searchParams.get("error")).toMatch(/^RateLimited/);
      expect(limited.cookies).not.toContain("session-token");
    }
  }, SLOW);
});
