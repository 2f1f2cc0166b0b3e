// Issue 11, point 1: a manager's import creates and changes only their teams' reps and the records those reps
// own. Each case is a file the old guard let through (or refused while naming other teams' records): the rows are
// rejected by number and column, nothing is written, and nothing of another scope reaches the response.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import pg from "pg";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { FORBIDDEN_MARKERS, MARKERS } from "./authorization-fixture";
import { dataFingerprint, importAs, ref, type ScopeFixture, seedImportScopeFixture } from "./import-scope-fixture";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";

const holder = vi.hoisted(() => ({ client: undefined as unknown as PrismaClient }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/db/client", () => ({
  db: new Proxy({}, { get: (_target, property) => Reflect.get(holder.client, property, holder.client) }),
}));

let database: ScratchDatabase;
let sql: pg.Client;
let fx: ScopeFixture;

async function one<T>(query: string, values: unknown[] = []): Promise<T> {
  return (await sql.query(query, values)).rows[0] as T;
}

/** The outcome as the browser gets it, checked for every marker manager X may not see. */
function expectNoLeak(outcome: unknown): void {
  const json = JSON.stringify(outcome);
  for (const marker of FORBIDDEN_MARKERS.managerX) expect(json).not.toContain(marker);
}

/** Imports as manager X and expects the file refused row by row with nothing written. */
async function expectRefused(kind: Parameters<typeof importAs>[0]["kind"], csv: string, rejections: { row: number; column: string; code: string }[]) {
  const before = await dataFingerprint(holder.client);
  const outcome = await importAs({ viewer: fx.viewers.managerX, kind, csv });
  expect(outcome.ok).toBe(true);
  if (!outcome.ok) return outcome;
  expect(outcome.summary).toMatchObject({ imported: false, created: 0, updated: 0, unchanged: 0, rejected: rejections.length });
  expect(outcome.summary.rejections.map((r) => ({ row: r.row, column: r.column, code: r.reason.code }))).toEqual(rejections);
  // Row-level refusals carry no parameters: the row number and column are all they say.
  for (const r of outcome.summary.rejections) expect(r.reason.params).toEqual({});
  expectNoLeak(outcome);
  expect(await dataFingerprint(holder.client)).toEqual(before);
  return outcome;
}

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.NEXTAUTH_SECRET ??= "x".repeat(40);
  holder.client = createPrismaClient(database.url);
  sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  fx = await seedImportScopeFixture(holder.client);
}, 120_000);

afterAll(async () => {
  await sql?.end();
  await holder.client?.$disconnect();
  await database?.drop();
});

describe("the issue's cases: a manager's file that reached outside their teams", () => {
  it("a reps file naming another manager for their own team does not move the team (it said 'unchanged: 1')", async () => {
    const csv = `name,team,manager\n${MARKERS.repA} Anna,Team X,yana@northwind.test\n`;
    await expectRefused("reps", csv, [{ row: 2, column: "manager", code: "teamManagerAdminOnly" }]);
    expect(await one(`SELECT manager_id FROM team WHERE id = $1`, [fx.teams.x])).toEqual({ manager_id: fx.users.managerX });
  });

  it("an accounts file with another team's account id does not rename it", async () => {
    await expectRefused("accounts", `id,name\n${ref(fx.accounts.y)},Renamed by X\n`, [{ row: 2, column: "id", code: "recordOutsideScope" }]);
    // An account their deals share with another team's is not theirs to change either.
    await expectRefused("accounts", `name,industry\nShared Industries,Retail\n`, [{ row: 2, column: "name", code: "recordOutsideScope" }]);
    expect(await one(`SELECT name FROM account WHERE id = $1`, [fx.accounts.y])).toEqual({ name: `${MARKERS.teamY} Account` });
  });

  it("a deals file naming 25 of another team's deals is refused by row numbers, without their names", async () => {
    const csv = ["id,name,owner,stage", ...fx.teamYDeals.map((id, i) => `${ref(id)},Deal ${i},${ref(fx.reps.a)},Discovery`)].join("\n");
    await expectRefused(
      "deals",
      csv,
      fx.teamYDeals.map((_, i) => ({ row: i + 2, column: "id", code: "recordOutsideScope" })),
    );
  });

  it("an activities file does not attach their rep's activity to another team's deal or lead", async () => {
    const csv = `rep,type,at,deal,lead\n${ref(fx.reps.a)},CALL,2025-03-01T10:00:00Z,${ref(fx.deals.y)},\n${ref(fx.reps.a)},EMAIL,2025-03-01T11:00:00Z,,${ref(fx.leads.y)}\n`;
    await expectRefused("activities", csv, [
      { row: 2, column: "deal", code: "recordOutsideScope" },
      { row: 3, column: "lead", code: "recordOutsideScope" },
    ]);
    // Their own rep's activity on their own deal, and on a lead handed over to their rep, goes in.
    const own = `rep,type,at,deal,lead\n${ref(fx.reps.a)},CALL,2025-03-01T10:00:00Z,${ref(fx.deals.a)},\n${ref(fx.reps.a)},MEETING,2025-03-02T10:00:00Z,,${ref(fx.leads.handedToX)}\n`;
    const outcome = await importAs({ viewer: fx.viewers.managerX, kind: "activities", csv: own });
    expect(outcome).toMatchObject({ ok: true, summary: { imported: true, created: 2 } });
  });
});

