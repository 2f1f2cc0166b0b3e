// The demo organisation in a scratch database, read through the viewers a dashboard test needs: the drills, the
// exports, the panels and the hand-over chain all check their figures against it for one full year.
import pg from "pg";
import { mintViewer, type Viewer } from "../../../lib/auth/viewer";
import { createPrismaClient, type PrismaClient } from "../../../lib/db/create-client";
import { periodOf, type Period } from "../../../lib/kpi/period";
import { seedDemo } from "../../../prisma/seed";
import { createMigratedDatabase, type ScratchDatabase } from "./db";

/** The last full year before DEMO_TODAY: the seed's two years cover all of it. */
export const DEMO_YEAR = 2024;
const DEMO_TODAY = new Date("2025-03-15T12:00:00Z");

export interface DemoScope {
  database: ScratchDatabase;
  client: PrismaClient;
  timeZone: string;
  /** DEMO_YEAR in the organisation's time zone. */
  period: Period;
  admin: Viewer;
  /** The first manager of an AE team. */
  manager: Viewer;
  /** The first manager of an SDR team. */
  sdrManager: Viewer;
  /** The first rep of an AE team. */
  rep: Viewer;
  /** The first user (alias u of app_user) matching the condition, with their role, rep and teams. */
  viewer(where: string): Promise<Viewer>;
  /** The first other rep of `rep`'s team who owns a deal or has an activity, so that asking for them means something. */
  teammate(owning: "deal" | "activity"): Promise<number>;
  /** One query on its own connection, for what a test reads or edits beside the Prisma client. */
  query<T extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<T>>;
  /** Disconnects the client and drops the database. */
  close(): Promise<void>;
}

type UserRow = { id: number; org_id: number; role: "ADMIN" | "MANAGER" | "REP"; rep_id: number | null; rep_team: number | null; managed: number[] };

const TEAMMATE_ROWS = {
  deal: "EXISTS (SELECT 1 FROM deal d WHERE d.owner_id = r.id)",
  activity: "EXISTS (SELECT 1 FROM activity a WHERE a.rep_id = r.id)",
} as const;

async function queryOnce<T extends pg.QueryResultRow>(url: string, text: string, values?: unknown[]): Promise<pg.QueryResult<T>> {
  const pgClient = new pg.Client({ connectionString: url });
  await pgClient.connect();
  try {
    return await pgClient.query<T>(text, values);
  } finally {
    await pgClient.end();
  }
}

async function viewerWhere(url: string, where: string): Promise<Viewer> {
  // Managed teams in id order, so that a test's teamIds[0] is the same team on every run.
  const { rows } = await queryOnce<UserRow>(
    url,
    `SELECT u.id, u.org_id, u.role, r.id AS rep_id, r.team_id AS rep_team,
            coalesce(array_agg(t.id ORDER BY t.id) FILTER (WHERE t.id IS NOT NULL), '{}') AS managed
     FROM app_user u LEFT JOIN rep r ON r.user_id = u.id LEFT JOIN team t ON t.manager_id = u.id
     WHERE ${where} GROUP BY u.id, r.id ORDER BY u.id LIMIT 1`,
  );
  const u = rows[0];
  if (!u) throw new Error(`no user where ${where}`);
  const teamIds = u.role === "MANAGER" ? u.managed : u.role === "REP" && u.rep_team !== null ? [u.rep_team] : [];
  return mintViewer({ userId: u.id, orgId: u.org_id, role: u.role, repId: u.rep_id, teamIds, name: "t", email: "t@example.test", locale: "en" });
}

/** Seeds the demo (8 reps, 2 years up to DEMO_TODAY) into a new database; `close()` it in afterAll. */
export async function createDemoScope(): Promise<DemoScope> {
  const database = await createMigratedDatabase();
  const client = createPrismaClient(database.url);
  try {
    return await seedAndRead(database, client);
  } catch (error) {
    // afterAll gets no scope to close: drop what was made here.
    await client.$disconnect();
    await database.drop();
    throw error;
  }
}

async function seedAndRead(database: ScratchDatabase, client: PrismaClient): Promise<DemoScope> {
  await seedDemo(database.url, { today: DEMO_TODAY, reps: 8, years: 2 });
  const query = <T extends pg.QueryResultRow>(text: string, values?: unknown[]) => queryOnce<T>(database.url, text, values);
  const viewer = (where: string) => viewerWhere(database.url, where);
  const admin = await viewer(`u.role = 'ADMIN'`);
  const manager = await viewer(`u.role = 'MANAGER' AND EXISTS (SELECT 1 FROM team x WHERE x.manager_id = u.id AND x.kind = 'AE')`);
  const sdrManager = await viewer(`u.role = 'MANAGER' AND EXISTS (SELECT 1 FROM team x WHERE x.manager_id = u.id AND x.kind = 'SDR')`);
  const rep = await viewer(`u.role = 'REP' AND EXISTS (SELECT 1 FROM rep x JOIN team t ON t.id = x.team_id WHERE x.user_id = u.id AND t.kind = 'AE')`);
  const { rows: org } = await query<{ time_zone: string }>(`SELECT time_zone FROM organization WHERE id = $1`, [admin.orgId]);
  const timeZone = org[0]!.time_zone;
  return {
    database,
    client,
    timeZone,
    period: periodOf({ kind: "year", year: DEMO_YEAR }, timeZone),
    admin,
    manager,
    sdrManager,
    rep,
    viewer,
    async teammate(owning) {
      const { rows } = await query<{ id: number }>(
        `SELECT r.id FROM rep r WHERE r.id <> $1 AND r.team_id = $2 AND ${TEAMMATE_ROWS[owning]} ORDER BY r.id LIMIT 1`,
        [rep.repId, rep.teamIds[0]],
      );
      if (!rows[0]) throw new Error(`no teammate of rep ${rep.repId} with a ${owning}`);
      return rows[0].id;
    },
    query,
    async close() {
      await client.$disconnect();
      await database.drop();
    },
  };
}
