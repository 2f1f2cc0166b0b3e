// Converting touches and follow-up after conversion (KPI.md) on a hand-made organisation in Berlin, around the spring
// DST change; and the property test's reference opening the 30-day touch window exactly where PostgreSQL does.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintViewer, type Viewer } from "@/lib/auth/viewer";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { addDays, periodOf, startOfLocalDate } from "@/lib/kpi/period";
import { queryConversionActivities, type ConversionFigures } from "@/lib/kpi/query-conversion-activities";
import { touchWindowStart } from "../support/kpi-reference/conversion-activities";
import { insertOrgs } from "../support/kpi-reference/insert-orgs";
import type { RefDeal, RefOrg } from "../support/kpi-reference/org";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";

const TZ = "Europe/Berlin";
const [TEAM_A, TEAM_B] = [11, 12];
const [SARA, ALEX, BOB] = [21, 22, 23];
const [S1, WON] = [41, 42];
const [L1, L2, L3, L4] = [301, 302, 303, 304];
const at = (iso: string) => new Date(iso);

const deal = (id: number, leadId: number | null, createdAt: string, extra: Partial<RefDeal> = {}): RefDeal => ({
  id, pipelineId: 31, stageId: S1, ownerId: ALEX, closedOwnerId: null, type: "NEW", amountCents: 100_000n, createdAt: at(createdAt), closedAt: null,
  status: "OPEN", lostReason: null, leadId, history: [{ id: id * 10, stageId: S1, at: at(createdAt) }], ...extra,
});
const activity = (id: number, type: "CALL" | "EMAIL" | "SOCIAL" | "MEETING", iso: string, on: { leadId?: number; dealId?: number }) => ({
  id, repId: SARA, type, at: at(iso), responded: false, ...on,
});