describe("the other kinds, the same way", () => {
  it("leads: another team's lead, a rep of another team, a lead with no rep of theirs", async () => {
    await expectRefused("leads", `id,name,source,created\n${ref(fx.leads.y)},Renamed,INBOUND,2025-01-10\n`, [{ row: 2, column: "id", code: "recordOutsideScope" }]);
    // Shared with their AE, but owned by team Y's SDR: not theirs to change.
    await expectRefused("leads", `id,name,source,created\n${ref(fx.leads.handedToX)},Renamed,INBOUND,2025-01-10\n`, [{ row: 2, column: "id", code: "recordOutsideScope" }]);
    await expectRefused("leads", `name,source,created,sdr,ae\nNew lead,INBOUND,2025-02-01,${ref(fx.reps.y)},${ref(fx.reps.a)}\nAnother,INBOUND,2025-02-01,${ref(fx.reps.a)},${ref(fx.reps.y)}\n`, [
      { row: 2, column: "sdr", code: "repOutsideScope" },
      { row: 3, column: "ae", code: "repOutsideScope" },
    ]);
    await expectRefused("leads", `name,source,created\nNobody's lead,INBOUND,2025-02-01\n`, [{ row: 2, column: "sdr", code: "leadWithoutRep" }]);
    await expectRefused("leads", `id,name,source,created,sdr\n${ref(fx.leads.x)},Lead of team X,INBOUND,2025-01-10,\n`, [{ row: 2, column: "sdr", code: "leadWithoutRep" }]);
  });

  it("deals: giving their deal to another team's rep, linking a lead not theirs", async () => {
    await expectRefused("deals", `id,name,owner,stage\n${ref(fx.deals.a)},Moved,${ref(fx.reps.y)},Discovery\n`, [{ row: 2, column: "owner", code: "repOutsideScope" }]);
    await expectRefused("deals", `id,name,owner,stage,lead\nN-1,New,${ref(fx.reps.a)},Discovery,${ref(fx.leads.y)}\n`, [{ row: 2, column: "lead", code: "recordOutsideScope" }]);
    // A lead team Y's SDR handed to their AE may be the deal's lead.
    const linked = await importAs({ viewer: fx.viewers.managerX, kind: "deals", csv: `id,name,owner,stage,lead,created\nN-2,From the hand-over,${ref(fx.reps.a)},Discovery,${ref(fx.leads.handedToX)},2025-03-01\n` });
    expect(linked).toMatchObject({ ok: true, summary: { imported: true, created: 1 } });
  });

  it("stage-history, quotas and coaching-sessions: another team's deal or rep, a coach other than the manager", async () => {
    await expectRefused("stage-history", `deal,stage,at\n${ref(fx.deals.y)},Proposal,2025-02-10T10:00:00Z\n`, [{ row: 2, column: "deal", code: "recordOutsideScope" }]);
    await expectRefused("quotas", `rep,periodStart,periodEnd,amount\n${ref(fx.reps.y)},2025-01-01,2025-02-01,1000\n`, [{ row: 2, column: "rep", code: "repOutsideScope" }]);
    await expectRefused("coaching-sessions", `rep,at,minutes,topic\n${ref(fx.reps.y)},2025-03-01T10:00:00Z,30,Discovery\n`, [{ row: 2, column: "rep", code: "repOutsideScope" }]);
    await expectRefused("coaching-sessions", `rep,at,minutes,topic,manager\n${ref(fx.reps.a)},2025-03-01T10:00:00Z,30,Discovery,yana@northwind.test\n`, [
      { row: 2, column: "manager", code: "coachNotYou" },
    ]);
  });

  it("reps: another team's rep by id or name, a move to another team, a team that does not exist", async () => {
    await expectRefused("reps", `id,name\n${ref(fx.reps.y)},Renamed\n`, [{ row: 2, column: "name", code: "repOutsideScope" }]);
    await expectRefused("reps", `name,region\n${MARKERS.teamY} Yuri,South\n`, [{ row: 2, column: "name", code: "repOutsideScope" }]);
    await expectRefused("reps", `name,team\n${MARKERS.repA} Anna,Team Y\nNew Rep,Brand new team\n`, [
      { row: 2, column: "team", code: "teamOutsideScope" },
      { row: 3, column: "team", code: "teamOutsideScope" },
    ]);
    expect(await one(`SELECT count(*)::int AS n FROM team WHERE name = 'Brand new team'`)).toEqual({ n: 0 });
  });

  it("with --skip-invalid, the rows inside the scope go in and those outside are reported by row only", async () => {
    const csv = `id,name,owner,stage,created\nS-1,Ours,${ref(fx.reps.a)},Discovery,2025-03-01\n${ref(fx.deals.y)},Theirs,${ref(fx.reps.a)},Discovery,\n`;
    const outcome = await importAs({ viewer: fx.viewers.managerX, kind: "deals", csv, skipInvalid: true });
    expect(outcome).toMatchObject({ ok: true, summary: { imported: true, created: 1, rejected: 1, rejections: [{ row: 3, column: "id", reason: { code: "recordOutsideScope" } }] } });
    expectNoLeak(outcome);
    expect(await one(`SELECT name, owner_id FROM deal WHERE id = $1`, [fx.deals.y])).toEqual({ name: `${MARKERS.teamY}-DEAL`, owner_id: fx.reps.y });
  });

  it("creates the reps a manager's file names in their team, and audits them", async () => {
    const outcome = await importAs({ viewer: fx.viewers.managerX, kind: "quotas", csv: `rep,periodStart,periodEnd,amount\nNina New,2025-01-01,2025-02-01,900\n`, createMissing: ["reps"] });
    expect(outcome).toMatchObject({ ok: true, summary: { imported: true, created: 1, createdReps: 1 } });
    const nina = await one<{ id: number; team_id: number }>(`SELECT id, team_id FROM rep WHERE name = 'Nina New'`);
    expect(nina.team_id).toBe(fx.teams.x);
    expect(await one(`SELECT action, actor_id, after FROM audit_log WHERE entity = 'rep' AND entity_id = $1`, [String(nina.id)])).toEqual({
      action: "rep.import_create",
      actor_id: fx.users.managerX,
      after: { name: "Nina New", kind: "AE", teamId: fx.teams.x },
    });
  });
});

