// The authorization matrix of the import, each of the 8 kinds × admin, manager, rep, through the data functions the
// wizard's routes call (the routes add their role policy on top: tests/e2e/authorization-matrix.spec.ts):
// - a rep imports nothing: the data functions refuse them whatever route called them;
// - a manager's file about another team's records is rejected row by row, writes nothing and names nothing of that
//   team; the same kind of file about their own team goes in;
// - the admin's file about any team goes in.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import pg from "pg";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { IMPORT_KINDS, type ImportKind } from "@/lib/import/kinds/import-kinds";
import { importMappingSchema } from "@/lib/validation/import-mapping";
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

interface KindCase {
  /** A file about team Y's records (or rep). */
  theirs: () => string;
  /** The same about team X's. */
  ours: () => string;
  /** What the files change: read before and after. */
  observe: (team: "x" | "y") => Promise<unknown>;
}

const CASES: Record<ImportKind, KindCase> = {
  reps: {
    theirs: () => `id,name,region\n${ref(fx.reps.y)},Yuri,East\n`,
    ours: () => `id,name,region\n${ref(fx.reps.b)},Boris,North\n`,
    observe: (team) => one(`SELECT name, region FROM rep WHERE id = $1`, [team === "x" ? fx.reps.b : fx.reps.y]),
  },
  accounts: {
    theirs: () => `id,name,industry\n${ref(fx.accounts.y)},Ypsilon,Mining\n`,
    ours: () => `id,name,industry\n${ref(fx.accounts.x)},Xenon GmbH,Chemicals\n`,
    observe: (team) => one(`SELECT name, industry FROM account WHERE id = $1`, [team === "x" ? fx.accounts.x : fx.accounts.y]),
  },
  leads: {
    theirs: () => `id,name,source,created\n${ref(fx.leads.y)},Their lead,REFERRAL,2025-01-10T09:00:00Z\n`,
    ours: () => `id,name,source,created\n${ref(fx.leads.x)},Lead of team X,REFERRAL,2025-01-10T09:00:00Z\n`,
    observe: (team) => one(`SELECT name, source FROM lead WHERE id = $1`, [team === "x" ? fx.leads.x : fx.leads.y]),
  },
  deals: {
    theirs: () => `id,name,owner,stage,amount\n${ref(fx.deals.y)},Their deal,${ref(fx.reps.y)},Discovery,2000\n`,
    ours: () => `id,name,owner,stage,amount\n${ref(fx.deals.a)},Our deal,${ref(fx.reps.a)},Discovery,3000\n`,
    observe: (team) => one(`SELECT name, amount FROM deal WHERE id = $1`, [team === "x" ? fx.deals.a : fx.deals.y]),
  },
  "stage-history": {
    theirs: () => `deal,stage,at\n${ref(fx.deals.y)},Proposal,2025-02-05T10:00:00Z\n`,
    ours: () => `deal,stage,at\n${ref(fx.deals.a)},Proposal,2025-02-05T10:00:00Z\n`,
    observe: (team) => one(`SELECT count(*)::int AS n FROM deal_stage_change WHERE deal_id = $1 AND NOT synthesized`, [team === "x" ? fx.deals.a : fx.deals.y]),
  },
  activities: {
    theirs: () => `rep,type,at,deal\n${ref(fx.reps.y)},CALL,2025-03-01T10:00:00Z,${ref(fx.deals.y)}\n`,
    ours: () => `rep,type,at,deal\n${ref(fx.reps.a)},CALL,2025-03-01T10:00:00Z,${ref(fx.deals.a)}\n`,
    observe: (team) => one(`SELECT count(*)::int AS n FROM activity WHERE rep_id = $1`, [team === "x" ? fx.reps.a : fx.reps.y]),
  },
  quotas: {
    theirs: () => `rep,periodStart,periodEnd,amount\n${ref(fx.reps.y)},2025-01-01,2025-02-01,1000\n`,
    ours: () => `rep,periodStart,periodEnd,amount\n${ref(fx.reps.a)},2025-01-01,2025-02-01,1000\n`,
    observe: (team) => one(`SELECT count(*)::int AS n FROM quota WHERE rep_id = $1`, [team === "x" ? fx.reps.a : fx.reps.y]),
  },
  "coaching-sessions": {
    theirs: () => `rep,at,minutes,topic\n${ref(fx.reps.y)},2025-03-01T10:00:00Z,30,Discovery\n`,
    ours: () => `rep,at,minutes,topic,manager\n${ref(fx.reps.a)},2025-03-01T10:00:00Z,30,Discovery,max@northwind.test\n`,
    observe: (team) => one(`SELECT count(*)::int AS n FROM coaching_session WHERE rep_id = $1`, [team === "x" ? fx.reps.a : fx.reps.y]),
  },
};

