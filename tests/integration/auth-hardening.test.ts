import bcrypt from "bcryptjs";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";

// The app's modules use the app's client and next-auth's session; point both at this test.
const holder = vi.hoisted(() => ({ client: undefined as unknown as PrismaClient, session: null as unknown }));
vi.mock("server-only", () => ({}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/lib/i18n/get-locale", () => ({ getLocale: async () => "en" }));
vi.mock("next-auth", async (original) => ({ ...(await original<object>()), getServerSession: async () => holder.session }));
vi.mock("@/lib/db/client", () => ({
  db: new Proxy({}, { get: (_target, property) => Reflect.get(holder.client, property, holder.client) }),
}));

const { beginLoginAttempt, recordLoginSuccess, LOGIN_ATTEMPT_LIMIT, LOGIN_ATTEMPT_WINDOW_MS, LOGIN_ATTEMPT_RETENTION_MS, LOGIN_ATTEMPT_PRUNE_BATCH } =
  await import("@/lib/data/login-attempts");
const { authorizeCredentials } = await import("@/lib/auth/authorize-credentials");
const { appendPeerAddress } = await import("@/lib/auth/client-ip");
const { getViewer } = await import("@/lib/auth/get-viewer");
const { authOptions } = await import("@/lib/auth/options");
const { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, SESSION_TOUCH_INTERVAL_MS } = await import("@/lib/auth/session-lifetime");
const { startSession } = await import("@/lib/data/start-session");
const { authedAction } = await import("@/lib/actions/authed-action");
const { signOutEverywhere } = await import("@/lib/actions/sign-out-everywhere");
const { recordAudit } = await import("@/lib/data/audit");

const PASSWORD = "correct horse battery";
let database: ScratchDatabase;
let instanceA: PrismaClient;
let instanceB: PrismaClient;
let orgId: number;
let userId: number;

beforeAll(async () => {
  database = await createMigratedDatabase();
  instanceA = createPrismaClient(database.url, { max: 4 });
  instanceB = createPrismaClient(database.url, { max: 4 });
  holder.client = instanceA;
  const org = await instanceA.organization.create({ data: { name: "Acme" } });
  orgId = org.id;
  const user = await instanceA.user.create({
    data: { orgId, email: "mia@acme.test", name: "Mia Manager", role: "MANAGER", passwordHash: await bcrypt.hash(PASSWORD, 4) },
  });
  userId = user.id;
});

afterAll(async () => {
  await instanceA?.$disconnect();
  await instanceB?.$disconnect();
  await database?.drop();
});

beforeEach(async () => {
  await instanceA.loginAttempt.deleteMany();
  await instanceA.authSession.deleteMany();
  await instanceA.auditLog.deleteMany();
  await instanceA.user.update({ where: { id: userId }, data: { active: true, tokenVersion: 0, name: "Mia Manager" } });
});

const headers = (ip: string) => ({ "x-forwarded-for": ip });

describe("sign-in attempt limit", () => {
  it("refuses the 11th failed attempt on an account, counted across two app instances", async () => {
    const now = new Date("2025-03-01T10:00:00Z");
    for (let i = 0; i < LOGIN_ATTEMPT_LIMIT; i++) {
      const client = i % 2 === 0 ? instanceA : instanceB;
      const gate = await beginLoginAttempt({ email: "mia@acme.test", ip: `10.0.0.${i}` }, { client, now: new Date(now.getTime() + i * 1000) });
      expect(gate.allowed).toBe(true);
    }
    const eleventh = await beginLoginAttempt({ email: "mia@acme.test", ip: "10.0.1.1" }, { client: instanceB, now: new Date(now.getTime() + 60_000) });
    expect(eleventh).toEqual({ allowed: false, retryAfterMinutes: 14 });
    expect(await instanceA.loginAttempt.count()).toBe(LOGIN_ATTEMPT_LIMIT);
  });

  it("refuses the 11th failure from one IP whatever the emails", async () => {
    const now = new Date("2025-03-01T10:00:00Z");
    for (let i = 0; i < LOGIN_ATTEMPT_LIMIT; i++) {
      expect((await beginLoginAttempt({ email: `guess${i}@acme.test`, ip: "203.0.113.9" }, { client: i % 2 ? instanceA : instanceB, now })).allowed).toBe(true);
    }
    expect((await beginLoginAttempt({ email: "other@acme.test", ip: "203.0.113.9" }, { client: instanceA, now })).allowed).toBe(false);
    expect((await beginLoginAttempt({ email: "other@acme.test", ip: "203.0.113.10" }, { client: instanceA, now })).allowed).toBe(true);
  });

  it("lets attempts through again once the failures leave the 15-minute window", async () => {
    const start = new Date("2025-03-01T10:00:00Z");
    for (let i = 0; i < LOGIN_ATTEMPT_LIMIT; i++) await beginLoginAttempt({ email: "mia@acme.test", ip: "10.0.0.1" }, { client: instanceA, now: start });
    const justBefore = new Date(start.getTime() + LOGIN_ATTEMPT_WINDOW_MS - 1000);
    expect(await beginLoginAttempt({ email: "mia@acme.test", ip: "10.0.0.2" }, { client: instanceA, now: justBefore })).toEqual({ allowed: false, retryAfterMinutes: 1 });
    const after = new Date(start.getTime() + LOGIN_ATTEMPT_WINDOW_MS + 1000);
    expect((await beginLoginAttempt({ email: "mia@acme.test", ip: "10.0.0.2" }, { client: instanceA, now: after })).allowed).toBe(true);
  });

  it("forgets an account's failures once the right password is given", async () => {
    const now = new Date("2025-03-01T10:00:00Z");
    for (let i = 0; i < LOGIN_ATTEMPT_LIMIT - 1; i++) await beginLoginAttempt({ email: "mia@acme.test", ip: `10.0.0.${i}` }, { client: instanceA, now });
    const ok = await beginLoginAttempt({ email: "mia@acme.test", ip: "10.0.0.99" }, { client: instanceB, now: new Date(now.getTime() + 1000) });
    if (!ok.allowed) throw new Error("expected the 10th attempt to be let through");
    await recordLoginSuccess(ok.attemptId, { client: instanceB });
    for (let i = 0; i < LOGIN_ATTEMPT_LIMIT; i++) {
      expect((await beginLoginAttempt({ email: "mia@acme.test", ip: `10.1.0.${i}` }, { client: instanceA, now: new Date(now.getTime() + 2000 + i) })).allowed).toBe(true);
    }
  });

  it("prunes attempts older than a month a batch per new attempt, also of emails that never signed in", async () => {
    const now = new Date("2025-03-01T10:00:00Z");
    const old = new Date(now.getTime() - LOGIN_ATTEMPT_RETENTION_MS - 60_000);
    const recent = new Date(now.getTime() - LOGIN_ATTEMPT_RETENTION_MS + 60_000);
    const oldCount = LOGIN_ATTEMPT_PRUNE_BATCH + 50;
    await instanceA.loginAttempt.createMany({
      data: [
        ...Array.from({ length: oldCount }, (_, i) => ({ email: `guess${i}@nowhere.test`, ip: "198.51.100.7", success: false, at: old })),
        ...Array.from({ length: 5 }, (_, i) => ({ email: "mia@acme.test", ip: `10.2.0.${i}`, success: i === 0, at: recent })),
      ],
    });
    const olderThanAMonth = () => instanceA.loginAttempt.count({ where: { at: { lt: new Date(now.getTime() - LOGIN_ATTEMPT_RETENTION_MS) } } });
        await beginLoginAttempt({ email: "someone@acme.test", ip: "10.3.0.1" }, { client: instanceA, now });
    expect(await olderThanAMonth()).toBe(oldCount - LOGIN_ATTEMPT_PRUNE_BATCH);
    await beginLoginAttempt({ email: "someone@acme.test", ip: "10.3.0.1" }, { client: instanceB, now });
    expect(await olderThanAMonth()).toBe(0);
    // The month's attempts stay: five of Mia's and the two new ones.
    expect(await instanceA.loginAttempt.count()).toBe(7);
  });

  it("lets exactly 10 of 25 simultaneous guesses through, from two instances", async () => {
    const now = new Date("2025-03-01T10:00:00Z");
    const gates = await Promise.all(
      Array.from({ length: 25 }, (_, i) => beginLoginAttempt({ email: "mia@acme.test", ip: `10.2.0.${i}` }, { client: i % 2 ? instanceA : instanceB, now })),
    );
    expect(gates.filter((gate) => gate.allowed)).toHaveLength(LOGIN_ATTEMPT_LIMIT);
  });
});

describe("guesses from elsewhere do not lock the owner out", () => {
  const now = new Date("2025-03-01T10:00:00Z");
  const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);

  async function signedInFrom(ip: string, when: Date) {
    const gate = await beginLoginAttempt({ email: "mia@acme.test", ip }, { client: instanceA, now: when });
    if (!gate.allowed) throw new Error("expected the owner's sign-in to be let through");
    await recordLoginSuccess(gate.attemptId, { client: instanceA });
  }

  async function guessFromTenAddresses() {
    for (let i = 0; i < LOGIN_ATTEMPT_LIMIT; i++) {
      expect((await beginLoginAttempt({ email: "mia@acme.test", ip: `203.0.113.${i}` }, { client: i % 2 ? instanceA : instanceB, now: at(60 + i) })).allowed).toBe(true);
    }
  }

  it("closes the account to addresses it has not signed in from in 30 days, but not to one it has", async () => {
    await signedInFrom("192.0.2.10", now);
    await signedInFrom("192.0.2.20", new Date(now.getTime() - LOGIN_ATTEMPT_RETENTION_MS - 60_000));
    const other = await beginLoginAttempt({ email: "other@acme.test", ip: "192.0.2.30" }, { client: instanceA, now });
    if (other.allowed) await recordLoginSuccess(other.attemptId, { client: instanceA });
    await guessFromTenAddresses();
    const attempt = (ip: string, seconds: number) => beginLoginAttempt({ email: "mia@acme.test", ip }, { client: instanceB, now: at(seconds) });
    expect(await attempt("198.51.100.1", 120)).toMatchObject({ allowed: false });
    // Known once, but longer ago than the attempts are kept; and known only for another account.
    expect(await attempt("192.0.2.20", 121)).toMatchObject({ allowed: false });
    expect(await attempt("192.0.2.30", 122)).toMatchObject({ allowed: false });
    // The owner's own address: its own failures still count, up to the address limit.
    for (let i = 0; i < LOGIN_ATTEMPT_LIMIT; i++) expect((await attempt("192.0.2.10", 130 + i)).allowed).toBe(true);
    expect(await attempt("192.0.2.10", 150)).toMatchObject({ allowed: false });
  });
});

describe("authorizeCredentials", () => {
  it("answers an unknown user, a wrong password and a deactivated user alike (null)", async () => {
    expect(await authorizeCredentials({ email: "nobody@acme.test", password: PASSWORD }, headers("10.3.0.1"))).toBeNull();
    expect(await authorizeCredentials({ email: "mia@acme.test", password: "wrong" }, headers("10.3.0.2"))).toBeNull();
    await instanceA.user.update({ where: { id: userId }, data: { active: false } });
    expect(await authorizeCredentials({ email: "mia@acme.test", password: PASSWORD }, headers("10.3.0.3"))).toBeNull();
  });

  it("signs in with the right password and records the attempt as a success", async () => {
    expect(await authorizeCredentials({ email: "MIA@acme.test ", password: PASSWORD }, headers("10.3.0.4"))).toMatchObject({ id: String(userId), tokenVersion: 0 });
    expect(await instanceA.loginAttempt.findMany({ select: { email: true, ip: true, success: true } })).toEqual([{ email: "mia@acme.test", ip: "10.3.0.4", success: true }]);
  });

  it("counts the socket's address, not the X-Forwarded-For a client makes up, when no proxy is trusted", async () => {
    const spoofed = (i: number) => {
      const sent: Record<string, string | string[] | undefined> = { "x-forwarded-for": `10.9.${i}.1` };
      appendPeerAddress(sent, "203.0.113.77");
      return sent;
    };
    for (let i = 0; i < LOGIN_ATTEMPT_LIMIT; i++) await authorizeCredentials({ email: `guess${i}@acme.test`, password: "wrong" }, spoofed(i));
    await expect(authorizeCredentials({ email: "mia@acme.test", password: PASSWORD }, spoofed(99))).rejects.toThrow(/^RateLimited:/);
    expect(new Set((await instanceA.loginAttempt.findMany({ select: { ip: true } })).map((row) => row.ip))).toEqual(new Set(["203.0.113.77"]));
  });

  it("refuses even the right password after 10 failures, with the minutes to wait, and never stores the password", async () => {
    const logged = (["log", "info", "warn", "error", "debug"] as const).map((level) => vi.spyOn(console, level));
    for (let i = 0; i < LOGIN_ATTEMPT_LIMIT; i++) await authorizeCredentials({ email: "mia@acme.test", password: `guess-${i}` }, headers(`10.4.0.${i}`));
    await expect(authorizeCredentials({ email: "mia@acme.test", password: PASSWORD }, headers("10.4.1.1"))).rejects.toThrow(/^RateLimited:(14|15)$/);
    const printed = JSON.stringify(logged.flatMap((spy) => spy.mock.calls));
    for (const spy of logged) spy.mockRestore();
    expect(printed).not.toContain("guess-");
    const stored = JSON.stringify(await instanceA.loginAttempt.findMany({ select: { email: true, ip: true, success: true } }));
    expect(stored).not.toContain("guess-");
    expect(stored).not.toContain(PASSWORD);
  });
});

describe("sessions", () => {
  const claims = (sessionId: string, tokenVersion = 0) => ({ userId, tokenVersion, sessionId, user: {}, expires: "2999-01-01" });
  const lastSeen = async (id: string) => (await instanceA.authSession.findUniqueOrThrow({ where: { id } })).lastSeenAt.getTime();
  const backdate = (id: string, data: { createdAt?: Date; lastSeenAt?: Date }) => instanceA.authSession.update({ where: { id }, data });
  const signOut = (sessionId: string) => authOptions.events!.signOut!({ token: { userId, sessionId }, session: null as never });

  it("starts a session row when next-auth issues the cookie, and accepts it", async () => {
    const token = await authOptions.callbacks!.jwt!({ token: {}, user: { id: String(userId), tokenVersion: 0 }, account: null, trigger: "signIn" });
    expect(token).toMatchObject({ userId, tokenVersion: 0, sessionId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(await instanceA.authSession.count({ where: { userId } })).toBe(1);
    holder.session = claims(token.sessionId!);
    expect(await getViewer()).toMatchObject({ userId, orgId, role: "MANAGER" });
  });

  it("refuses a cookie without a session id, or with one that was never issued", async () => {
    holder.session = { userId, tokenVersion: 0, user: {}, expires: "2999-01-01" };
    expect(await getViewer()).toBeNull();
    holder.session = claims("00000000-0000-4000-8000-000000000000");
    expect(await getViewer()).toBeNull();
  });

  it("signing out revokes this session: a copy of its cookie is refused, another browser stays signed in", async () => {
    const laptop = await startSession(userId);
    const phone = await startSession(userId);
    await signOut(laptop);
    holder.session = claims(laptop);
    expect(await getViewer()).toBeNull();
    holder.session = claims(phone);
    expect(await getViewer()).toMatchObject({ userId });
  });

  it("ends a session idle for 12 hours, and moves the idle clock when it is used", async () => {
    const sessionId = await startSession(userId);
    holder.session = claims(sessionId);
    await backdate(sessionId, { lastSeenAt: new Date(Date.now() - SESSION_IDLE_MS + 60_000) });
    const before = await lastSeen(sessionId);
    expect(await getViewer()).toMatchObject({ userId });
    expect(await lastSeen(sessionId)).toBeGreaterThan(before + SESSION_IDLE_MS - 120_000);
    await backdate(sessionId, { lastSeenAt: new Date(Date.now() - SESSION_IDLE_MS - 1000) });
    expect(await getViewer()).toBeNull();
  });

  it("writes the idle clock at most every few minutes", async () => {
    const sessionId = await startSession(userId);
    holder.session = claims(sessionId);
    const recent = new Date(Date.now() - SESSION_TOUCH_INTERVAL_MS / 2);
    await backdate(sessionId, { lastSeenAt: recent });
    expect(await getViewer()).toMatchObject({ userId });
    expect(await lastSeen(sessionId)).toBe(recent.getTime());
  });

  it("ends a session 7 days after sign-in however busy it is", async () => {
    const sessionId = await startSession(userId);
    holder.session = claims(sessionId);
    await backdate(sessionId, { createdAt: new Date(Date.now() - SESSION_ABSOLUTE_MS - 1000), lastSeenAt: new Date() });
    expect(await getViewer()).toBeNull();
  });

  it("drops the user's unusable sessions when a new one starts", async () => {
    const idle = await startSession(userId);
    const old = await startSession(userId);
    const live = await startSession(userId);
    await backdate(idle, { lastSeenAt: new Date(Date.now() - SESSION_IDLE_MS - 1000) });
    await backdate(old, { createdAt: new Date(Date.now() - SESSION_ABSOLUTE_MS - 1000) });
    const fresh = await startSession(userId);
    expect((await instanceA.authSession.findMany({ select: { id: true } })).map((row) => row.id).sort()).toEqual([live, fresh].sort());
  });

  it("stops a deactivated user's session at the next request", async () => {
    holder.session = claims(await startSession(userId));
    await instanceA.user.update({ where: { id: userId }, data: { active: false } });
    expect(await getViewer()).toBeNull();
  });

  it("'Sign out everywhere' ends every session of the user, and is audited", async () => {
    const laptop = await startSession(userId);
    const phone = await startSession(userId);
    holder.session = claims(laptop);
    const state = await signOutEverywhere({ status: "idle" }, new FormData());
    expect(state.status).toBe("success");
    expect((await instanceA.user.findUniqueOrThrow({ where: { id: userId } })).tokenVersion).toBe(1);
    expect(await instanceA.authSession.count({ where: { userId } })).toBe(0);
    expect(await getViewer()).toBeNull();
    holder.session = claims(phone, 1);
    expect(await getViewer()).toBeNull();
    holder.session = claims(await startSession(userId), 1);
    expect(await getViewer()).toMatchObject({ userId });
    expect(await instanceA.auditLog.findMany({ select: { orgId: true, actorId: true, action: true, entity: true, entityId: true } })).toEqual([
      { orgId, actorId: userId, action: "user.sign_out_everywhere", entity: "user", entityId: String(userId) },
    ]);
  });

  it("refuses a session of an older token version (a password change, say)", async () => {
    const sessionId = await startSession(userId);
    await instanceA.user.update({ where: { id: userId }, data: { tokenVersion: 1 } });
    holder.session = claims(sessionId, 0);
    expect(await getViewer()).toBeNull();
  });
});

describe("authedAction against the database", () => {
  const rename = (fail: boolean) =>
    authedAction(z.object({ name: z.string().min(2) }), async (viewer, input, tx) => {
      const before = await tx.user.findUniqueOrThrow({ where: { id: viewer.userId }, select: { name: true, passwordHash: true } });
      const after = await tx.user.update({ where: { id: viewer.userId }, data: { name: input.name }, select: { name: true, passwordHash: true } });
      await recordAudit(tx, viewer, { action: "user.renamed", entity: "user", entityId: viewer.userId, before, after });
      if (fail) throw new Error("the next write failed");
    });
  const form = (name: string) => {
    const data = new FormData();
    data.set("name", name);
    return data;
  };

  it("rolls back every write of a handler that fails: no change, no audit row", async () => {
    holder.session = await claims(0);
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const state = await rename(true)({ status: "idle" }, form("Mia Renamed"));
    log.mockRestore();
    expect(state.status).toBe("error");
    expect((await instanceA.user.findUniqueOrThrow({ where: { id: userId } })).name).toBe("Mia Manager");
    expect(await instanceA.auditLog.count()).toBe(0);
  });

  it("commits the change with its audit row (who, what, before and after; no secrets)", async () => {
    holder.session = await claims(0);
    expect((await rename(false)({ status: "idle" }, form("Mia Renamed"))).status).toBe("success");
    const rows = await instanceA.auditLog.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ orgId, actorId: userId, action: "user.renamed", entityId: String(userId), before: { name: "Mia Manager" }, after: { name: "Mia Renamed" } });
    expect(JSON.stringify(rows[0]?.before)).not.toContain("$2");
  });

  it("runs nothing for a stale session", async () => {
    holder.session = await claims(7);
    expect(await rename(false)({ status: "idle" }, form("Mia Renamed"))).toMatchObject({ status: "error" });
    expect((await instanceA.user.findUniqueOrThrow({ where: { id: userId } })).name).toBe("Mia Manager");
  });

  async function claims(tokenVersion: number) {
    return { userId, tokenVersion, sessionId: await startSession(userId), user: {}, expires: "2999-01-01" };
  }
});
