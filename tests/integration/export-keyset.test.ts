// Issue 17, point 6: the deals and leads exports read their batches by keyset (after the previous batch's last row)
// instead of by offset. On the demo data, with batches of 7 rows so that every export crosses many batch boundaries,
// the streamed file equals the drill-through's rows read in one query, row for row: same order (every sort column,
// both directions, ties and empty values included), same columns, same escaping. A rep's file holds only their own
// rows, a manager's only their team's, whatever team the query asks for.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parse } from "csv-parse/sync";
import type { Viewer } from "@/lib/auth/viewer";
import type { PrismaClient } from "@/lib/db/create-client";
import type { Period } from "@/lib/kpi/period";
import { csvLine } from "@/lib/report/csv";
import { DEAL_CSV_HEADER, dealCsvCells, LEAD_CSV_HEADER, leadCsvCells } from "@/lib/export/drill-csv";
import { DEAL_SORTS, LEAD_SORTS, parseDealDrill, parseLeadDrill } from "@/lib/validation/dashboard-drill";
import { createDemoScope, DEMO_YEAR, type DemoScope } from "./support/demo-scope";

const BATCH = 7;
const holder = vi.hoisted(() => ({ client: undefined as unknown as PrismaClient, viewer: null as Viewer | null, batches: 0 }));
vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined, set: () => {} }), headers: async () => new Headers() }));
vi.mock("@/lib/i18n/get-locale", () => ({ getLocale: async () => "en" }));
vi.mock("@/lib/auth/get-viewer", () => ({ getViewer: async () => holder.viewer }));
vi.mock("@/lib/db/client", () => ({
  db: new Proxy({}, { get: (_target, property) => Reflect.get(holder.client, property, holder.client) }),
}));
// The routes' batches, made small: the same stream, only more boundaries to cross.
vi.mock("@/lib/report/csv-stream", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/report/csv-stream")>();
  return {
    ...actual,
    csvStream: (header: readonly string[], fetch: (offset: number, limit: number) => Promise<ReadonlyArray<ReadonlyArray<string | number | null>>>, fileName: string) =>
      actual.csvStream(header, (offset, limit) => (holder.batches++, fetch(offset, limit)), fileName, { batch: BATCH }),
  };
});

const { listDrillDeals } = await import("@/lib/data/drill-deals");
const { listDrillLeads } = await import("@/lib/data/drill-leads");
const dealsRoute = await import("@/app/api/export/deals/route");
const leadsRoute = await import("@/app/api/export/leads/route");

// A deal and a lead whose names need quoting, and one a spreadsheet would run as a formula.
const AWKWARD = ['Acme "Big", renewal\nline two', "=SUM(A1:A2)", "Ёлка; «ООО»"];

let demo: DemoScope;
let client: PrismaClient;
let period: Period;
let tz: string;
let admin: Viewer;
let manager: Viewer;
let sdrManager: Viewer;
let rep: Viewer;
let repTeamOf: Map<number, number | null>;

async function download(route: { GET: (request: Request) => Promise<Response> }, viewer: Viewer, path: string): Promise<string> {
  holder.viewer = viewer;
  const response = await route.GET(new Request(`http://localhost${path}`));
  expect(response.status).toBe(200);
  // Decoded keeping the BOM, which the file starts with for spreadsheet programs.
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
}

const file = (header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null>>) => `\uFEFF${csvLine(header)}${rows.map((row) => csvLine(row)).join("")}`;

