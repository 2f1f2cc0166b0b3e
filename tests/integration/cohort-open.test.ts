// The cohort figures a running period shows beside its shares (KPI.md): of the deals created in P, those still open
// (the stage funnel), and of the deals from leads handed over in P, those still open (the hand-over chain), for the
// SDR-owner side and the receiving AE side. Expected values are counted here from the organisation's rows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintViewer } from "@/lib/auth/viewer";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { periodOf, type Period } from "@/lib/kpi/period";
import { queryLeadMetrics } from "@/lib/kpi/query-lead-metrics";
import { queryStageMetrics } from "@/lib/kpi/query-stage-metrics";
import { insertOrgs } from "../support/kpi-reference/insert-orgs";
import type { RefDeal, RefOrg } from "../support/kpi-reference/org";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";
import { newBusinessPipeline, refDeal, stageHistory } from "./support/hand-made-org";

const ORG = 1;
const [SDR_TEAM, AE_TEAM] = [11, 12];
const [SAM, ANNA, BEN] = [21, 22, 23];
const PIPELINE = 31;
const [S1, S2, WON, LOST] = [41, 42, 43, 44];
const TZ = "Europe/Berlin";

type Outcome = "OPEN" | "WON" | "LOST";

/** Closed five days after creation, or still open in S2 since the next day. */
function deal(id: number, createdAt: string, outcome: Outcome, owner: number, leadId: number | null): RefDeal {
  const created = new Date(createdAt);
  const closedAt = outcome === "OPEN" ? null : new Date(created.getTime() + 5 * 86_400_000);
  const history = closedAt
    ? stageHistory([S1, created], [outcome === "WON" ? WON : LOST, closedAt])
    : stageHistory([S1, created], [S2, new Date(created.getTime() + 86_400_000)]);
  return refDeal(id, { pipelineId: PIPELINE, ownerId: owner, closedOwnerId: closedAt ? owner : null, createdAt: created, closedAt, status: outcome, leadId, history });
}

const lead = (id: number, handedOverAt: string, aeId: number) => ({
  id,
  source: "OUTBOUND" as const,
  createdAt: new Date(new Date(handedOverAt).getTime() - 3 * 86_400_000),
  handedOverAt: new Date(handedOverAt),
  sdrId: SAM,
  aeId,
});

const org: RefOrg = {
  id: ORG,
  name: "Running cohorts",
  timeZone: TZ,
  teams: [
    { id: SDR_TEAM, name: "SDRs" },
    { id: AE_TEAM, name: "AEs" },
  ],
  reps: [
    { id: SAM, teamId: SDR_TEAM, name: "Sam", active: true },
    { id: ANNA, teamId: AE_TEAM, name: "Anna", active: true },
    { id: BEN, teamId: AE_TEAM, name: "Ben", active: true },
  ],
  pipelines: [newBusinessPipeline(PIPELINE, { open: [S1, S2], won: WON, lost: LOST })],
  leads: [
    lead(301, "2025-02-03T09:00:00Z", ANNA),
    lead(302, "2025-03-10T09:00:00Z", BEN),
    lead(303, "2025-05-10T09:00:00Z", ANNA),
    // Handed over in the previous quarter: its open deal is that quarter's.
    lead(304, "2024-12-01T09:00:00Z", ANNA),
  ],
  deals: [
    deal(101, "2025-02-05T09:00:00Z", "OPEN", ANNA, 301),
    deal(102, "2025-02-06T09:00:00Z", "WON", ANNA, 301),
    deal(103, "2025-03-12T09:00:00Z", "OPEN", BEN, 302),
    deal(104, "2025-03-13T09:00:00Z", "LOST", BEN, 302),
    deal(105, "2025-01-20T09:00:00Z", "OPEN", BEN, null),
    deal(106, "2025-01-21T09:00:00Z", "WON", ANNA, null),
    // Created in P, from a lead handed over after P: the funnel's, not the chain's.
    deal(107, "2025-03-30T09:00:00Z", "OPEN", ANNA, 303),
    deal(108, "2024-12-03T09:00:00Z", "OPEN", ANNA, 304),
  ],
  quotas: [],
};

