import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { queryDealFlags } from "@/lib/kpi/query-deal-flags";
import { queryQualification } from "@/lib/kpi/query-qualification";
import type { StartMeetingInput } from "@/lib/validation/meeting";
import { recordAudit } from "../audit";
import type { Tx } from "../in-transaction";
import { canRunTeam } from "./meeting-access";
import { walkOrder } from "./walk-order";

// "This week's meeting": a planned one of the team within this many days of now is started instead of a new one.
const PLANNED_WITHIN_DAYS = 6;

/**
 * Starts this week's meeting of a team, or resumes the one in progress (at most one per team). The walk is fixed now:
 * the team's open deals with their KPI.md flags (lib/kpi), most flags first then the largest amount, or rep by rep;
 * with the team's compliance at this moment, which the summary compares with the end. A planned meeting of the team
 * within a week is the one started (the demo calendar plans the next one). Managers of the team and admins only.
 */
export async function startMeeting(viewer: Viewer, input: StartMeetingInput, tx: Tx): Promise<{ meetingId: number; resumed: boolean }> {
  assertViewer(viewer);
  if (!canRunTeam(viewer, input.teamId)) {
    throw new AppError(viewer.role === "REP" ? "FORBIDDEN" : "NOT_FOUND", { detail: `user ${viewer.userId} may not run team ${input.teamId}'s meetings` });
  }
  // The team row is the lock two managers starting at once take turns on: the second finds the first's meeting.
  const [team] = await tx.$queryRaw<Array<{ id: number }>>(Prisma.sql`
    SELECT id FROM team WHERE id = ${input.teamId} AND org_id = ${viewer.orgId} FOR UPDATE`);
  if (!team) throw new AppError("NOT_FOUND", { detail: `team ${input.teamId} is not in organisation ${viewer.orgId}` });

  const running = await tx.pipelineMeeting.findFirst({ where: { teamId: team.id, status: "IN_PROGRESS" }, select: { id: true } });
  if (running) return { meetingId: running.id, resumed: true };

  const [now] = await tx.$queryRaw<Array<{ at: Date }>>(Prisma.sql`SELECT now() AS at`);
  const at = now!.at;
  const filter = { teamIds: [team.id] };
  // One after the other: a transaction's statements run on one connection.
  const deals = await queryDealFlags(tx, viewer, { at, filter, onlyFlagged: false });
  const qualification = await queryQualification(tx, viewer, { at, filter });
  const reps = await tx.rep.findMany({ where: { teamId: team.id }, select: { id: true, name: true } });
  const dealIds = walkOrder(deals, input.walkOrder, new Map(reps.map((rep) => [rep.id, rep.name])));
  const started = {
    status: "IN_PROGRESS" as const,
    heldAt: at,
    startedAt: at,
    facilitatorId: viewer.userId,
    walkOrder: input.walkOrder,
    dealIds,
    currentDealId: dealIds[0] ?? null,
    openDealsBefore: qualification.total.openDeals,
    qualifiedBefore: qualification.total.qualified,
  };

  const [planned] = await tx.$queryRaw<Array<{ id: number }>>(Prisma.sql`
    SELECT id FROM pipeline_meeting
    WHERE team_id = ${team.id} AND status = 'PLANNED'
      AND held_at BETWEEN ${at}::timestamptz - make_interval(days => ${PLANNED_WITHIN_DAYS}) AND ${at}::timestamptz + make_interval(days => ${PLANNED_WITHIN_DAYS})
    ORDER BY abs(extract(epoch FROM held_at - ${at}::timestamptz)), id
    LIMIT 1
    FOR UPDATE`);
  const meeting = planned
    ? await tx.pipelineMeeting.update({ where: { id: planned.id }, data: { ...started, version: { increment: 1 } }, select: { id: true } })
    : await tx.pipelineMeeting.create({ data: { teamId: team.id, ...started }, select: { id: true } });
  await recordAudit(tx, viewer, {
    action: "meeting.start",
    entity: "pipeline_meeting",
    entityId: meeting.id,
    before: planned ? { status: "PLANNED" } : undefined,
    after: { teamId: team.id, status: "IN_PROGRESS", walkOrder: input.walkOrder, deals: dealIds.length, openDeals: started.openDealsBefore, qualified: started.qualifiedBefore },
  });
  return { meetingId: meeting.id, resumed: false };
}