beforeAll(async () => {
  demo = await createDemoScope();
  ({ client, period, timeZone: tz, admin, manager, sdrManager, rep } = demo);
  process.env.DATABASE_URL = demo.database.url;
  process.env.NEXTAUTH_SECRET ??= "x".repeat(40);
  holder.client = client;
  // Ties on every sort column: two deals and two leads share name, amount and dates with a neighbour.
  await demo.query(`
    WITH twins AS (SELECT id, lag(id) OVER (ORDER BY id) AS prev FROM deal WHERE created_at >= $1 AND created_at < $2)
    UPDATE deal d SET name = p.name, amount = p.amount, created_at = p.created_at, closed_at = p.closed_at, expected_close_at = p.expected_close_at
    FROM twins, deal p WHERE twins.id = d.id AND p.id = twins.prev AND d.id % 5 = 0 AND p.owner_id = d.owner_id AND p.status = d.status`, [period.start, period.end]);
  await demo.query(`
    WITH twins AS (SELECT id, lag(id) OVER (ORDER BY id) AS prev FROM lead WHERE created_at >= $1 AND created_at < $2)
    UPDATE lead l SET name = p.name, created_at = p.created_at, handed_over_at = p.handed_over_at
    FROM twins, lead p WHERE twins.id = l.id AND p.id = twins.prev AND l.id % 5 = 0`, [period.start, period.end]);
  // The awkward names last, so that no twin copies over them.
  await demo.query(`
    WITH pick AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM deal WHERE created_at >= $1 AND created_at < $2 AND closed_at IS NOT NULL)
    UPDATE deal d SET name = CASE pick.n WHEN 1 THEN $3 WHEN 2 THEN $4 WHEN 3 THEN $5 ELSE d.name END
    FROM pick WHERE pick.id = d.id AND pick.n <= 3`, [period.start, period.end, ...AWKWARD]);
  await demo.query(`
    WITH pick AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM lead WHERE created_at >= $1 AND created_at < $2)
    UPDATE lead l SET name = CASE pick.n WHEN 1 THEN $3 WHEN 2 THEN $4 WHEN 3 THEN $5 ELSE l.name END
    FROM pick WHERE pick.id = l.id AND pick.n <= 3`, [period.start, period.end, ...AWKWARD]);
  const { rows: reps } = await demo.query<{ id: number; team_id: number | null }>(`SELECT id, team_id FROM rep`);
  repTeamOf = new Map(reps.map((r) => [r.id, r.team_id]));
}, 180_000);

afterAll(() => demo?.close());

describe("the deals export streams the drill's rows, batch after batch", () => {
  it.each(DEAL_SORTS.flatMap((sort) => (["asc", "desc"] as const).map((dir) => [sort, dir] as const)))("sorted by %s %s, as the admin", async (sort, dir) => {
    const filter = parseDealDrill({ basis: "created", sort, dir });
    const all = await listDrillDeals(admin, { period, filter, offset: 0, limit: 100_000 });
    expect(all.rows.length).toBe(all.total);
    expect(all.total).toBeGreaterThan(BATCH * 10);
    holder.batches = 0;
    const csv = await download(dealsRoute, admin, `/api/export/deals?year=${DEMO_YEAR}&basis=created&sort=${sort}&dir=${dir}`);
    expect(holder.batches).toBe(Math.floor(all.total / BATCH) + 1);
    expect(csv).toBe(file(DEAL_CSV_HEADER, all.rows.map((d) => dealCsvCells(d, tz))));
  });

  it("quotes, newlines, Cyrillic and formula-like names come back as written", async () => {
    const csv = await download(dealsRoute, admin, `/api/export/deals?year=${DEMO_YEAR}&basis=created&sort=name&dir=asc`);
    const records = parse(csv, { bom: true, columns: true }) as Array<Record<string, string>>;
    const names = records.map((r) => r.deal);
    expect(names).toContain(AWKWARD[0]);
    expect(names).toContain(`'${AWKWARD[1]}`);
    expect(names).toContain(AWKWARD[2]);
    expect(Object.keys(records[0]!)).toEqual(DEAL_CSV_HEADER);
  });

  it("the hand-over chain's restricted rows sort and stream the same as the page (SDR team manager, by owner)", async () => {
    for (const dir of ["asc", "desc"] as const) {
      const filter = parseDealDrill({ basis: "fromHandedOver", sort: "owner", dir });
      const all = await listDrillDeals(sdrManager, { period, filter, offset: 0, limit: 100_000 });
      expect(all.rows.length).toBeGreaterThan(BATCH);
      const csv = await download(dealsRoute, sdrManager, `/api/export/deals?year=${DEMO_YEAR}&basis=fromHandedOver&sort=owner&dir=${dir}`);
      expect(csv).toBe(file(DEAL_CSV_HEADER, all.rows.map((d) => dealCsvCells(d, tz))));
    }
  });

  it("a rep exports only their own deals, a manager only their team's, whatever team they ask for", async () => {
    const { rows: every } = await listDrillDeals(admin, { period, filter: parseDealDrill({ basis: "created" }), offset: 0, limit: 100_000 });
    const teams = [...new Set([...repTeamOf.values()].filter((t): t is number => t !== null))];
    for (const [viewer, allowed] of [
      [rep, (owner: number) => owner === rep.repId],
      [manager, (owner: number) => manager.teamIds.includes(repTeamOf.get(owner) ?? -1)],
    ] as const) {
      const { rows: own } = await client.$queryRawUnsafe<Array<{ id: number; owner: number }>>(
        `SELECT id, coalesce(closed_owner_id, owner_id) AS owner FROM deal WHERE created_at >= $1 AND created_at < $2`, period.start, period.end,
      ).then((rows) => ({ rows: rows.filter((r) => allowed(r.owner)).map((r) => r.id).sort((a, b) => a - b) }));
      expect(own.length).toBeGreaterThan(BATCH);
      expect(own.length).toBeLessThan(every.length);
      for (const team of ["", ...teams.map(String)]) {
        const csv = await download(dealsRoute, viewer, `/api/export/deals?year=${DEMO_YEAR}&basis=created${team ? `&team=${team}` : ""}`);
        const ids = (parse(csv, { bom: true, columns: true }) as Array<{ id: string }>).map((r) => Number(r.id));
        expect(ids.every((id) => own.includes(id))).toBe(true);
        if (team === "" || viewer.teamIds.includes(Number(team))) expect([...ids].sort((a, b) => a - b)).toEqual(own);
      }
    }
  });
});

