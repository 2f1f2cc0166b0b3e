// The month before today looks like any other in the demo (issue: with today = Dec 4, November had far more won
// deals than any other month of the year, which a manager reading the trend would take for a record month).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/prisma/seed";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";

const TODAY = new Date("2026-12-04T10:00:00Z");
const TZ = "Europe/Berlin";

let database: ScratchDatabase;
let client: pg.Client;

beforeAll(async () => {
  database = await createMigratedDatabase();
  await seedDemo(database.url, { today: TODAY });
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await database?.drop();
});

describe("the demo's last full month", () => {
  it("has no more than 1.3× the median won count and revenue of the year's other full months", async () => {
    const { rows } = await client.query<{ month: number; won: number; revenue: number }>(
      `SELECT extract(month FROM closed_at AT TIME ZONE $1)::int AS month, count(*)::int AS won, sum(amount)::float AS revenue
       FROM deal WHERE status = 'WON' AND closed_at AT TIME ZONE $1 >= '2026-01-01' AND closed_at AT TIME ZONE $1 < '2026-12-01'
       GROUP BY 1 ORDER BY 1`,
      [TZ],
    );
    expect(rows.map((row) => row.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const median = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const mid = sorted.length >> 1;
      return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    };
    const november = rows.find((row) => row.month === 11)!;
    const others = rows.filter((row) => row.month !== 11);
    expect(november.won).toBeLessThanOrEqual(1.3 * median(others.map((row) => row.won)));
    expect(november.revenue).toBeLessThanOrEqual(1.3 * median(others.map((row) => row.revenue)));
  });
});