const SCOPE_CODES = ["repOutsideScope", "recordOutsideScope", "teamOutsideScope", "teamManagerAdminOnly", "leadWithoutRep", "coachNotYou"];

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

// In order within each kind: the rep and the manager before the admin changes team Y's records.
const MATRIX = IMPORT_KINDS.flatMap((kind) => (["rep", "manager", "admin"] as const).map((role) => [kind, role] as const));

describe("import: each kind × each role", () => {
  it.each(MATRIX)("%s × %s", async (kind, role) => {
    const c = CASES[kind];
    if (role === "rep") {
      const before = await dataFingerprint(holder.client);
      const viewer = fx.viewers.repA;
      await expect(importAs({ viewer, kind, csv: c.ours() })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(importAs({ viewer, kind, csv: c.ours(), dryRun: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
      const { saveUpload } = await import("@/lib/data/import-uploads");
      const { importPreview } = await import("@/lib/data/import-preview");
      const { startImportJob } = await import("@/lib/data/import-jobs");
      const upload = await saveUpload(viewer, new File([c.ours()], "mine.csv"));
      const input = { uploadId: upload.id, kind, mapping: importMappingSchema.parse({}), pipeline: undefined, encoding: undefined, skipInvalid: false, createMissing: [] };
      await expect(importPreview(viewer, upload, input)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(startImportJob(viewer, input)).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect(await dataFingerprint(holder.client)).toEqual(before);
      return;
    }
    if (role === "manager") {
      const before = await dataFingerprint(holder.client);
      const refused = await importAs({ viewer: fx.viewers.managerX, kind, csv: c.theirs() });
      expect(refused).toMatchObject({ ok: true, summary: { imported: false, rejected: 1 } });
      if (!refused.ok) return;
      expect(refused.summary.rejections).toHaveLength(1);
      expect(refused.summary.rejections[0]).toMatchObject({ row: 2, reason: { params: {} } });
      expect(SCOPE_CODES).toContain(refused.summary.rejections[0]?.reason.code);
      // The dry run (the wizard's preview) says the same.
      expect(await importAs({ viewer: fx.viewers.managerX, kind, csv: c.theirs(), dryRun: true })).toMatchObject({ ok: true, summary: { rejections: refused.summary.rejections } });
      for (const marker of FORBIDDEN_MARKERS.managerX) expect(JSON.stringify(refused)).not.toContain(marker);
      expect(await dataFingerprint(holder.client)).toEqual(before);

      const ours = await c.observe("x");
      expect(await importAs({ viewer: fx.viewers.managerX, kind, csv: c.ours() })).toMatchObject({ ok: true, summary: { imported: true, rejected: 0 } });
      expect(await c.observe("x")).not.toEqual(ours);
      return;
    }
    const theirs = await c.observe("y");
    expect(await importAs({ viewer: fx.viewers.admin, kind, csv: c.theirs() })).toMatchObject({ ok: true, summary: { imported: true, rejected: 0 } });
    expect(await c.observe("y")).not.toEqual(theirs);
  });

  it("a manager's preview and import never name another team's record, whatever the file says", async () => {
    // Every kind's file about team Y, imported by team Y's manager, goes in; team X's manager could not (above).
    for (const kind of IMPORT_KINDS) {
      const outcome = await importAs({ viewer: fx.viewers.managerY, kind, csv: CASES[kind].theirs().replace("max@northwind.test", "yana@northwind.test") });
      expect(outcome, kind).toMatchObject({ ok: true, summary: { imported: true, rejected: 0 } });
      expect(JSON.stringify(outcome)).not.toContain(MARKERS.repA);
    }
  });
});
