// The KPI benchmark's measurements: each page's queries as the app runs them, against the same figures from rows
// loaded through Prisma and reduced in JavaScript.
import os from "node:os";
import { Prisma } from "@/lib/db/generated/client";
import { cliAdminViewer } from "@/lib/auth/cli-admin-viewer";
import type { Viewer } from "@/lib/auth/viewer";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { createKpiCache } from "@/lib/kpi/kpi-cache";
import { scopedRepsSql, type KpiFilter } from "@/lib/kpi/kpi-filter";
import type { KpiSql } from "@/lib/kpi/kpi-sql";
import { periodOf, previousPeriod, type Period } from "@/lib/kpi/period";
import { queryActivityMetrics } from "@/lib/kpi/query-activity-metrics";
import { queryCoachingMetrics } from "@/lib/kpi/query-coaching-metrics";
import { queryConversionActivities } from "@/lib/kpi/query-conversion-activities";
import { queryDealMetrics } from "@/lib/kpi/query-deal-metrics";
import { queryForecastAccuracy } from "@/lib/kpi/query-forecast-accuracy";
import { queryLeadMetrics } from "@/lib/kpi/query-lead-metrics";
import { queryLostReasons } from "@/lib/kpi/query-lost-reasons";
import { queryMonthlyTrends } from "@/lib/kpi/query-monthly-trends";
import { queryOpenPipeline } from "@/lib/kpi/query-open-pipeline";
import { queryPipelineCoverage } from "@/lib/kpi/query-pipeline-coverage";
import { queryQualification } from "@/lib/kpi/query-qualification";
import { queryStageMetrics } from "@/lib/kpi/query-stage-metrics";
import { buildReport } from "@/lib/report/build-report";

const WARM_UP = 2;
// The naive way takes seconds to minutes per run; a few runs (one for the whole organisation) show its order of magnitude.
const NAIVE_RUNS = 3;
const BATCH = 20_000;

/** Every panel query of a dashboard (lib/kpi), by name. */
export function dashboardQueryList(sql: KpiSql, viewer: Viewer, period: Period, filter: KpiFilter): Array<[string, () => Promise<unknown>]> {
  const previous = previousPeriod(period);
  return [
    ["deal metrics (headline cards, expansion, churn)", () => queryDealMetrics(sql, viewer, { period, filter })],
    ["open pipeline at the start of P (velocity)", () => queryOpenPipeline(sql, viewer, { at: period.start, filter })],
    ["open pipeline at the start of P′ (velocity)", () => queryOpenPipeline(sql, viewer, { at: previous.start, filter })],
    ["pipeline coverage", () => queryPipelineCoverage(sql, viewer, { period, filter })],
    ["stage metrics (funnel, conversion, time in stage)", () => queryStageMetrics(sql, viewer, { period, filter })],
    ["lost reasons", () => queryLostReasons(sql, viewer, { period, filter })],
    ["monthly trends", () => queryMonthlyTrends(sql, viewer, { period, filter })],
    ["lead metrics (lead flow, hand-over chain)", () => queryLeadMetrics(sql, viewer, { period, filter })],
    ["activity metrics", () => queryActivityMetrics(sql, viewer, { period, filter })],
    ["coaching metrics", () => queryCoachingMetrics(sql, viewer, { period, filter })],
    ["converting touches and follow-up", () => queryConversionActivities(sql, viewer, { period, filter })],
    ["forecast accuracy", () => queryForecastAccuracy(sql, viewer, { period, filter })],
    ["qualification at the end of P", () => queryQualification(sql, viewer, { at: period.end, filter })],
  ];
}

/** Every panel query of a dashboard, run together as the page renders its panels in parallel. */
export function dashboardQueries(sql: KpiSql, viewer: Viewer, period: Period, filter: KpiFilter): Promise<unknown[]> {
  return Promise.all(dashboardQueryList(sql, viewer, period, filter).map(([, run]) => run()));
}

