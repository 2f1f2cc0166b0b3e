import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DatabaseNotEmptyError, type DemoLogin, isDatabaseEmpty, seedDemo } from "@/prisma/seed";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";

// A fixed day late in the year: the current year is 2025 to date, 2024 the last full year.
const TODAY = new Date("2025-11-20T10:00:00Z");
const TZ = "Europe/Berlin";

let database: ScratchDatabase;
let client: pg.Client;
let counts: Record<string, number>;
let logins: DemoLogin[];

const one = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T> => {
  const { rows } = await client.query<T>(sql, params);
  return rows[0] as T;
};
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

beforeAll(async () => {
  database = await createMigratedDatabase();
  expect(await isDatabaseEmpty(database.url)).toBe(true);
  ({ counts, logins } = await seedDemo(database.url, { today: TODAY }));
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await database?.drop();
});

describe("seedDemo", () => {
  it("writes the rows it counts, thousands of deals and tens of thousands of activities", async () => {
    for (const [table, count] of Object.entries(counts)) {
      const row = await one<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`);
      expect(Number(row.n), table).toBe(count);
    }
    expect(counts.deal).toBeGreaterThan(3000);
    expect(counts.lead).toBeGreaterThan(3000);
    expect(counts.activity).toBeGreaterThan(50_000);
    expect(await isDatabaseEmpty(database.url)).toBe(false);
  });

  it("refuses a database that already has an organisation unless asked to reset", async () => {
    await expect(seedDemo(database.url, { today: TODAY })).rejects.toBeInstanceOf(DatabaseNotEmptyError);
    const row = await one<{ n: string }>(`SELECT count(*) AS n FROM organization`);
    expect(Number(row.n)).toBe(1);
  });

  it("moves the id sequences past the explicit ids", async () => {
    await client.query("BEGIN");
    try {
      const row = await one<{ id: number }>(`INSERT INTO pipeline (org_id, name, position) VALUES (1, 'Scratch', 9) RETURNING id`);
      expect(row.id).toBe((counts.pipeline ?? 0) + 1);
    } finally {
      await client.query("ROLLBACK");
    }
  });

  it("keeps every deal in the stage of its last change, closed after it was created, lost deals with a reason", async () => {
    const row = await one<{ wrong_stage: string; wrong_close: string; no_reason: string; before_created: string }>(`
      WITH last AS (
        SELECT DISTINCT ON (deal_id) deal_id, to_stage_id, at FROM deal_stage_change ORDER BY deal_id, at DESC, id DESC
      )
      SELECT count(*) FILTER (WHERE d.stage_id <> l.to_stage_id OR l.deal_id IS NULL) AS wrong_stage,
             count(*) FILTER (WHERE d.status <> 'OPEN' AND d.closed_at IS DISTINCT FROM l.at) AS wrong_close,
             count(*) FILTER (WHERE d.status = 'LOST' AND (d.lost_reason IS NULL OR d.lost_reason = '')) AS no_reason,
             count(*) FILTER (WHERE d.closed_at < d.created_at) AS before_created
        FROM deal d LEFT JOIN last l ON l.deal_id = d.id`);
    expect(row).toEqual({ wrong_stage: "0", wrong_close: "0", no_reason: "0", before_created: "0" });
  });

  it("plants the hand-over bottleneck: hand-overs up ≥ 15 % on last year, first meetings from them within 5 %", async () => {
    const { rows } = await client.query<{ year: number; handed: string; meetings: string }>(
      `WITH first_meeting AS (
         SELECT s.pipeline_id, s.position FROM stage s WHERE s.is_first_meeting
       ), reached AS (
         SELECT DISTINCT c.deal_id FROM deal_stage_change c
           JOIN stage s ON s.id = c.to_stage_id JOIN first_meeting f ON f.pipeline_id = s.pipeline_id
          WHERE s.kind = 'WON' OR (s.kind = 'OPEN' AND s.position >= f.position)
       ), periods AS (
         SELECT y AS year, make_timestamptz(y, 1, 1, 0, 0, 0, $1) AS start, make_timestamptz(y, 11, 20, 0, 0, 0, $1) AS stop
           FROM (VALUES (2024), (2025)) v(y)
       )
       SELECT p.year, count(DISTINCT l.id) AS handed, count(DISTINCT r.deal_id) AS meetings
         FROM periods p JOIN lead l ON l.handed_over_at >= p.start AND l.handed_over_at < p.stop
         LEFT JOIN deal d ON d.lead_id = l.id LEFT JOIN reached r ON r.deal_id = d.id
        GROUP BY p.year ORDER BY p.year`,
      [TZ],
    );
    const [before, now] = rows.map((r) => ({ handed: Number(r.handed), meetings: Number(r.meetings) }));
    expect(now!.handed / before!.handed).toBeGreaterThanOrEqual(1.15);
    expect(Math.abs(now!.meetings / before!.meetings - 1)).toBeLessThan(0.05);
  });

  it("plants one AE with low activity and one with high activity but a low response rate", async () => {
    const low = logins.find((l) => l.note === "low activity");
    const high = logins.find((l) => l.note === "high activity, low response rate");
    expect(low?.team).toBe(high?.team);
    const { rows } = await client.query<{ email: string; n: string; responded: string }>(
      `SELECT r.email, count(*) AS n, count(*) FILTER (WHERE a.responded) AS responded
         FROM rep r JOIN team t ON t.id = r.team_id JOIN activity a ON a.rep_id = r.id
        WHERE t.name = $1 AND r.kind = 'AE' AND a.at >= make_timestamptz(2024, 1, 1, 0, 0, 0, $2) AND a.at < make_timestamptz(2025, 1, 1, 0, 0, 0, $2)
        GROUP BY r.email`,
      [low?.team, TZ],
    );
    const team = rows.map((r) => ({ email: r.email, n: Number(r.n), rate: Number(r.responded) / Number(r.n) }));
    const medianCount = median(team.map((r) => r.n));
    const medianRate = median(team.map((r) => r.rate));
    const lowRow = team.find((r) => r.email === low?.email);
    const highRow = team.find((r) => r.email === high?.email);
    expect(lowRow!.n).toBeLessThan(0.6 * medianCount);
    expect(highRow!.n).toBeGreaterThanOrEqual(medianCount);
    expect(highRow!.rate).toBeLessThan(0.6 * medianRate);
  });

  it("plants a stage where deals stall: Proposal's median time in stage is at least twice any other's", async () => {
    const { rows } = await client.query<{ name: string; median_days: number }>(
      `WITH changes AS (
         SELECT c.to_stage_id, c.at, lead(c.at) OVER (PARTITION BY c.deal_id ORDER BY c.at, c.id) AS left_at FROM deal_stage_change c
       )
       SELECT s.name, percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM left_at - at) / 86400) AS median_days
         FROM changes c JOIN stage s ON s.id = c.to_stage_id JOIN pipeline p ON p.id = s.pipeline_id
        WHERE p.name = 'New business' AND s.kind = 'OPEN' AND c.left_at IS NOT NULL
        GROUP BY s.name`,
    );
    const proposal = rows.find((r) => r.name === "Proposal")!.median_days;
    const others = rows.filter((r) => r.name !== "Proposal").map((r) => r.median_days);
    expect(proposal).toBeGreaterThanOrEqual(2 * Math.max(...others));
  });

  it("coaches half the reps ≥ 3 h a month, and those win more often and keep more commitments", async () => {
    const { rows } = await client.query<{ coached: boolean; reps: string; win_rate: number; kept: number }>(
      `WITH hours AS (
         SELECT rep_id, sum(minutes) / 60.0 / 12 AS per_month FROM coaching_session
          WHERE at >= make_timestamptz(2024, 1, 1, 0, 0, 0, $1) AND at < make_timestamptz(2025, 1, 1, 0, 0, 0, $1) GROUP BY rep_id
       ), groups AS (SELECT r.id, r.kind, h.per_month >= 3 AS coached FROM rep r JOIN hours h ON h.rep_id = r.id)
       SELECT g.coached, count(DISTINCT g.id) AS reps,
              (SELECT count(*) FILTER (WHERE d.status = 'WON')::float / count(*) FROM deal d JOIN groups g2 ON g2.id = d.closed_owner_id
                WHERE g2.coached = g.coached AND d.closed_at >= make_timestamptz(2024, 1, 1, 0, 0, 0, $1) AND d.closed_at < make_timestamptz(2025, 1, 1, 0, 0, 0, $1)) AS win_rate,
              (SELECT count(*) FILTER (WHERE c.status = 'KEPT')::float / count(*) FILTER (WHERE c.status <> 'OPEN') FROM commitment c JOIN groups g3 ON g3.id = c.rep_id
                WHERE g3.coached = g.coached) AS kept
         FROM groups g GROUP BY g.coached ORDER BY g.coached`,
      [TZ],
    );
    const [less, more] = rows;
    expect(less?.coached).toBe(false);
    expect(more?.coached).toBe(true);
    expect(Math.abs(Number(more!.reps) - Number(less!.reps))).toBeLessThanOrEqual(2);
    expect(more!.win_rate).toBeGreaterThan(less!.win_rate);
    expect(more!.kept).toBeGreaterThan(less!.kept);
  });

  it("leaves open deals in later stages whose earlier exit criteria are not all answered yes", async () => {
    const row = await one<{ open: string; misqualified: string }>(
      `SELECT count(*) AS open,
              count(*) FILTER (WHERE EXISTS (
                SELECT 1 FROM stage earlier JOIN stage_criterion q ON q.stage_id = earlier.id
                 WHERE earlier.pipeline_id = d.pipeline_id AND earlier.kind = 'OPEN' AND earlier.position < s.position
                   AND NOT EXISTS (SELECT 1 FROM deal_criterion_answer a WHERE a.deal_id = d.id AND a.criterion_id = q.id AND a.answer))) AS misqualified
         FROM deal d JOIN stage s ON s.id = d.stage_id WHERE d.status = 'OPEN' AND s.position > 1`,
    );
    expect(Number(row.misqualified)).toBeGreaterThan(0.1 * Number(row.open));
    expect(Number(row.misqualified)).toBeLessThan(Number(row.open));
  });

  it("biases the forecast high: last year's COMMIT totals exceed what was won", async () => {
    const row = await one<{ forecast: number; actual: number }>(
      `WITH months AS (
         SELECT make_date(2024, m, 1) AS month, make_timestamptz(2024, m, 1, 0, 0, 0, $1) AS start,
                make_timestamptz(2024, m, 1, 0, 0, 0, $1) + interval '1 month' AS stop
           FROM generate_series(1, 12) m
       ), last_snapshot AS (
         SELECT m.month, (SELECT id FROM forecast_snapshot s WHERE s.taken_at < m.start ORDER BY taken_at DESC LIMIT 1) AS snapshot_id FROM months m
       )
       SELECT (SELECT sum(fl.amount) FROM last_snapshot ls JOIN forecast_line fl ON fl.snapshot_id = ls.snapshot_id AND fl.month = ls.month AND fl.category = 'COMMIT')::float AS forecast,
              (SELECT sum(d.amount) FROM deal d, months m WHERE d.status = 'WON' AND d.closed_at >= m.start AND d.closed_at < m.stop)::float AS actual`,
      [TZ],
    );
    expect(row.forecast).toBeGreaterThan(1.1 * row.actual);
  });

  it("has realistic deal figures: 20–30 % won from the first meeting, 45–90 day cycles, about half the AEs at quota", async () => {
    const year = [TZ];
    const figures = await one<{ win_rate: number; cycle: number }>(
      `WITH reached AS (
         SELECT DISTINCT c.deal_id FROM deal_stage_change c JOIN stage s ON s.id = c.to_stage_id
          WHERE s.kind = 'WON' OR (s.kind = 'OPEN' AND s.position >= (SELECT position FROM stage f WHERE f.pipeline_id = s.pipeline_id AND f.is_first_meeting))
       )
       SELECT count(*) FILTER (WHERE d.status = 'WON')::float / count(*) AS win_rate,
              avg(extract(epoch FROM d.closed_at - d.created_at) / 86400) FILTER (WHERE d.status = 'WON')::float AS cycle
         FROM deal d JOIN reached r ON r.deal_id = d.id JOIN pipeline p ON p.id = d.pipeline_id
        WHERE p.name = 'New business' AND d.closed_at >= make_timestamptz(2024, 1, 1, 0, 0, 0, $1) AND d.closed_at < make_timestamptz(2025, 1, 1, 0, 0, 0, $1)`,
      year,
    );
    expect(figures.win_rate).toBeGreaterThanOrEqual(0.2);
    expect(figures.win_rate).toBeLessThanOrEqual(0.3);
    expect(figures.cycle).toBeGreaterThanOrEqual(45);
    expect(figures.cycle).toBeLessThanOrEqual(90);

    const { rows } = await client.query<{ attainment: number; quota: number }>(
      `SELECT (SELECT coalesce(sum(d.amount), 0) FROM deal d WHERE d.closed_owner_id = r.id AND d.status = 'WON'
                 AND d.closed_at >= make_timestamptz(2024, 1, 1, 0, 0, 0, $1) AND d.closed_at < make_timestamptz(2025, 1, 1, 0, 0, 0, $1))::float
              / q.amount::float AS attainment, q.amount::float AS quota
         FROM rep r JOIN (SELECT rep_id, sum(amount) AS amount FROM quota WHERE period_start >= '2024-01-01' AND period_end <= '2024-12-31' GROUP BY rep_id) q ON q.rep_id = r.id
        WHERE r.kind = 'AE'`,
      year,
    );
    const atQuota = rows.filter((r) => r.attainment >= 1).length / rows.length;
    expect(atQuota).toBeGreaterThanOrEqual(0.3);
    expect(atQuota).toBeLessThanOrEqual(0.7);
    for (const r of rows) {
      expect(r.quota).toBeGreaterThanOrEqual(600_000);
      expect(r.quota).toBeLessThanOrEqual(1_000_000);
    }
  });

  it("has a slow August and a strong December in won revenue", async () => {
    const { rows } = await client.query<{ month: number; revenue: number }>(
      `SELECT extract(month FROM closed_at AT TIME ZONE $1)::int AS month, sum(amount)::float AS revenue FROM deal
        WHERE status = 'WON' AND closed_at >= make_timestamptz(2024, 1, 1, 0, 0, 0, $1) AND closed_at < make_timestamptz(2025, 1, 1, 0, 0, 0, $1)
        GROUP BY 1`,
      [TZ],
    );
    const mean = rows.reduce((sum, r) => sum + r.revenue, 0) / 12;
    expect(rows.find((r) => r.month === 8)!.revenue).toBeLessThan(0.6 * mean);
    expect(rows.find((r) => r.month === 12)!.revenue).toBeGreaterThan(mean);
  });

  it("replaces everything with reset and produces the same data again", async () => {
    const before = await one<{ sum: string }>(`SELECT sum(amount) AS sum FROM deal`);
    await client.query(`INSERT INTO login_attempt (email, ip, success) VALUES ('x@demo.test', '127.0.0.1', false)`);
    const again = await seedDemo(database.url, { today: TODAY, reset: true });
    expect(again.counts).toEqual(counts);
    const after = await one<{ sum: string; attempts: string }>(`SELECT (SELECT sum(amount) FROM deal) AS sum, (SELECT count(*) FROM login_attempt) AS attempts`);
    expect(after).toEqual({ sum: before.sum, attempts: "0" });
  });
});
