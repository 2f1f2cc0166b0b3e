// Derived tables of the KPI engine (deal_stage_fact, activity_day, conversion_touch, lead_chain) are kept current by
// triggers (prisma/migrations/20261127200000_kpi_rollups, 20261127220000_conversion_touch, 20261128050000_lead_chain).
// For a bulk load, recomputing a deal's stage facts or a lead's conversion or hand-over chain on every batch would
// re-read histories whose indexes may have been dropped for the load: this defers that work.
import type pg from "pg";

async function deferred<T>(run: (sql: string) => Promise<unknown>, load: () => Promise<T>): Promise<T> {
  await run("SELECT set_config('app.defer_derived', 'on', true)");
  const result = await load();
  await run("SELECT flush_deal_stage_facts()");
  await run("SELECT set_config('app.defer_derived', 'off', true)");
  await run("SELECT flush_conversion_touches()");
  await run("SELECT flush_lead_chains()");
  return result;
}

/**
 * Runs `load` with stage facts, conversion touches and lead chains deferred: the triggers only note the deals and
 * leads they touch, and those are recomputed once when `load` is done. The facts are flushed first, still deferred, so
 * the lead chains their new rows touch are only noted, and recomputed once, last, from the new facts. Must run inside
 * the caller's transaction (the setting is transaction-local, and a failed load rolls the notes back with everything
 * else). Activity days need no deferral: their trigger adds each statement's rows without reading the activity table.
 */
export function withDerivedDataDeferred<T>(client: pg.ClientBase, load: () => Promise<T>): Promise<T> {
  return deferred((sql) => client.query(sql), load);
}

/**
 * The same in a Prisma interactive transaction: for an edit of a pipeline's stages written in several statements
 * (a reorder through a free position, a merge), whose histories are then recomputed once instead of per statement.
 */
export function withDerivedDataDeferredInTransaction<T>(tx: { $executeRawUnsafe(sql: string): Promise<number> }, load: () => Promise<T>): Promise<T> {
  return deferred((sql) => tx.$executeRawUnsafe(sql), load);
}
