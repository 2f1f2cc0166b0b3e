// The admin data layer as an administrator uses it: invitations, roles and teams, deactivation, the audit trail.
import bcrypt from "bcryptjs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { seedAuthorizationFixture, type Fixture } from "./authorization-fixture";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";

const holder = vi.hoisted(() => ({ client: undefined as unknown as PrismaClient }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/db/client", () => ({
  db: new Proxy({}, { get: (_target, property) => Reflect.get(holder.client, property, holder.client) }),
}));

const { adminCreateUser } = await import("@/lib/data/admin-create-user");
const { adminUpdateUser } = await import("@/lib/data/admin-update-user");
const { adminSetUserActive } = await import("@/lib/data/admin-set-user-active");
const { adminCreateTeam } = await import("@/lib/data/admin-create-team");
const { adminMoveRep } = await import("@/lib/data/admin-move-rep");
const { acceptInvite } = await import("@/lib/data/accept-invite");
const { getInvite } = await import("@/lib/data/get-invite");
const { listUsers } = await import("@/lib/data/list-users");
const { listAuditLog } = await import("@/lib/data/list-audit-log");
const { inTransaction } = await import("@/lib/data/in-transaction");

let database: ScratchDatabase;
let db: PrismaClient;
let fx: Fixture;

beforeAll(async () => {
  database = await createMigratedDatabase();
  db = createPrismaClient(database.url);
  holder.client = db;
  fx = await seedAuthorizationFixture(db);
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

const admin = () => fx.viewers.admin;

describe("inviting a user", () => {
  it("stores only the token's hash, keeps the user inactive, and lets the link set a password exactly once", async () => {
    const created = await inTransaction((tx) =>
      adminCreateUser(admin(), { name: "Nina New", email: "nina@northwind.test", role: "REP", teamId: fx.teams.x, method: "invite" }, tx),
    );
    const token = created.inviteToken!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await db.userInvite.findFirstOrThrow({ where: { userId: created.userId } });
    expect(stored.tokenHash).not.toContain(token);
    expect(JSON.stringify(await db.auditLog.findMany({ select: { before: true, after: true } }))).not.toContain(token);
    const user = await db.user.findUniqueOrThrow({ where: { id: created.userId }, include: { rep: true } });
    expect(user).toMatchObject({ active: false, passwordHash: null, role: "REP" });
    expect(user.rep?.teamId).toBe(fx.teams.x);
    expect(await getInvite(token)).toEqual({ name: "Nina New", email: "nina@northwind.test" });

    await inTransaction((tx) => acceptInvite({ token, password: "nina's new password", confirm: "nina's new password" }, tx));
    const after = await db.user.findUniqueOrThrow({ where: { id: created.userId } });
    expect(after.active).toBe(true);
    expect(await bcrypt.compare("nina's new password", after.passwordHash!)).toBe(true);

    await expect(inTransaction((tx) => acceptInvite({ token, password: "a second attempt", confirm: "a second attempt" }, tx))).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await getInvite(token)).toBeNull();
    expect(await bcrypt.compare("nina's new password", (await db.user.findUniqueOrThrow({ where: { id: created.userId } })).passwordHash!)).toBe(true);
  });

  it("refuses an expired link", async () => {
    const created = await inTransaction((tx) => adminCreateUser(admin(), { name: "Otto Old", email: "otto@northwind.test", role: "MANAGER", teamId: null, method: "invite" }, tx));
    await db.userInvite.updateMany({ where: { userId: created.userId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(inTransaction((tx) => acceptInvite({ token: created.inviteToken!, password: "too late now", confirm: "too late now" }, tx))).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await db.user.findUniqueOrThrow({ where: { id: created.userId } })).passwordHash).toBeNull();
  });

  it("refuses an email that is already taken, whatever its case", async () => {
    await expect(
      inTransaction((tx) => adminCreateUser(admin(), { name: "Dup", email: "ANNA@northwind.test".toLowerCase(), role: "REP", teamId: null, method: "invite" }, tx)),
    ).rejects.toMatchObject({ code: "CONFLICT", messageKey: "emailTaken" });
  });
});

describe("roles and teams", () => {
  it("makes a rep a manager of a team, and a manager who stops managing leaves their teams without a manager", async () => {
    const { userId } = await inTransaction((tx) =>
      adminCreateUser(admin(), { name: "Pia Promoted", email: "pia@northwind.test", role: "REP", teamId: fx.teams.x, method: "password", password: "pia password 1" }, tx),
    );
    const { teamId } = await inTransaction((tx) => adminCreateTeam(admin(), { name: "Pia's team", kind: "AE", managerId: null }, tx));
    await inTransaction((tx) => adminUpdateUser(admin(), { userId, role: "MANAGER", teamId }, tx));
    expect((await db.team.findUniqueOrThrow({ where: { id: teamId } })).managerId).toBe(userId);

    await inTransaction((tx) => adminUpdateUser(admin(), { userId, role: "REP", teamId: fx.teams.y }, tx));
    expect((await db.team.findUniqueOrThrow({ where: { id: teamId } })).managerId).toBeNull();
    expect((await db.rep.findUniqueOrThrow({ where: { userId } })).teamId).toBe(fx.teams.y);

    const trail = await db.auditLog.findMany({ where: { entity: "user", entityId: String(userId), action: "user.update" }, orderBy: { id: "asc" } });
    expect(trail.map((row) => [row.before, row.after])).toEqual([
      [
        { role: "REP", teamId: fx.teams.x, managedTeamIds: [] },
        { role: "MANAGER", teamId: fx.teams.x, managedTeamIds: [teamId] },
      ],
      [
        { role: "MANAGER", teamId: fx.teams.x, managedTeamIds: [teamId] },
        { role: "REP", teamId: fx.teams.y, managedTeamIds: [] },
      ],
    ]);
  });

  it("refuses a second team with the same name in another case", async () => {
    await expect(inTransaction((tx) => adminCreateTeam(admin(), { name: "team x", kind: "AE", managerId: null }, tx))).rejects.toMatchObject({ messageKey: "teamNameTaken" });
  });

  it("moves a rep and records where from and where to", async () => {
    await inTransaction((tx) => adminMoveRep(admin(), { repId: fx.reps.loose, teamId: fx.teams.y }, tx));
    const row = await db.auditLog.findFirstOrThrow({ where: { action: "rep.move", entityId: String(fx.reps.loose) } });
    expect([row.before, row.after, row.actorId]).toEqual([{ teamId: null }, { teamId: fx.teams.y }, fx.users.admin]);
  });

  it("keeps at least one active administrator", async () => {
    const { userId } = await inTransaction((tx) =>
      adminCreateUser(admin(), { name: "Second Admin", email: "second@northwind.test", role: "ADMIN", teamId: null, method: "password", password: "second admin pw" }, tx),
    );
    await inTransaction((tx) => adminSetUserActive(admin(), { userId, active: false }, tx));
    await db.user.update({ where: { id: userId }, data: { active: true } });
    await db.user.update({ where: { id: fx.users.admin }, data: { active: false } });
    await expect(inTransaction((tx) => adminUpdateUser(admin(), { userId, role: "MANAGER", teamId: null }, tx))).rejects.toMatchObject({ messageKey: "lastAdmin" });
    await db.user.update({ where: { id: fx.users.admin }, data: { active: true } });
  });
});

describe("deactivation", () => {
  it("bumps the token version (old sessions die) and revokes open invitations", async () => {
    const created = await inTransaction((tx) => adminCreateUser(admin(), { name: "Quinn", email: "quinn@northwind.test", role: "REP", teamId: null, method: "invite" }, tx));
    await db.user.update({ where: { id: created.userId }, data: { active: true, passwordHash: "x" } });
    await inTransaction((tx) => adminSetUserActive(admin(), { userId: created.userId, active: false }, tx));
    const user = await db.user.findUniqueOrThrow({ where: { id: created.userId } });
    expect([user.active, user.tokenVersion]).toEqual([false, 1]);
    expect(await getInvite(created.inviteToken!)).toBeNull();
  });
});

describe("lists", () => {
  it("filters users by text, role, team and status, within the organisation only", async () => {
    const byText = await listUsers(admin(), { q: "boris", page: 1 });
    expect(byText.rows.map((row) => row.email)).toEqual(["boris@northwind.test"]);
    const managersOfY = await listUsers(admin(), { role: "MANAGER", team: fx.teams.y, page: 1 });
    expect(managersOfY.rows.map((row) => row.email)).toEqual(["yana@northwind.test"]);
    const everyone = await listUsers(admin(), { page: 1 });
    expect(everyone.rows.some((row) => row.email.endsWith("elsewhere.test"))).toBe(false);
    const invited = await listUsers(admin(), { status: "invited", page: 1 });
    expect(invited.rows.map((row) => [row.email, row.status])).toContainEqual(["ivy@northwind.test", "invited"]);
    expect(invited.rows.every((row) => row.status === "invited")).toBe(true);
  });

  it("filters the audit log by day in the organisation's time zone and pages it", async () => {
    await db.auditLog.create({ data: { orgId: fx.orgId, actorId: fx.users.admin, action: "probe.late", entity: "probe", entityId: "1", at: new Date("2025-06-30T22:30:00Z") } });
    // 22:30 UTC on June 30 is already July 1 in Berlin.
    const july = await listAuditLog(admin(), { from: "2025-07-01", to: "2025-07-01", page: 1 });
    expect(july.rows.map((row) => row.action)).toEqual(["probe.late"]);
    expect((await listAuditLog(admin(), { from: "2025-06-30", to: "2025-06-30", page: 1 })).total).toBe(0);
    expect((await listAuditLog(fx.viewers.admin, { page: 1 })).rows.every((row) => row.action !== "user.update" || row.actor?.id === fx.users.admin)).toBe(true);
  });

  it("refuses a manager or a rep", async () => {
    await expect(listUsers(fx.viewers.managerX, { page: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listAuditLog(fx.viewers.repA, { page: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