describe("the second line: rows the transaction wrote are checked too", () => {
  it("refuses, naming nothing, a transaction that changed another team's deal", async () => {
    const { ScopeRules } = await import("@/lib/import/load/import-scope");
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query("BEGIN");
      const rules = await ScopeRules.load(client, fx.orgId, { teamIds: fx.viewers.managerX.teamIds, userId: fx.users.managerX });
      await rules.verify();
      await client.query(`UPDATE deal SET next_step = 'x' WHERE id = $1`, [fx.deals.a]);
      await rules.verify();
      await client.query(`UPDATE deal SET next_step = 'x' WHERE id = $1`, [fx.deals.y]);
      const refused = await rules.verify().then(
        () => null,
        (error: unknown) => error,
      );
      expect(refused).toMatchObject({ importMessage: { code: "outsideScope", params: {} } });
    } finally {
      await client.query("ROLLBACK");
      await client.end();
    }
  });

  it("refuses a transaction that touched a team", async () => {
    const { ScopeRules } = await import("@/lib/import/load/import-scope");
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query("BEGIN");
      const rules = await ScopeRules.load(client, fx.orgId, { teamIds: fx.viewers.managerX.teamIds, userId: fx.users.managerX });
      await client.query(`UPDATE team SET manager_id = $2 WHERE id = $1`, [fx.teams.x, fx.users.managerY]);
      await expect(rules.verify()).rejects.toMatchObject({ importMessage: { code: "outsideScope" } });
    } finally {
      await client.query("ROLLBACK");
      await client.end();
    }
  });
});

