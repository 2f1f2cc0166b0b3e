import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { queryQualification } from "@/lib/kpi/query-qualification";
import { recordAudit } from "../audit";
import type { Tx } from "../in-transaction";
import { takeForecastSnapshot } from "../take-forecast-snapshot";
import { meetingForWrite } from "./meeting-for-write";

/**
 * Ends the meeting: the team's compliance now (lib/kpi, beside the one it started with) and a forecast snapshot of the
 * team, which forecast accuracy reads once the months it covers begin. The meeting is read-only afterwards.
 */
export async function finishMeeting(viewer: Viewer, meetingId: number, tx: Tx): Promise<{ snapshotId: number }> {
  assertViewer(viewer);
  const meeting = await meetingForWrite(viewer, meetingId, tx);
  const at = new Date();
  const qualification = await queryQualification(tx, viewer, { at, filter: { teamIds: [meeting.teamId] } });
  const snapshot = await takeForecastSnapshot(viewer, meeting.teamId, tx);
  const after = { openDealsAfter: qualification.total.openDeals, qualifiedAfter: qualification.total.qualified };
  await tx.pipelineMeeting.update({
    where: { id: meeting.id },
    data: { status: "DONE", finishedAt: at, ...after, snapshotId: snapshot.snapshotId, version: { increment: 1 } },
  });
  await recordAudit(tx, viewer, {
    action: "meeting.finish",
    entity: "pipeline_meeting",
    entityId: meeting.id,
    before: { status: meeting.status },
    after: { status: "DONE", ...after, snapshotId: snapshot.snapshotId },
  });
  return { snapshotId: snapshot.snapshotId };
}
