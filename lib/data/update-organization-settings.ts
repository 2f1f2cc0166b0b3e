import type { Viewer } from "@/lib/auth/viewer";
import { canonicalTimeZone, type OrgSettings, type OrgSettingsChange } from "@/lib/validation/org-settings";
import { assertAdmin } from "./admin-assert";
import { assertPostgresTimeZone } from "./assert-postgres-time-zone";
import { auditRow } from "./audit-row";
import type { Tx } from "./in-transaction";
import { readOrganizationSettings } from "./read-organization-settings";

export interface OrganizationSettingsUpdate {
  /** The settings that changed, before and after; empty when the input changed nothing. */
  before: Partial<OrgSettings>;
  after: Partial<OrgSettings>;
  /**
   * A new time zone: the organisation triggers of the KPI migrations have rebuilt, in this transaction, the derived
   * tables that hold local days and months (activity_day, activity_month, deal_stage_fact and the stage rollups built
   * from it, conversion_touch, lead_month, deal_month).
   */
  timeZoneChanged: boolean;
}

const KEYS = ["name", "currency", "timeZone", "staleAfterDays", "stuckFactor", "coachingTargetMinutes", "managersEditStageRules"] as const satisfies ReadonlyArray<keyof OrgSettings>;

/**
 * Changes the viewer's organisation's settings (any subset) with one UPDATE and one audit row holding the changed
 * fields before and after. Writes nothing when nothing changes. `via: "command line"` records the change as the
 * command line's (no actor), as `npm run user` does.
 */
export async function updateOrganizationSettings(
  viewer: Viewer,
  change: OrgSettingsChange,
  tx: Tx,
  options: { via?: "command line" } = {},
): Promise<OrganizationSettingsUpdate> {
  assertAdmin(viewer);
  const current = await readOrganizationSettings(tx, viewer.orgId, { lock: true });
  if (!current) throw new Error(`Organisation ${viewer.orgId} does not exist`);
  const before: Partial<Record<keyof OrgSettings, unknown>> = {};
  const after: Partial<Record<keyof OrgSettings, unknown>> = {};
  for (const key of KEYS) {
    const value = change[key];
    // A zone stored in another spelling ("Etc/UTC") is not changed by its canonical one ("UTC").
    const stored = key === "timeZone" ? (canonicalTimeZone(current.timeZone) ?? current.timeZone) : current[key];
    if (value === undefined || value === stored) continue;
    before[key] = current[key];
    after[key] = value;
  }
  if (Object.keys(after).length === 0) return { before: {}, after: {}, timeZoneChanged: false };
  if (change.timeZone !== undefined && "timeZone" in after) await assertPostgresTimeZone(tx, change.timeZone);

  const { stuckFactor, ...rest } = after as Partial<OrgSettings>;
  // The time-zone triggers rebuild the organisation's derived KPI tables inside this statement.
  await tx.organization.update({ where: { id: viewer.orgId }, data: { ...rest, ...(stuckFactor === undefined ? {} : { stuckFactor: stuckFactor.toFixed(2) }) } });
  await tx.auditLog.create({
    data: auditRow(viewer.orgId, options.via ? null : viewer.userId, {
      action: "organization.update",
      entity: "organization",
      entityId: viewer.orgId,
      before,
      after: options.via ? { ...after, via: options.via } : after,
    }),
  });
  return { before: before as Partial<OrgSettings>, after: after as Partial<OrgSettings>, timeZoneChanged: "timeZone" in after };
}