describe("what an import changes is in the audit, before and after, like an admin edit", () => {
  it("the admin's reps file that gives a team another manager: counted as updated, audited on the team", async () => {
    const csv = `name,team,manager\n${MARKERS.repA} Anna,Team X,yana@northwind.test\n`;
    const outcome = await importAs({ viewer: fx.viewers.admin, kind: "reps", csv });
    expect(outcome).toMatchObject({ ok: true, summary: { imported: true, updated: 1, unchanged: 0 } });
    expect(await one(`SELECT action, actor_id, before, after FROM audit_log WHERE entity = 'team' AND entity_id = $1 ORDER BY id DESC LIMIT 1`, [String(fx.teams.x)])).toEqual({
      action: "team.import_update",
      actor_id: fx.users.admin,
      before: { managerId: fx.users.managerX },
      after: { managerId: fx.users.managerY },
    });
    // Put back for the other tests.
    await sql.query(`UPDATE team SET manager_id = $2 WHERE id = $1`, [fx.teams.x, fx.users.managerX]);
  });

  it("a changed deal: each changed field before and after, nothing else; the run's own row in the same transaction", async () => {
    const csv = `id,name,owner,stage,amount\n${ref(fx.deals.b)},${MARKERS.repB}-DEAL,${ref(fx.reps.a)},Proposal,1250\n`;
    const outcome = await importAs({ viewer: fx.viewers.managerX, kind: "deals", csv });
    expect(outcome).toMatchObject({ ok: true, summary: { imported: true, updated: 1 } });
    const stages = await sql.query<{ id: number; name: string }>(`SELECT id, name FROM stage WHERE pipeline_id = $1`, [fx.pipelineId]);
    const stage = (name: string) => stages.rows.find((s) => s.name === name)?.id;
    const audit = await one<{ action: string; actor_id: number; before: unknown; after: unknown; xmin: string }>(
      `SELECT action, actor_id, before, after, xmin::text FROM audit_log WHERE entity = 'deal' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
      [String(fx.deals.b)],
    );
    expect(audit).toMatchObject({
      action: "deal.import_update",
      actor_id: fx.users.managerX,
      before: { ownerRepId: fx.reps.b, stageId: stage("Discovery"), amount: 1000 },
      after: { ownerRepId: fx.reps.a, stageId: stage("Proposal"), amount: 1250 },
    });
    expect(Object.keys(audit.before as object).sort()).toEqual(["amount", "ownerRepId", "stageId"]);
    const run = await one<{ xmin: string; action: string }>(`SELECT xmin::text, action FROM audit_log WHERE entity = 'import_run' ORDER BY id DESC LIMIT 1`);
    expect(run).toEqual({ xmin: audit.xmin, action: "import.run" });
  });
});