// April 2025 in Berlin (CEST, UTC+2); 30 local days before 10 April 10:00 CEST is 11 March 10:00 CET = 09:00Z, an hour
// later than 30 × 24 hours before (08:00Z).
const org: RefOrg = {
  id: 1,
  name: "Touches",
  timeZone: TZ,
  teams: [{ id: TEAM_A, name: "A" }, { id: TEAM_B, name: "B" }],
  reps: [
    { id: SARA, teamId: TEAM_A, name: "Sara", active: true },
    { id: ALEX, teamId: TEAM_A, name: "Alex", active: true },
    { id: BOB, teamId: TEAM_B, name: "Bob", active: true },
  ],
  pipelines: [{ id: 31, name: "New business", position: 0, stages: [{ id: S1, name: "S1", position: 1, kind: "OPEN" }, { id: WON, name: "Won", position: 2, kind: "WON" }] }],
  leads: [
    // SDR Sara and AE Alex: the conversion is Sara's.
    { id: L1, source: "INBOUND", createdAt: at("2025-02-01T08:00:00Z"), handedOverAt: null, sdrId: SARA, aeId: ALEX },
    // No SDR: Bob's.
    { id: L2, source: "OUTBOUND", createdAt: at("2025-03-01T08:00:00Z"), handedOverAt: null, sdrId: null, aeId: BOB },
    // Nobody's: counts for the whole organisation only.
    { id: L3, source: "EVENT", createdAt: at("2025-03-01T08:00:00Z"), handedOverAt: null, sdrId: null, aeId: null },
    // Converted in March: its April deal is no conversion.
    { id: L4, source: "REFERRAL", createdAt: at("2025-02-01T08:00:00Z"), handedOverAt: null, sdrId: SARA, aeId: null },
  ],
  deals: [
    deal(501, L1, "2025-04-10T08:00:00Z"),
    // L1's second deal, closed by Bob: follow-up counts it for Bob.
    deal(502, L1, "2025-04-20T08:00:00Z", { status: "WON", stageId: WON, closedAt: at("2025-04-25T08:00:00Z"), closedOwnerId: BOB,
      history: [{ id: 5021, stageId: S1, at: at("2025-04-20T08:00:00Z") }, { id: 5022, stageId: WON, at: at("2025-04-25T08:00:00Z") }] }),
    deal(503, L2, "2025-04-05T12:00:00Z", { ownerId: BOB }),
    deal(504, L3, "2025-04-12T12:00:00Z"),
    deal(505, L4, "2025-03-20T12:00:00Z"),
    deal(506, L4, "2025-04-15T12:00:00Z"),
    // Not from a lead: no follow-up figure.
    deal(507, null, "2025-04-15T12:00:00Z"),
  ],
  quotas: [],
  activities: [
    // L1 before deal 501: 08:30Z is inside 30 × 24 hours but before the local window opens; 09:00Z is where it opens.
    activity(601, "SOCIAL", "2025-03-11T08:30:00Z", { leadId: L1 }),
    activity(602, "CALL", "2025-03-11T09:00:00Z", { leadId: L1 }),
    activity(603, "EMAIL", "2025-04-10T07:59:59.999Z", { leadId: L1 }),
    // At the deal's creation (not before it) and between the lead's two deals: no touches.
    activity(604, "EMAIL", "2025-04-10T08:00:00Z", { leadId: L1 }),
    activity(605, "MEETING", "2025-04-15T08:00:00Z", { leadId: L1 }),
    // L3's touch; L4's touches belong to its March conversion.
    activity(606, "SOCIAL", "2025-04-01T12:00:00Z", { leadId: L3 }),
    activity(607, "CALL", "2025-03-19T12:00:00Z", { leadId: L4 }),
    activity(608, "CALL", "2025-04-14T12:00:00Z", { leadId: L4 }),
    // Follow-up. 501: 1 ms before creation does not count; the last millisecond of the 7th local day (17 April) does.
    activity(611, "CALL", "2025-04-10T07:59:59.999Z", { dealId: 501 }),
    activity(612, "CALL", "2025-04-17T21:59:59.999Z", { dealId: 501 }),
    activity(613, "EMAIL", "2025-04-20T12:00:00Z", { dealId: 501 }),
    // 502: first activity at the first instant of the 8th local day (28 April 00:00 CEST): too late.
    activity(614, "CALL", "2025-04-27T22:00:00Z", { dealId: 502 }),
    // 503: at its creation, 0 days.
    activity(615, "MEETING", "2025-04-05T12:00:00Z", { dealId: 503 }),
    activity(616, "CALL", "2025-04-15T13:00:00Z", { dealId: 507 }),
  ],
};

const viewer = (role: "ADMIN" | "MANAGER", teamIds: number[] = []): Viewer =>
  mintViewer({ userId: 1, orgId: 1, role, repId: null, teamIds, name: "Viewer", email: "viewer@example.test", locale: "en" });

const none = { touched: 0, shareTouched: 0, touches: 0, perConversion: 0 };

