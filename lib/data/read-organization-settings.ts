import type { OrgSettings } from "@/lib/validation/org-settings";
import type { Tx } from "./in-transaction";

/**
 * An organisation's settings as the admin page and `npm run org -- show` present them. `lock` takes the row for
 * update, so that a change's before and after are the row's own, not a concurrent editor's. The lock is NO KEY
 * UPDATE (the id never changes): a plain FOR UPDATE would also wait for every open transaction that has written a
 * row pointing at the organisation (an autosave, an import), since those hold the row's KEY SHARE lock.
 */
export async function readOrganizationSettings(client: Pick<Tx, "$queryRaw">, orgId: number, options: { lock?: boolean } = {}): Promise<OrgSettings | null> {
  const rows = options.lock
    ? await client.$queryRaw<RawSettings[]>`
        SELECT name, trim(currency) AS currency, time_zone, stale_after_days, stuck_factor::float8 AS stuck_factor, coaching_target_minutes,
               managers_edit_stage_rules
        FROM organization WHERE id = ${orgId} FOR NO KEY UPDATE`
    : await client.$queryRaw<RawSettings[]>`
        SELECT name, trim(currency) AS currency, time_zone, stale_after_days, stuck_factor::float8 AS stuck_factor, coaching_target_minutes,
               managers_edit_stage_rules
        FROM organization WHERE id = ${orgId}`;
  const row = rows[0];
  if (!row) return null;
  return {
    name: row.name,
    currency: row.currency,
    timeZone: row.time_zone,
    staleAfterDays: row.stale_after_days,
    stuckFactor: row.stuck_factor,
    coachingTargetMinutes: row.coaching_target_minutes,
    managersEditStageRules: row.managers_edit_stage_rules,
  };
}

interface RawSettings {
  name: string;
  currency: string;
  time_zone: string;
  stale_after_days: number;
  stuck_factor: number;
  coaching_target_minutes: number;
  managers_edit_stage_rules: boolean;
}
