import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { dealInScopeSql } from "../get-deal";
import type { Tx } from "../in-transaction";
import { meetingRunnableSql } from "./meeting-access";

export interface NextStepOwner {
  id: number;
  name: string;
  /** The deal's owner: the owner a decision proposes. */
  isDealOwner: boolean;
}

/**
 * Who may own the next step of a deal in a meeting (decideMeetingDeal accepts exactly these): the login of the rep
 * who owns the deal, the team's manager, the meeting's facilitator and the viewer. Empty for a viewer who does not
 * run the meeting. Only active users: someone who cannot sign in cannot do the step.
 */
export async function listNextStepOwners(viewer: Viewer, meetingId: number, dealId: number, client: Tx | typeof db = db): Promise<NextStepOwner[]> {
  assertViewer(viewer);
  return client.$queryRaw<NextStepOwner[]>(Prisma.sql`
    WITH meeting AS (
      SELECT m.facilitator_id, t.manager_id FROM pipeline_meeting m JOIN team t ON t.id = m.team_id
      WHERE m.id = ${meetingId} AND ${meetingRunnableSql(viewer)}
    ),
    owner AS (SELECT r.user_id FROM deal d, rep r WHERE d.id = ${dealId} AND ${dealInScopeSql(viewer)})
    SELECT u.id, u.name, coalesce(u.id = (SELECT user_id FROM owner), false) AS "isDealOwner"
    FROM app_user u
    WHERE u.org_id = ${viewer.orgId} AND u.active AND EXISTS (SELECT 1 FROM meeting)
      AND (u.id IN (SELECT user_id FROM owner) OR u.id IN (SELECT manager_id FROM meeting) OR u.id IN (SELECT facilitator_id FROM meeting) OR u.id = ${viewer.userId})
    ORDER BY 3 DESC, u.name, u.id`);
}
