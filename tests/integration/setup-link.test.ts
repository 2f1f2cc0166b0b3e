// The one-time setup link of an empty install: issued only while nobody has an account, stored as a hash, valid for
// an hour and once; the setup page's action creates the organisation and its first administrator in one audited
// transaction, and refuses — as "not found", writing nothing — a wrong, spent or expired link, and any link once a
// user exists. The sign-in page's question "are there any accounts?" is answered here too.
import { createHash } from "node:crypto";
import bcrypt from "bcryptjs";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { databaseFingerprint } from "./authorization-fixture";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";

const holder = vi.hoisted(() => ({ client: undefined as unknown as PrismaClient, locale: "en" as "en" | "ru" }));
vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined, set: () => {} }), headers: async () => new Headers() }));
vi.mock("@/lib/i18n/get-locale", () => ({ getLocale: async () => holder.locale }));
vi.mock("@/lib/db/client", () => ({
  db: new Proxy({}, { get: (_target, property) => Reflect.get(holder.client, property, holder.client) }),
}));

const { completeSetup } = await import("@/lib/actions/complete-setup");
const { issueSetupToken, SETUP_TOKEN_LIFETIME_MINUTES } = await import("@/lib/data/issue-setup-token");
const { isSetupLinkUsable } = await import("@/lib/data/is-setup-link-usable");
const { instanceHasUsers } = await import("@/lib/data/instance-has-users");

let database: ScratchDatabase;
let db: PrismaClient;