describe("the leads export streams the drill's rows, batch after batch", () => {
  it.each(LEAD_SORTS.flatMap((sort) => (["asc", "desc"] as const).map((dir) => [sort, dir] as const)))("sorted by %s %s, as the admin", async (sort, dir) => {
    const filter = parseLeadDrill({ basis: "created", sort, dir });
    const all = await listDrillLeads(admin, { period, filter, offset: 0, limit: 100_000 });
    expect(all.rows.length).toBe(all.total);
    expect(all.total).toBeGreaterThan(BATCH * 10);
    holder.batches = 0;
    const csv = await download(leadsRoute, admin, `/api/export/leads?year=${DEMO_YEAR}&basis=created&sort=${sort}&dir=${dir}`);
    expect(holder.batches).toBe(Math.floor(all.total / BATCH) + 1);
    expect(csv).toBe(file(LEAD_CSV_HEADER, all.rows.map((l) => leadCsvCells(l, tz))));
  });

  it("quotes, newlines, Cyrillic and formula-like names come back as written", async () => {
    const csv = await download(leadsRoute, admin, `/api/export/leads?year=${DEMO_YEAR}&basis=created&sort=name&dir=desc`);
    const names = (parse(csv, { bom: true, columns: true }) as Array<Record<string, string>>).map((r) => r.lead);
    expect(names).toContain(AWKWARD[0]);
    expect(names).toContain(`'${AWKWARD[1]}`);
    expect(names).toContain(AWKWARD[2]);
  });

  it("the receiving side hides other teams' SDRs and streams as the page does (AE manager, by SDR, handed over)", async () => {
    for (const dir of ["asc", "desc"] as const) {
      const filter = parseLeadDrill({ basis: "handedOver", sort: "owner", dir });
      const all = await listDrillLeads(manager, { period, filter, offset: 0, limit: 100_000 });
      expect(all.rows.length).toBeGreaterThan(BATCH);
      const csv = await download(leadsRoute, manager, `/api/export/leads?year=${DEMO_YEAR}&basis=handedOver&sort=owner&dir=${dir}`);
      expect(csv).toBe(file(LEAD_CSV_HEADER, all.rows.map((l) => leadCsvCells(l, tz))));
    }
  });

  it("a rep exports only leads they own, a manager only their team's", async () => {
    const { rows: every } = await listDrillLeads(admin, { period, filter: parseLeadDrill({ basis: "created" }), offset: 0, limit: 100_000 });
    const sdr = await client.rep.findFirst({ where: { kind: "SDR", userId: { not: null }, leadsWorked: { some: {} } }, select: { userId: true } });
    const sdrViewer = await demo.viewer(`u.id = ${sdr!.userId}`);
    for (const [viewer, allowed, narrower] of [
      [sdrViewer, (owner: number | null) => owner === sdrViewer.repId, true],
      // The demo's one SDR team owns every lead that has an SDR, so the manager's file may be the whole list.
      [sdrManager, (owner: number | null) => owner !== null && sdrManager.teamIds.includes(repTeamOf.get(owner) ?? -1), false],
    ] as const) {
      const rows = await client.$queryRawUnsafe<Array<{ id: number; owner: number | null }>>(
        `SELECT id, coalesce(sdr_id, ae_id) AS owner FROM lead WHERE created_at >= $1 AND created_at < $2`, period.start, period.end,
      );
      const own = rows.filter((r) => allowed(r.owner)).map((r) => r.id).sort((a, b) => a - b);
      expect(own.length).toBeGreaterThan(BATCH);
      if (narrower) expect(own.length).toBeLessThan(every.length);
      const csv = await download(leadsRoute, viewer, `/api/export/leads?year=${DEMO_YEAR}&basis=created`);
      const ids = (parse(csv, { bom: true, columns: true }) as Array<{ id: string }>).map((r) => Number(r.id));
      expect([...ids].sort((a, b) => a - b)).toEqual(own);
    }
  });
});