/** The drill-through page's two statements (lib/data/drill-deals.ts is server-only, so its SQL is repeated here). */
async function drillPage(sql: PrismaClient, viewer: Viewer, period: Period, teamId: number): Promise<unknown> {
  const where = Prisma.sql`d.org_id = ${viewer.orgId} AND d.closed_at >= ${period.start.toISOString()}::timestamptz AND d.closed_at < ${period.end.toISOString()}::timestamptz`;
  const scoped = scopedRepsSql(viewer, { teamIds: [teamId] });
  return Promise.all([
    sql.$queryRaw(Prisma.sql`
      WITH org AS (SELECT time_zone AS tz FROM organization WHERE id = ${viewer.orgId}), scoped AS (${scoped})
      SELECT d.id, d.name, a.name AS account, r.name AS owner, t.name AS team, pl.name AS pipeline, st.name AS stage,
             d.type::text AS type, d.status::text AS status, d.amount::text AS amount, d.created_at, d.expected_close_at, d.closed_at,
             d.lost_reason, ((d.closed_at AT TIME ZONE org.tz)::date - (d.created_at AT TIME ZONE org.tz)::date) AS cycle_days
      FROM deal d CROSS JOIN org
      JOIN rep r ON r.id = coalesce(d.closed_owner_id, d.owner_id)
      LEFT JOIN team t ON t.id = r.team_id
      LEFT JOIN account a ON a.id = d.account_id
      JOIN pipeline pl ON pl.id = d.pipeline_id
      JOIN stage st ON st.id = d.stage_id
      WHERE ${where} AND r.id IN (SELECT id FROM scoped WHERE visible)
      ORDER BY d.amount DESC NULLS LAST, d.id DESC
      LIMIT 50 OFFSET 100`),
    sql.$queryRaw(Prisma.sql`
      WITH scoped AS (${scoped})
      SELECT count(*)::int AS total, coalesce(sum(d.amount), 0)::numeric(20, 2)::text AS amount
      FROM deal d WHERE ${where} AND coalesce(d.closed_owner_id, d.owner_id) IN (SELECT id FROM scoped WHERE visible)`),
  ]);
}

/** Rows through Prisma in id order, a batch at a time, handed to `each` (memory stays bounded). */
async function scan<T extends { id: number }>(load: (cursor: number) => Promise<T[]>, each: (row: T) => void): Promise<void> {
  let cursor = 0;
  for (;;) {
    const rows = await load(cursor);
    for (const row of rows) each(row);
    if (rows.length < BATCH) return;
    cursor = rows[rows.length - 1]!.id;
  }
}

/**
 * The naive dashboard: deals with their histories, leads and activities of the scope's reps loaded through Prisma,
 * reduced in JS to the headline figures, stage entries, lead flow and activity counts for P and P′.
 */
