// Derived tables of the KPI engine (deal_stage_fact, activity_day, conversion_touch, lead_chain) are kept current by
// triggers (prisma/migrations/20261127200000_kpi_rollups, 20261127220000_conversion_touch, 20261128050000_lead_chain).
// For a bulk load, recomputing a deal's stage facts or a lead's conversion or hand-over chain on every batch would
// re-read histories whose indexes may have been dropped for the load: this defers that work.
import type pg from "pg";

/**
 * Runs `load` with stage facts, conversion touches and lead chains deferred: the triggers only note the deals and
 * leads they touch, and those are recomputed once when `load` is done. The facts are flushed first, still deferred, so
 * the lead chains their new rows touch are only noted, and recomputed once, last, from the new facts. Must run inside
 * the caller's transaction (the setting is transaction-local, and a failed load rolls the notes back with everything
 * else). Activity days need no deferral: their trigger adds each statement's rows without reading the activity table.
 */
export async function withDerivedDataDeferred<T>(client: pg.ClientBase, load: () => Promise<T>): Promise<T> {
  await client.query("SELECT set_config('app.defer_derived', 'on', true)");
  const result = await load();
  await client.query("SELECT flush_deal_stage_facts()");
  await client.query("SELECT set_config('app.defer_derived', 'off', true)");
  await client.query("SELECT flush_conversion_touches()");
  await client.query("SELECT flush_lead_chains()");
  return result;
}
