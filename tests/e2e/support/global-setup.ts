// Seeds the authorization fixture into the e2e server's database: an organisation with two teams and the
// six viewers of the matrix, and a second organisation, named with MARKER-… strings. Rebuilt on every run.
import bcrypt from "bcryptjs";
import fs from "node:fs";
import pg from "pg";
import { DEMO_PASSWORD } from "../../../prisma/seed";
import { MARKERS, type MatrixFixture } from "./markers";
import { DATABASE_URL_FILE, FIXTURE_FILE } from "./paths";

export const MATRIX_ORG = "Matrix Org";
export const OTHER_ORG = `${MARKERS.otherOrg} Ltd`;

export function databaseUrl(): string {
  return fs.readFileSync(DATABASE_URL_FILE, "utf8").trim();
}

export default async function globalSetup() {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    await client.query("BEGIN");
    const fixture = await seed(client);
    await client.query("COMMIT");
    fs.writeFileSync(FIXTURE_FILE, JSON.stringify(fixture, null, 2));
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    await client.end();
  }
}

async function seed(client: pg.Client): Promise<MatrixFixture> {
  const one = async (sql: string, params: unknown[]) => (await client.query<{ id: number }>(sql, params)).rows[0]!.id;
  // Deals restrict deleting their owners, so they go first; the organisations cascade the rest.
  await client.query("DELETE FROM deal WHERE org_id IN (SELECT id FROM organization WHERE name = ANY($1))", [[MATRIX_ORG, OTHER_ORG]]);
  await client.query("DELETE FROM organization WHERE name = ANY($1)", [[MATRIX_ORG, OTHER_ORG]]);
  // Failed sign-ins of earlier runs must not rate-limit this one (the foundation spec makes some on purpose).
  await client.query("DELETE FROM login_attempt");

  const hash = await bcrypt.hash(DEMO_PASSWORD, 10);
  const orgId = await one("INSERT INTO organization (name, currency, time_zone) VALUES ($1, 'EUR', 'Europe/Berlin') RETURNING id", [MATRIX_ORG]);
  const otherOrgId = await one("INSERT INTO organization (name) VALUES ($1) RETURNING id", [OTHER_ORG]);
  const user = (org: number, name: string, email: string, role: string, password: string | null = hash) =>
    one("INSERT INTO app_user (org_id, name, email, role, password_hash, active) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id", [org, name, email, role, password, password !== null]);
  const emails = {
    admin: "matrix.admin@matrix.test",
    managerX: "matrix.manager.x@matrix.test",
    managerY: "matrix.manager.y@matrix.test",
    repA: "matrix.rep.a@matrix.test",
    repB: "matrix.rep.b@matrix.test",
    target: "matrix.target@matrix.test",
    gone: "matrix.gone@matrix.test",
    otherAdmin: "matrix.other.admin@matrix.test",
  };
  const users = {
    admin: await user(orgId, "Mara Admin", emails.admin, "ADMIN"),
    managerX: await user(orgId, "Max Lead", emails.managerX, "MANAGER"),
    managerY: await user(orgId, "Yana Lead", emails.managerY, "MANAGER"),
    repA: await user(orgId, `${MARKERS.repA} Anna`, emails.repA, "REP"),
    repB: await user(orgId, `${MARKERS.repB} Boris`, emails.repB, "REP"),
    repY: await user(orgId, `${MARKERS.teamY} Yuri`, "matrix.rep.y@matrix.test", "REP"),
    target: await user(orgId, "Tess Target", emails.target, "REP"),
    invited: await user(orgId, "Ivy Invited", "matrix.invited@matrix.test", "REP", null),
    gone: await user(orgId, "Gus Leaving", emails.gone, "REP"),
    otherAdmin: await user(otherOrgId, `${MARKERS.otherOrg} Admin`, emails.otherAdmin, "ADMIN"),
  };
  const team = (org: number, name: string, managerId: number | null) => one("INSERT INTO team (org_id, name, manager_id) VALUES ($1, $2, $3) RETURNING id", [org, name, managerId]);
  const teams = {
    x: await team(orgId, "Matrix Team X", users.managerX),
    y: await team(orgId, "Matrix Team Y", users.managerY),
    spare: await team(orgId, "Matrix Spare", null),
    other: await team(otherOrgId, `${MARKERS.otherOrg} Team`, null),
  };
  const rep = (org: number, name: string, teamId: number | null, userId: number | null) =>
    one("INSERT INTO rep (org_id, name, team_id, user_id, kind) VALUES ($1, $2, $3, $4, 'AE') RETURNING id", [org, name, teamId, userId]);
  const reps = {
    a: await rep(orgId, `${MARKERS.repA} Anna`, teams.x, users.repA),
    b: await rep(orgId, `${MARKERS.repB} Boris`, teams.x, users.repB),
    y: await rep(orgId, `${MARKERS.teamY} Yuri`, teams.y, users.repY),
    loose: await rep(orgId, "Lou Loose", null, null),
    other: await rep(otherOrgId, `${MARKERS.otherOrg} Rep`, teams.other, null),
  };
  await rep(orgId, "Tess Target", teams.x, users.target);
  await rep(orgId, "Gus Leaving", teams.x, users.gone);

  const stageOf = async (org: number) => {
    const pipelineId = await one("INSERT INTO pipeline (org_id, name) VALUES ($1, 'New business') RETURNING id", [org]);
    return { pipelineId, stageId: await one("INSERT INTO stage (pipeline_id, name, position) VALUES ($1, 'Discovery', 1) RETURNING id", [pipelineId]) };
  };
  const mine = await stageOf(orgId);
  const theirs = await stageOf(otherOrgId);
  const deal = (org: number, where: { pipelineId: number; stageId: number }, ownerId: number, name: string) =>
    one("INSERT INTO deal (org_id, pipeline_id, stage_id, owner_id, name, amount, created_at) VALUES ($1, $2, $3, $4, $5, 12000, now() - interval '10 days') RETURNING id", [
      org,
      where.pipelineId,
      where.stageId,
      ownerId,
      name,
    ]);
  const deals = {
    a: await deal(orgId, mine, reps.a, `${MARKERS.repA}-DEAL Alpha renewal`),
    b: await deal(orgId, mine, reps.b, `${MARKERS.repB}-DEAL Beta expansion`),
    y: await deal(orgId, mine, reps.y, `${MARKERS.teamY}-DEAL Gamma`),
    other: await deal(otherOrgId, theirs, reps.other, `${MARKERS.otherOrg}-DEAL`),
  };
  return { orgId, otherOrgId, emails, users, teams, reps, deals, pipelines: { mine: mine.pipelineId, other: theirs.pipelineId } };
}