describe("converting touches and follow-up after conversion", () => {
  let database: ScratchDatabase;
  let client: PrismaClient;
  beforeAll(async () => {
    database = await createMigratedDatabase();
    await insertOrgs(database.url, [org]);
    client = createPrismaClient(database.url);
  });
  afterAll(async () => {
    await client?.$disconnect();
    await database?.drop();
  });

  it("counts, for the whole organisation, the touches in the 30 local days before each lead's first deal", async () => {
    const april = await queryConversionActivities(client, viewer("ADMIN"), { period: periodOf({ kind: "month", year: 2025, month: 4 }, TZ) });
    // Conversions 501 (touched: CALL at the window's opening, EMAIL 1 ms before the deal), 503 (untouched) and 504 (SOCIAL).
    expect(april.total.current).toEqual<ConversionFigures>({
      conversions: 3,
      touches: { touched: 2, shareTouched: 2 / 3, touches: 3, perConversion: 1 },
      byType: {
        CALL: { touched: 1, shareTouched: 1 / 3, touches: 1, perConversion: 1 / 3 },
        EMAIL: { touched: 1, shareTouched: 1 / 3, touches: 1, perConversion: 1 / 3 },
        SOCIAL: { touched: 1, shareTouched: 1 / 3, touches: 1, perConversion: 1 / 3 },
        MEETING: none,
      },
      // 501 (7 days), 502 (8 days), 503 (0 days), 504 and 506 (no activity).
      dealsFromLeads: 5,
      followedUp: 2,
      followUpRate: 2 / 5,
      medianDaysToFirstActivity: 7,
    });
    // March: L4's conversion, touched once by the call the day before.
    expect(april.total.previous).toMatchObject({ conversions: 1, touches: { touched: 1, touches: 1 }, dealsFromLeads: 1, followedUp: 0, medianDaysToFirstActivity: null });
  });

  it("gives a conversion to the lead's SDR (its AE without one) and a follow-up to the deal's rep", async () => {
    const april = await queryConversionActivities(client, viewer("ADMIN"), { period: periodOf({ kind: "month", year: 2025, month: 4 }, TZ) });
    const rep = (id: number) => april.reps.find((r) => r.repId === id)!.current;
    expect(rep(SARA)).toMatchObject({ conversions: 1, touches: { touched: 1, touches: 2 }, dealsFromLeads: 0, followUpRate: null });
    expect(rep(ALEX)).toMatchObject({ conversions: 0, touches: { shareTouched: null }, dealsFromLeads: 3, followedUp: 1, medianDaysToFirstActivity: 7 });
    expect(rep(BOB)).toMatchObject({ conversions: 1, touches: { touched: 0, touches: 0 }, dealsFromLeads: 2, followedUp: 1, medianDaysToFirstActivity: 4 });
  });

  it("counts for a team the leads and deals of its reps only", async () => {
    const april = await queryConversionActivities(client, viewer("MANAGER", [TEAM_A]), { period: periodOf({ kind: "month", year: 2025, month: 4 }, TZ) });
    // Conversion 501 (Sara's); deals 501, 504 and 506 (Alex's).
    expect(april.total.current).toMatchObject({ conversions: 1, touches: { touched: 1, touches: 2 }, dealsFromLeads: 3, followedUp: 1, medianDaysToFirstActivity: 7 });
    expect(april.reps.map((r) => r.repId).sort()).toEqual([SARA, ALEX].sort());
  });
});

describe("the reference's 30-day touch window", () => {
  let database: ScratchDatabase;
  let client: pg.Client;
  beforeAll(async () => {
    database = await createMigratedDatabase();
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it("opens where PostgreSQL's local-time arithmetic does, across DST changes, skipped and repeated hours", async () => {
    const cases: { tz: string; at: Date }[] = [];
    const changes = { "Europe/Berlin": ["2025-03-30", "2025-10-26"], "America/New_York": ["2025-03-09", "2025-11-02"], "Asia/Kolkata": ["2025-03-30"], UTC: ["2025-03-30"] };
    for (const [tz, days] of Object.entries(changes)) {
      for (const change of days) {
        // Deals created on the day after the change and 30 days after it (their windows open at the change), every 10 minutes.
        for (const offset of [1, 29, 30, 31]) {
          const start = startOfLocalDate(addDays(change, offset), tz).getTime();
          for (let minutes = 0; minutes < 24 * 60; minutes += 10) cases.push({ tz, at: new Date(start + minutes * 60_000 + (minutes % 20 === 0 ? 0 : 1)) });
        }
      }
    }
    const { rows } = await client.query<{ opens: Date }>(
      `SELECT ((c.at AT TIME ZONE c.tz) - make_interval(days => 30)) AT TIME ZONE c.tz AS opens
       FROM unnest($1::timestamptz[], $2::text[]) WITH ORDINALITY AS c (at, tz, n) ORDER BY c.n`,
      [cases.map((c) => c.at.toISOString()), cases.map((c) => c.tz)],
    );
    const differing = cases
      .map((c, i) => ({ ...c, postgres: rows[i]!.opens.toISOString(), reference: touchWindowStart(c.at, c.tz).toISOString() }))
      .filter((c) => c.postgres !== c.reference);
    expect(differing).toEqual([]);
    expect(rows).toHaveLength(cases.length);
  });
});