async function naiveDashboard(prisma: PrismaClient, orgId: number, period: Period, repIds: number[] | null): Promise<unknown> {
  const previous = previousPeriod(period);
  const from = previous.start;
  const to = period.end;
  const which = (at: Date | null) => (at === null ? -1 : at >= period.start && at < period.end ? 0 : at >= previous.start && at < previous.end ? 1 : -1);
  const repFilter = repIds === null ? {} : { repId: { in: repIds } };
  const figures = [0, 1].map(() => ({ won: 0, lost: 0, revenue: new Prisma.Decimal(0), created: 0, stageEntries: new Map<number, number>(), leadsCreated: 0, handedOver: 0, activities: 0, responded: 0 }));
  await scan(
    (cursor) =>
      prisma.deal.findMany({
        where: {
          orgId,
          id: { gt: cursor },
          OR: [{ createdAt: { lt: to }, closedAt: null }, { closedAt: { gte: from } }, { createdAt: { gte: from, lt: to } }],
          ...(repIds === null ? {} : { OR: [{ closedOwnerId: { in: repIds } }, { closedOwnerId: null, ownerId: { in: repIds } }] }),
        },
        include: { history: { select: { toStageId: true, at: true } } },
        orderBy: { id: "asc" },
        take: BATCH,
      }),
    (deal) => {
      const closed = which(deal.closedAt);
      if (closed >= 0 && deal.status === "WON") {
        figures[closed]!.won += 1;
        if (deal.amount) figures[closed]!.revenue = figures[closed]!.revenue.plus(deal.amount);
      }
      if (closed >= 0 && deal.status === "LOST") figures[closed]!.lost += 1;
      const created = which(deal.createdAt);
      if (created >= 0) figures[created]!.created += 1;
      for (const change of deal.history) {
        const p = which(change.at);
        if (p >= 0) figures[p]!.stageEntries.set(change.toStageId, (figures[p]!.stageEntries.get(change.toStageId) ?? 0) + 1);
      }
    },
  );
  await scan(
    (cursor) =>
      prisma.lead.findMany({
        where: { orgId, id: { gt: cursor }, ...(repIds === null ? {} : { OR: [{ sdrId: { in: repIds } }, { sdrId: null, aeId: { in: repIds } }] }) },
        select: { id: true, createdAt: true, handedOverAt: true },
        orderBy: { id: "asc" },
        take: BATCH,
      }),
    (lead) => {
      const created = which(lead.createdAt);
      if (created >= 0) figures[created]!.leadsCreated += 1;
      const handed = which(lead.handedOverAt);
      if (handed >= 0) figures[handed]!.handedOver += 1;
    },
  );
  await scan(
    (cursor) =>
      prisma.activity.findMany({
        where: { orgId, id: { gt: cursor }, at: { gte: from, lt: to }, ...repFilter },
        select: { id: true, at: true, responded: true, type: true },
        orderBy: { id: "asc" },
        take: BATCH,
      }),
    (activity) => {
      const p = which(activity.at);
      if (p >= 0) {
        figures[p]!.activities += 1;
        if (activity.responded) figures[p]!.responded += 1;
      }
    },
  );
  return figures;
}

async function naiveDrill(prisma: PrismaClient, orgId: number, period: Period, repIds: number[]): Promise<unknown> {
  const deals = await prisma.deal.findMany({
    where: { orgId, closedAt: { gte: period.start, lt: period.end }, OR: [{ closedOwnerId: { in: repIds } }, { closedOwnerId: null, ownerId: { in: repIds } }] },
    include: { owner: true, closedOwner: true, account: true, pipeline: true, stage: true },
  });
  deals.sort((a, b) => (b.amount ?? new Prisma.Decimal(-1)).comparedTo(a.amount ?? new Prisma.Decimal(-1)) || b.id - a.id);
  const amount = deals.reduce((sum, d) => (d.amount ? sum.plus(d.amount) : sum), new Prisma.Decimal(0));
  return { rows: deals.slice(100, 150), total: deals.length, amount: amount.toFixed(2) };
}

/**
 * The first run is timed on its own: right after a seed (or a restart) it is the view a user gets first, with cold
 * caches and whatever statistics the planner has (issue 17: 3–6× the warm runs before autovacuum analyzed new rows).
 */
async function timeRuns(runs: number, warmUp: number, task: () => Promise<unknown>): Promise<{ first: number; times: number[] }> {
  const timed = async () => {
    const started = performance.now();
    await task();
    return performance.now() - started;
  };
  const first = await timed();
  for (let i = 1; i < warmUp; i++) await task();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timed());
  return { first, times: times.sort((a, b) => a - b) };
}

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