const admin = mintViewer({ userId: 1, orgId: ORG, role: "ADMIN", repId: null, teamIds: [], name: "Ada", email: "ada@example.test", locale: "en" });
const aeManager = mintViewer({ userId: 2, orgId: ORG, role: "MANAGER", repId: null, teamIds: [AE_TEAM], name: "Mia", email: "mia@example.test", locale: "en" });
const q1 = periodOf({ kind: "quarter", year: 2025, quarter: 1 }, TZ);
const q4 = periodOf({ kind: "quarter", year: 2024, quarter: 4 }, TZ);

const inP = (at: Date | null, period: Period) => at !== null && at >= period.start && at < period.end;
/** Deals created in P that are open, of the given reps. */
const openCreated = (period: Period, reps: number[]) => org.deals.filter((d) => inP(d.createdAt, period) && d.status === "OPEN" && reps.includes(d.ownerId)).length;
/** Open deals from leads handed over in P whose lead counts for one of the reps (SDR else AE, or the AE). */
const openFromHandedOver = (period: Period, leadRep: (l: (typeof org.leads)[number]) => number | null, reps: number[]) =>
  org.deals.filter((d) => {
    const l = org.leads.find((x) => x.id === d.leadId);
    return l !== undefined && inP(l.handedOverAt, period) && d.status === "OPEN" && reps.includes(leadRep(l) ?? -1);
  }).length;

describe("cohort figures of a running period", () => {
  let database: ScratchDatabase;
  let client: PrismaClient;

  beforeAll(async () => {
    database = await createMigratedDatabase();
    await insertOrgs(database.url, [org]);
    client = createPrismaClient(database.url, { max: 2 });
  });

  afterAll(async () => {
    await client?.$disconnect();
    await database?.drop();
  });

  it("counts the funnel cohort's deals still open, for P and P′", async () => {
    const [all] = (await queryStageMetrics(client, admin, { period: q1 })).pipelines;
    expect(all!.current.created).toBe(7);
    expect(all!.current.stillOpen).toBe(openCreated(q1, [SAM, ANNA, BEN]));
    expect(all!.current.stillOpen).toBe(4);
    expect(all!.previous.stillOpen).toBe(openCreated(q4, [SAM, ANNA, BEN]));
    const [ben] = (await queryStageMetrics(client, admin, { period: q1, filter: { repId: BEN } })).pipelines;
    expect(ben!.current.stillOpen).toBe(openCreated(q1, [BEN]));
    expect(ben!.current.stillOpen).toBe(2);
  });

  it("counts the open deals from leads handed over in P on the owner side", async () => {
    const metrics = await queryLeadMetrics(client, admin, { period: q1 });
    expect(metrics.side).toBe("owner");
    expect(metrics.total.current.openDeals).toBe(openFromHandedOver(q1, (l) => l.sdrId ?? l.aeId, [SAM]));
    expect(metrics.total.current.openDeals).toBe(2);
    expect(metrics.total.previous.openDeals).toBe(1);
    expect(metrics.reps.find((rep) => rep.repId === SAM)!.current.openDeals).toBe(2);
  });

  it("counts them for the receiving AEs when the scope has no SDR", async () => {
    const metrics = await queryLeadMetrics(client, aeManager, { period: q1, side: "auto" });
    expect(metrics.side).toBe("receiver");
    expect(metrics.total.current.openDeals).toBe(openFromHandedOver(q1, (l) => l.aeId, [ANNA, BEN]));
    expect(metrics.reps.find((rep) => rep.repId === ANNA)!.current.openDeals).toBe(openFromHandedOver(q1, (l) => l.aeId, [ANNA]));
    expect(metrics.reps.find((rep) => rep.repId === BEN)!.current.openDeals).toBe(1);
  });
});
