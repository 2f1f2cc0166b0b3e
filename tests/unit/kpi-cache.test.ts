import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/db/generated/client";
import { cacheKey, createKpiCache } from "@/lib/kpi/kpi-cache";
import { liveFlagsAt } from "@/lib/kpi/qualification-sql";
import type { KpiSql } from "@/lib/kpi/kpi-sql";
import type { DataVersionSql } from "@/lib/db/data-version";

/** A stand-in database: a version counter, and statements answered by `answer` (which may commit a write). */
function fakeDatabase(answer: (statement: Prisma.Sql, db: { version: bigint }) => unknown[]) {
  const state = { version: 1n, statements: 0 };
  const sql = {
    $queryRaw: async (first: TemplateStringsArray | Prisma.Sql) => {
      if (!(first instanceof Prisma.Sql)) {
        expect(first.join("?")).toContain("FROM data_change");
        return [{ version: state.version, rows: 1n }];
      }
      state.statements += 1;
      return answer(first, state);
    },
    $executeRaw: async () => 0,
  };
  return { state, sql: sql as unknown as KpiSql & DataVersionSql };
}

const statement = (team: number) => Prisma.sql`SELECT count(*) FROM deal WHERE team_id = ${team}`;

describe("KPI result cache", () => {
  it("answers a repeated statement from memory while the data version stays", async () => {
    const { state, sql } = fakeDatabase(() => [{ n: 1 }]);
    const cache = createKpiCache(sql, { maxRows: 10 });
    expect(await cache.$queryRaw(statement(1))).toEqual([{ n: 1 }]);
    expect(await cache.$queryRaw(statement(1))).toEqual([{ n: 1 }]);
    expect(state.statements).toBe(1);
  });

  it("queries again once a write has committed", async () => {
    let n = 1;
    const { state, sql } = fakeDatabase(() => [{ n }]);
    const cache = createKpiCache(sql, { maxRows: 10 });
    await cache.$queryRaw(statement(1));
    n = 2;
    state.version += 1n;
    expect(await cache.$queryRaw(statement(1))).toEqual([{ n: 2 }]);
    expect(state.statements).toBe(2);
  });

  it("does not keep a result when a write committed while it was computed", async () => {
    let n = 1;
    const { state, sql } = fakeDatabase((_, db) => {
      const seen = n;
      // The write commits after the query's snapshot: this result may lack it.
      n = 2;
      db.version += 1n;
      return [{ n: seen }];
    });
    const cache = createKpiCache(sql, { maxRows: 10 });
    expect(await cache.$queryRaw(statement(1))).toEqual([{ n: 1 }]);
    expect(cache.size()).toEqual({ results: 0, rows: 0 });
    await cache.$queryRaw(statement(1));
    expect(state.statements).toBe(2);
  });

  it("keeps statements with other values apart, and drops the least recently used past the row budget", async () => {
    const { state, sql } = fakeDatabase((s) => [{ team: s.values[0] }]);
    const cache = createKpiCache(sql, { maxRows: 2 });
    expect(await cache.$queryRaw(statement(1))).toEqual([{ team: 1 }]);
    expect(await cache.$queryRaw(statement(2))).toEqual([{ team: 2 }]);
    await cache.$queryRaw(statement(1)); // 1 is now the most recently used
    await cache.$queryRaw(statement(3)); // drops 2
    expect(state.statements).toBe(3);
    await cache.$queryRaw(statement(1));
    expect(state.statements).toBe(3);
    expect(await cache.$queryRaw(statement(2))).toEqual([{ team: 2 }]);
    expect(state.statements).toBe(4);
    expect(cache.size()).toEqual({ results: 2, rows: 2 });
  });

  it("counts rows, not results, and keeps no result larger than the whole budget", async () => {
    const { state, sql } = fakeDatabase((s) => Array.from({ length: Number(s.values[0]) }, (_, i) => ({ i })));
    const cache = createKpiCache(sql, { maxRows: 5 });
    await cache.$queryRaw(statement(3));
    await cache.$queryRaw(statement(2));
    expect(cache.size()).toEqual({ results: 2, rows: 5 });
    await cache.$queryRaw(statement(1)); // 6 rows: the oldest result (3 rows) goes
    expect(cache.size()).toEqual({ results: 2, rows: 3 });
    await cache.$queryRaw(statement(9));
    expect(cache.size()).toEqual({ results: 2, rows: 3 });
    await cache.$queryRaw(statement(9));
    expect(state.statements).toBe(5);
  });

  it("hands out copies, so a caller changing a row cannot change what the next one reads", async () => {
    const { sql } = fakeDatabase(() => [{ n: 1 }]);
    const cache = createKpiCache(sql, { maxRows: 10 });
    const first = await cache.$queryRaw<{ n: number }[]>(statement(1));
    first[0]!.n = 99;
    const second = await cache.$queryRaw<{ n: number }[]>(statement(1));
    second[0]!.n = 98;
    expect(await cache.$queryRaw(statement(1))).toEqual([{ n: 1 }]);
  });

  it("tells a Date from its ISO string and a number from its digits", () => {
    const at = new Date("2025-01-01T00:00:00.000Z");
    expect(cacheKey(Prisma.sql`SELECT ${at}`)).not.toBe(cacheKey(Prisma.sql`SELECT ${at.toISOString()}`));
    expect(cacheKey(Prisma.sql`SELECT ${1}`)).not.toBe(cacheKey(Prisma.sql`SELECT ${"1"}`));
    expect(cacheKey(Prisma.sql`SELECT ${1}`)).toBe(cacheKey(Prisma.sql`SELECT ${1}`));
  });
});

describe("the instant of a live view", () => {
  it("is the end of the current minute: views within a minute share a key, and nothing done so far is after it", () => {
    const first = liveFlagsAt(new Date("2026-12-07T09:15:00.001Z"));
    const last = liveFlagsAt(new Date("2026-12-07T09:15:59.999Z"));
    expect(first.toISOString()).toBe("2026-12-07T09:16:00.000Z");
    expect(last.getTime()).toBe(first.getTime());
    expect(cacheKey(Prisma.sql`SELECT ${first}`)).toBe(cacheKey(Prisma.sql`SELECT ${last}`));
    // On the minute, D is now: a change stamped now is not before D, as with new Date() itself.
    expect(liveFlagsAt(new Date("2026-12-07T09:16:00.000Z")).toISOString()).toBe("2026-12-07T09:16:00.000Z");
    expect(liveFlagsAt(new Date("2026-12-07T09:16:00.001Z")).toISOString()).toBe("2026-12-07T09:17:00.000Z");
  });
});
