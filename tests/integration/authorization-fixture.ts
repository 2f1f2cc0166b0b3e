// One organisation with two teams and the six viewers the authorization tests ask about, plus a second
// organisation. Names in other scopes carry MARKER-… strings so a leak shows up in any output.
import { mintViewer, type Viewer } from "@/lib/auth/viewer";
import type { PrismaClient } from "@/lib/db/create-client";

export const WHO = ["anonymous", "repA", "repB", "managerX", "managerY", "admin"] as const;
export type Who = (typeof WHO)[number];

export const MARKERS = {
  repA: "MARKER-REP-A",
  repB: "MARKER-REP-B",
  teamY: "MARKER-TEAM-Y",
  otherOrg: "MARKER-OTHER-ORG",
} as const;

/** The markers each viewer must never receive. Anonymous gets none of them. */
export const FORBIDDEN_MARKERS: Record<Who, string[]> = {
  anonymous: Object.values(MARKERS),
  repA: [MARKERS.repB, MARKERS.teamY, MARKERS.otherOrg],
  repB: [MARKERS.repA, MARKERS.teamY, MARKERS.otherOrg],
  managerX: [MARKERS.teamY, MARKERS.otherOrg],
  managerY: [MARKERS.repA, MARKERS.repB, MARKERS.otherOrg],
  admin: [MARKERS.otherOrg],
};

export interface Fixture {
  orgId: number;
  otherOrgId: number;
  users: Record<"admin" | "managerX" | "managerY" | "repA" | "repB" | "repY" | "target" | "invited" | "otherAdmin" | "otherRep", number>;
  teams: Record<"x" | "y" | "spare" | "other", number>;
  reps: Record<"a" | "b" | "y" | "loose" | "other", number>;
  deals: Record<"a" | "b" | "y" | "other", number>;
  viewers: Record<Exclude<Who, "anonymous">, Viewer>;
}

export async function seedAuthorizationFixture(db: PrismaClient): Promise<Fixture> {
  const org = await db.organization.create({ data: { name: "Northwind", currency: "EUR", timeZone: "Europe/Berlin" } });
  const other = await db.organization.create({ data: { name: `${MARKERS.otherOrg} Ltd` } });
  // passwordHash null: invited, not yet set up (and so inactive).
  const user = (orgId: number, name: string, email: string, role: "ADMIN" | "MANAGER" | "REP", passwordHash: string | null = "x") =>
    db.user.create({ data: { orgId, name, email, role, passwordHash, active: passwordHash !== null } }).then((row) => row.id);
  const users = {
    admin: await user(org.id, "Ada Admin", "ada@northwind.test", "ADMIN"),
    managerX: await user(org.id, "Max Manager", "max@northwind.test", "MANAGER"),
    managerY: await user(org.id, "Yana Manager", "yana@northwind.test", "MANAGER"),
    repA: await user(org.id, `${MARKERS.repA} Anna`, "anna@northwind.test", "REP"),
    repB: await user(org.id, `${MARKERS.repB} Boris`, "boris@northwind.test", "REP"),
    repY: await user(org.id, `${MARKERS.teamY} Yuri`, "yuri@northwind.test", "REP"),
    target: await user(org.id, "Tess Target", "tess@northwind.test", "REP"),
    invited: await user(org.id, "Ivy Invited", "ivy@northwind.test", "REP", null),
    otherAdmin: await user(other.id, `${MARKERS.otherOrg} Admin`, "admin@elsewhere.test", "ADMIN"),
    otherRep: await user(other.id, `${MARKERS.otherOrg} Rep`, "rep@elsewhere.test", "REP"),
  };
  const team = (orgId: number, name: string, managerId: number | null) => db.team.create({ data: { orgId, name, managerId } }).then((row) => row.id);
  const teams = {
    x: await team(org.id, "Team X", users.managerX),
    y: await team(org.id, "Team Y", users.managerY),
    spare: await team(org.id, "Spare", null),
    other: await team(other.id, "Team X", null),
  };
  const rep = (orgId: number, name: string, teamId: number | null, userId: number | null) =>
    db.rep.create({ data: { orgId, name, teamId, userId, kind: "AE" } }).then((row) => row.id);
  const reps = {
    a: await rep(org.id, `${MARKERS.repA} Anna`, teams.x, users.repA),
    b: await rep(org.id, `${MARKERS.repB} Boris`, teams.x, users.repB),
    y: await rep(org.id, `${MARKERS.teamY} Yuri`, teams.y, users.repY),
    loose: await rep(org.id, "Lou Loose", null, null),
    other: await rep(other.id, `${MARKERS.otherOrg} Rep`, teams.other, users.otherRep),
  };
  await rep(org.id, "Tess Target", teams.x, users.target);

  const pipeline = async (orgId: number) => {
    const p = await db.pipeline.create({ data: { orgId, name: "New business" } });
    const stage = await db.stage.create({ data: { pipelineId: p.id, name: "Discovery", position: 1 } });
    return { pipelineId: p.id, stageId: stage.id };
  };
  const mine = await pipeline(org.id);
  const theirs = await pipeline(other.id);
  const deal = (orgId: number, where: { pipelineId: number; stageId: number }, ownerId: number, name: string) =>
    db.deal.create({ data: { orgId, ...where, ownerId, name, amount: "1000", createdAt: new Date("2025-02-01T10:00:00Z") } }).then((row) => row.id);
  const deals = {
    a: await deal(org.id, mine, reps.a, `${MARKERS.repA}-DEAL`),
    b: await deal(org.id, mine, reps.b, `${MARKERS.repB}-DEAL`),
    y: await deal(org.id, mine, reps.y, `${MARKERS.teamY}-DEAL`),
    other: await deal(other.id, theirs, reps.other, `${MARKERS.otherOrg}-DEAL`),
  };

  const viewer = (userId: number, role: "ADMIN" | "MANAGER" | "REP", repId: number | null, teamIds: number[]) =>
    mintViewer({ userId, orgId: org.id, role, repId, teamIds, name: "Test", email: "t@northwind.test", locale: "en" });
  return {
    orgId: org.id,
    otherOrgId: other.id,
    users,
    teams,
    reps,
    deals,
    viewers: {
      admin: viewer(users.admin, "ADMIN", null, []),
      managerX: viewer(users.managerX, "MANAGER", null, [teams.x]),
      managerY: viewer(users.managerY, "MANAGER", null, [teams.y]),
      repA: viewer(users.repA, "REP", reps.a, [teams.x]),
      repB: viewer(users.repB, "REP", reps.b, [teams.x]),
    },
  };
}

/** A fingerprint of every table's rows: equal before and after means nothing was written. */
export async function databaseFingerprint(db: PrismaClient): Promise<Record<string, string>> {
  const tables = await db.$queryRawUnsafe<Array<{ name: string }>>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1",
  );
  const fingerprint: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await db.$queryRawUnsafe<Array<{ hash: string }>>(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS hash FROM "${name}" t`);
    fingerprint[name] = row?.hash ?? "";
  }
  return fingerprint;
}