export async function runKpiBench(url: string, options: { runs: number; today: Date; naive?: boolean }): Promise<void> {
  const prisma = createPrismaClient(url, { max: 10 });
  try {
    const viewer = await cliAdminViewer(prisma);
    const org = await prisma.organization.findUniqueOrThrow({ where: { id: viewer.orgId } });
    // The seeded year to date against the full year before it: both hold data.
    const period = periodOf({ kind: "year", year: options.today.getUTCFullYear() }, org.timeZone);
    const team = await prisma.team.findFirstOrThrow({ where: { orgId: viewer.orgId }, orderBy: { id: "asc" }, include: { reps: { select: { id: true } } } });
    const repIds = team.reps.map((rep) => rep.id);
    const counts = await prisma.$queryRaw<Array<{ t: string; n: bigint }>>`
      SELECT 'deal' AS t, count(*) AS n FROM deal UNION ALL SELECT 'activity', count(*) FROM activity
      UNION ALL SELECT 'rep', count(*) FROM rep UNION ALL SELECT 'team', count(*) FROM team UNION ALL SELECT 'lead', count(*) FROM lead
      UNION ALL SELECT 'deal_stage_change', count(*) FROM deal_stage_change`;
    console.log(`Data: ${counts.map((c) => `${c.t} ${Number(c.n).toLocaleString("en")}`).join(", ")}`);
    console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}`);
    console.log(`Period ${period.startDate} – ${period.endDate} (${org.timeZone}) vs the year before; team "${team.name}" (${repIds.length} reps)`);

    // The app's getters go through the data-versioned result cache (lib/kpi/kpi-db.ts); the rows above measure the
    // queries themselves, these the same page viewed again with no write in between.
    const cache = createKpiCache(prisma, { maxRows: 100_000 });
    const pages: Array<{ name: string; target: number | null; sql: () => Promise<unknown>; naive: (() => Promise<unknown>) | null }> = [
      { name: "Team dashboard", target: 300, sql: () => dashboardQueries(prisma, viewer, period, { teamIds: [team.id] }), naive: () => naiveDashboard(prisma, viewer.orgId, period, repIds) },
      { name: "Team report", target: null, sql: () => buildReport(prisma, viewer, { period, teamId: team.id }), naive: () => naiveDashboard(prisma, viewer.orgId, period, repIds) },
      { name: "Org dashboard", target: 1500, sql: () => dashboardQueries(prisma, viewer, period, {}), naive: () => naiveDashboard(prisma, viewer.orgId, period, null) },
      { name: "Drill-through page", target: 200, sql: () => drillPage(prisma, viewer, period, team.id), naive: () => naiveDrill(prisma, viewer.orgId, period, repIds) },
      { name: "Team dashboard viewed again (KPI cache)", target: null, sql: () => dashboardQueries(cache, viewer, period, { teamIds: [team.id] }), naive: null },
      { name: "Org dashboard viewed again (KPI cache)", target: null, sql: () => dashboardQueries(cache, viewer, period, {}), naive: null },
    ];
    const results: string[] = [];
    for (const page of pages) {
      const { first, times } = await timeRuns(options.runs, WARM_UP, page.sql);
      const p50 = percentile(times, 0.5);
      const p95 = percentile(times, 0.95);
      console.log(`${page.name}: first view ${first.toFixed(0)} ms; then p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms over ${times.length} runs; peak RSS so far ${peakRssMb()} MB`);
      results.push(`${page.name}|${first.toFixed(0)}|${p50.toFixed(0)}|${p95.toFixed(0)}|${page.target ?? ""}`);
    }
    const sqlPeak = peakRssMb();
    console.log(`Peak RSS of the process after the SQL pages: ${sqlPeak} MB (target < 512 MB)`);
    if (options.naive !== false) {
      for (const page of pages) {
        if (!page.naive) continue;
        const naive = await timeRuns((page.target === 1500 ? 1 : NAIVE_RUNS) - 1, 0, page.naive);
        const times = [naive.first, ...naive.times].sort((a, b) => a - b);
        console.log(`${page.name}, naive: p50 ${percentile(times, 0.5).toFixed(0)} ms, p95 ${percentile(times, 0.95).toFixed(0)} ms over ${times.length} runs; peak RSS ${peakRssMb()} MB`);
      }
    }
    console.log("\n| page | first view ms | p50 ms | p95 ms | target p50 |\n|---|---|---|---|---|\n" + results.map((r) => `| ${r.split("|").join(" | ")} |`).join("\n"));
  } finally {
    await prisma.$disconnect();
  }
}