beforeAll(async () => {
  database = await createMigratedDatabase();
  db = createPrismaClient(database.url, { max: 4 });
  holder.client = db;
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

// Each test starts from an install nobody has set up yet.
beforeEach(async () => {
  holder.locale = "en";
  for (const table of ["audit_log", "setup_token", "app_user", "organization"]) await db.$executeRawUnsafe(`DELETE FROM ${table}`);
});

const PASSWORD = "a long enough secret";
const fields = (token: string, extra: Record<string, string> = {}) => ({
  token,
  orgName: "Acme GmbH",
  currency: "EUR",
  timeZone: "Europe/Berlin",
  adminName: "Ada Admin",
  email: "Ada@Acme.test",
  password: PASSWORD,
  confirm: PASSWORD,
  ...extra,
});

function submit(values: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return completeSetup({ status: "idle" }, data);
}

async function issue(): Promise<string> {
  const issued = await issueSetupToken(db);
  if (!issued) throw new Error("no token issued");
  return issued.token;
}

const LINK_INVALID = "This setup link is invalid, has expired or has been used, or the organisation is already set up. Sign in, or restart the app for a new link.";

describe("issuing a setup link", () => {
  it("issues a 43-character token valid for an hour, storing only its SHA-256", async () => {
    const before = Date.now();
    const issued = await issueSetupToken(db);
    expect(issued?.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(issued!.expiresAt.getTime() - before).toBeGreaterThanOrEqual(SETUP_TOKEN_LIFETIME_MINUTES * 60_000 - 1000);
    expect(issued!.expiresAt.getTime() - before).toBeLessThanOrEqual(SETUP_TOKEN_LIFETIME_MINUTES * 60_000 + 1000);
    expect(SETUP_TOKEN_LIFETIME_MINUTES).toBe(60);
    const [row, ...more] = await db.setupToken.findMany();
    expect(more).toEqual([]);
    expect(row!.tokenHash).toBe(createHash("sha256").update(issued!.token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(issued!.token);
  });

  it("issues none once anyone has an account", async () => {
    const org = await db.organization.create({ data: { name: "Existing" } });
    await db.user.create({ data: { orgId: org.id, name: "Somebody", email: "somebody@existing.test", role: "REP", active: false } });
    expect(await issueSetupToken(db)).toBeNull();
    expect(await db.setupToken.count()).toBe(0);
  });

  it("keeps the links of earlier starts until they expire, and clears spent and expired ones", async () => {
    const first = await issue();
    await db.setupToken.create({ data: { tokenHash: "spent", expiresAt: new Date(Date.now() + 60_000), usedAt: new Date() } });
    await db.setupToken.create({ data: { tokenHash: "expired", expiresAt: new Date(Date.now() - 1000) } });
    const second = await issue();
    expect((await db.setupToken.findMany()).map((row) => row.tokenHash).sort()).toEqual(
      [first, second].map((token) => createHash("sha256").update(token).digest("hex")).sort(),
    );
    expect(await isSetupLinkUsable(first)).toBe(true);
    expect(await isSetupLinkUsable(second)).toBe(true);
  });
});

describe("the setup page", () => {
  it("exists only for a known, unspent, unexpired link while nobody has an account", async () => {
    const token = await issue();
    expect(await isSetupLinkUsable(token)).toBe(true);
    expect(await isSetupLinkUsable("x".repeat(43))).toBe(false);
    await db.setupToken.updateMany({ data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await isSetupLinkUsable(token)).toBe(false);
    await db.setupToken.updateMany({ data: { expiresAt: new Date(Date.now() + 60_000), usedAt: new Date() } });
    expect(await isSetupLinkUsable(token)).toBe(false);
    await db.setupToken.updateMany({ data: { usedAt: null } });
    expect(await isSetupLinkUsable(token)).toBe(true);
    const org = await db.organization.create({ data: { name: "Made elsewhere" } });
    await db.user.create({ data: { orgId: org.id, name: "First", email: "first@elsewhere.test", role: "ADMIN", passwordHash: "x" } });
    expect(await isSetupLinkUsable(token)).toBe(false);
  });
});

describe("completing the setup", () => {
  it("creates the organisation and its administrator in one audited transaction, who can then sign in", async () => {
    expect(await instanceHasUsers()).toBe(false);
    const token = await issue();
    const result = await submit(fields(token));
    expect(result).toEqual({
      status: "success",
      message: "The organisation is ready and ada@acme.test is its administrator. Sign in to start.",
      data: { email: "ada@acme.test" },
    });
    const org = await db.organization.findFirstOrThrow({ include: { users: true } });
    expect(org).toMatchObject({ name: "Acme GmbH", currency: "EUR", timeZone: "Europe/Berlin" });
    expect(org.users).toHaveLength(1);
    const admin = org.users[0]!;
    expect(admin).toMatchObject({ name: "Ada Admin", email: "ada@acme.test", role: "ADMIN", active: true });
    expect(await bcrypt.compare(PASSWORD, admin.passwordHash!)).toBe(true);
    const audit = await db.auditLog.findMany({ orderBy: { id: "asc" } });
    expect(audit.map((row) => [row.action, row.actorId, row.orgId])).toEqual([
      ["organization.create", admin.id, org.id],
      ["user.create", admin.id, org.id],
    ]);
    expect(audit[0]!.after).toEqual({ name: "Acme GmbH", currency: "EUR", timeZone: "Europe/Berlin", via: "setup link" });
    expect(JSON.stringify(audit.map((row) => [row.before, row.after]))).not.toContain(PASSWORD);
    expect(await instanceHasUsers()).toBe(true);
  });

  it("works once: the same link a second time is refused and writes nothing", async () => {
    const token = await issue();
    expect((await submit(fields(token))).status).toBe("success");
    const fingerprint = await databaseFingerprint(db);
    expect(await submit(fields(token, { orgName: "Second Org", email: "second@acme.test" }))).toEqual({ status: "error", message: LINK_INVALID });
    expect(await databaseFingerprint(db)).toEqual(fingerprint);
    expect(await db.organization.count()).toBe(1);
  });

  it("spends every other link too, so none can make a second organisation", async () => {
    const first = await issue();
    const second = await issue();
    expect((await submit(fields(first))).status).toBe("success");
    expect(await isSetupLinkUsable(second)).toBe(false);
    expect(await submit(fields(second, { orgName: "Second Org", email: "second@acme.test" }))).toEqual({ status: "error", message: LINK_INVALID });
    expect(await db.organization.count()).toBe(1);
  });

  it("refuses two different links redeemed at the same moment but once", async () => {
    const [first, second] = [await issue(), await issue()];
    const results = await Promise.all([submit(fields(first)), submit(fields(second, { orgName: "Rival", email: "rival@acme.test" }))]);
    expect(results.map((result) => result.status).sort()).toEqual(["error", "success"]);
    expect(await db.organization.count()).toBe(1);
    expect(await db.user.count()).toBe(1);
  });

  it("refuses an expired link, a made-up one and a malformed one, writing nothing", async () => {
    const token = await issue();
    await db.setupToken.updateMany({ data: { expiresAt: new Date(Date.now() - 1) } });
    const fingerprint = await databaseFingerprint(db);
    expect(await submit(fields(token))).toEqual({ status: "error", message: LINK_INVALID });
    expect(await submit(fields("A".repeat(43)))).toEqual({ status: "error", message: LINK_INVALID });
    expect(await submit(fields("not-a-token"))).toEqual({ status: "error", message: LINK_INVALID });
    expect(await databaseFingerprint(db)).toEqual(fingerprint);
  });

  it("refuses a valid link once anyone has an account, writing nothing", async () => {
    const token = await issue();
    const org = await db.organization.create({ data: { name: "Made with npm run user" } });
    await db.user.create({ data: { orgId: org.id, name: "First", email: "first@acme.test", role: "ADMIN", passwordHash: "x" } });
    const fingerprint = await databaseFingerprint(db);
    expect(await submit(fields(token, { email: "late@acme.test" }))).toEqual({ status: "error", message: LINK_INVALID });
    expect(await databaseFingerprint(db)).toEqual(fingerprint);
  });

  it("names each bad field in the reader's language and writes nothing (the link stays usable)", async () => {
    const token = await issue();
    const fingerprint = await databaseFingerprint(db);
    const result = await submit(fields(token, { orgName: " ", currency: "EURO", timeZone: "Mars/Base", adminName: "", email: "nope", password: "short", confirm: "other" }));
    expect(result.status).toBe("error");
    expect(result.fieldErrors).toEqual({
      orgName: ["Organisation name is required."],
      currency: ["Currency is not valid."],
      timeZone: ["Time zone is not valid."],
      adminName: ["Your name is required."],
      email: ["Work email must be an email address."],
      password: ["Password must be at least 10 characters."],
      confirm: ["The passwords do not match."],
    });
    holder.locale = "ru";
    const russian = await submit(fields(token, { timeZone: "Mars/Base", password: PASSWORD, confirm: "другой пароль" }));
    expect(russian.fieldErrors).toEqual({ timeZone: ["Поле «Часовой пояс» заполнено неверно."], confirm: ["Пароли не совпадают."] });
    expect(await databaseFingerprint(db)).toEqual(fingerprint);
    expect(await isSetupLinkUsable(token)).toBe(true);
  });
});
