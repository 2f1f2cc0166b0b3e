import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/db/generated/client";
import type { DataVersionSql } from "@/lib/db/data-version";
import { createKpiCache } from "@/lib/kpi/kpi-cache";
import { KPI_CACHE_DEFAULT_RESULTS, KPI_CACHE_DEFAULT_ROWS, kpiCacheBounds } from "@/lib/kpi/kpi-cache-size";
import type { KpiSql } from "@/lib/kpi/kpi-sql";

function fakeDatabase(rowsFor: (team: number) => number) {
  const sql = {
    $queryRaw: async (first: TemplateStringsArray | Prisma.Sql) => {
      if (!(first instanceof Prisma.Sql)) return [{ version: 1n, rows: 1n }];
      return Array.from({ length: rowsFor(Number(first.values[0])) }, (_, i) => ({ i }));
    },
    $executeRaw: async () => 0,
  };
  return sql as unknown as KpiSql & DataVersionSql;
}
const statement = (team: number) => Prisma.sql`SELECT count(*) FROM deal WHERE team_id = ${team}`;

describe("KPI cache bounds (issue 17: server memory stays flat)", () => {
  it("keeps at most maxResults results, even when every result is empty", async () => {
    const cache = createKpiCache(fakeDatabase(() => 0), { maxRows: 1000, maxResults: 50 });
    for (let team = 1; team <= 5000; team++) await cache.$queryRaw(statement(team));
    expect(cache.size()).toEqual({ results: 50, rows: 0 });
  });

  it("keeps at most maxRows rows over many distinct results", async () => {
    const cache = createKpiCache(fakeDatabase((team) => team % 7), { maxRows: 300, maxResults: 10_000 });
    for (let team = 1; team <= 5000; team++) {
      await cache.$queryRaw(statement(team));
      expect(cache.size().rows).toBeLessThanOrEqual(300);
    }
    expect(cache.size().rows).toBeGreaterThan(290);
  });

  it("keeps nothing with a bound of 0", async () => {
    const cache = createKpiCache(fakeDatabase(() => 0), { maxRows: 0, maxResults: 0 });
    await cache.$queryRaw(statement(1));
    expect(cache.size()).toEqual({ results: 0, rows: 0 });
  });

  it("reads its bounds from the environment, validated", () => {
    expect(kpiCacheBounds({})).toEqual({ maxRows: KPI_CACHE_DEFAULT_ROWS, maxResults: KPI_CACHE_DEFAULT_RESULTS });
    expect(kpiCacheBounds({ KPI_CACHE_MAX_ROWS: "5000", KPI_CACHE_MAX_RESULTS: "" })).toEqual({ maxRows: 5000, maxResults: KPI_CACHE_DEFAULT_RESULTS });
    expect(() => kpiCacheBounds({ KPI_CACHE_MAX_ROWS: "-1" })).toThrow(/KPI_CACHE_MAX_ROWS must be 0 or more/);
    expect(() => kpiCacheBounds({ KPI_CACHE_MAX_RESULTS: "1e9" })).toThrow(/KPI_CACHE_MAX_RESULTS must be at most/);
    expect(() => kpiCacheBounds({ KPI_CACHE_MAX_ROWS: "lots" })).toThrow(/KPI_CACHE_MAX_ROWS must be a whole number/);
  });
});
