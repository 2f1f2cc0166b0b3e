import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";

export interface OrganizationSummary {
  name: string;
  currency: string;
  timeZone: string;
  /** The calendar year now, in the organisation's time zone. */
  currentYear: number;
  /** The year of the organisation's first deal; the current year when there are none. */
  firstYear: number;
}

/** The viewer's organisation: what every page needs to format money and dates and to pick a year. */
export async function getOrganization(viewer: Viewer): Promise<OrganizationSummary> {
  assertViewer(viewer);
  const rows = await db.$queryRaw<OrganizationSummary[]>(Prisma.sql`
    SELECT o.name,
           trim(o.currency) AS currency,
           o.time_zone AS "timeZone",
           extract(year FROM now() AT TIME ZONE o.time_zone)::int AS "currentYear",
           coalesce(
             (SELECT extract(year FROM min(d.created_at) AT TIME ZONE o.time_zone)::int FROM deal d WHERE d.org_id = o.id),
             extract(year FROM now() AT TIME ZONE o.time_zone)::int
           ) AS "firstYear"
    FROM organization o
    WHERE o.id = ${viewer.orgId}`);
  const organization = rows[0];
  if (!organization) throw new Error(`Organisation ${viewer.orgId} of user ${viewer.userId} does not exist`);
  return organization;
}
