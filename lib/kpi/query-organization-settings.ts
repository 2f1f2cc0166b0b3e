import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import type { KpiSql } from "./kpi-sql";

/** What the KPI rules read from the organisation: its time zone, currency and KPI.md's thresholds (organisation settings). */
export interface OrganizationSettings {
  timeZone: string;
  /** ISO 4217 code, e.g. "EUR". */
  currency: string;
  /** STALE: no activity on an open deal for more than this many days (KPI.md default 14). */
  staleAfterDays: number;
  /** STUCK: time in stage over this many times the median of won deals (KPI.md default 2). */
  stuckFactor: number;
  /** Coaching hours target per rep and month, in minutes (KPI.md default 3 hours). */
  coachingTargetMinutes: number;
}

/** The viewer's organisation's settings. */
export async function queryOrganizationSettings(sql: KpiSql, viewer: Viewer): Promise<OrganizationSettings> {
  assertViewer(viewer);
  const rows = await sql.$queryRaw<OrganizationSettings[]>(Prisma.sql`
    SELECT o.time_zone AS "timeZone", trim(o.currency) AS currency, o.stale_after_days AS "staleAfterDays",
           o.stuck_factor::float8 AS "stuckFactor", o.coaching_target_minutes AS "coachingTargetMinutes"
    FROM organization o
    WHERE o.id = ${viewer.orgId}`);
  const settings = rows[0];
  if (!settings) throw new Error(`Organisation ${viewer.orgId} does not exist`);
  return settings;
}
