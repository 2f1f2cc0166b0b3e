import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { forecastSnapshotLinesSql } from "@/lib/kpi/forecast-snapshot-lines-sql";
import { recordAudit } from "./audit";
import type { Tx } from "./in-transaction";
import { canRunTeam } from "./meeting/meeting-access";

/**
 * A forecast snapshot of one team, taken now: source data (what the team committed to at this moment), not a cache.
 * One forecast_snapshot row of the organisation and the team's lines (lib/kpi/forecast-snapshot-lines-sql.ts), written
 * by one INSERT … SELECT in the caller's transaction. Managers of the team and admins.
 */
export async function takeForecastSnapshot(viewer: Viewer, teamId: number, tx: Tx): Promise<{ snapshotId: number; takenAt: Date; lines: number }> {
  assertViewer(viewer);
  if (!canRunTeam(viewer, teamId)) throw new AppError(viewer.role === "REP" ? "FORBIDDEN" : "NOT_FOUND", { detail: `user ${viewer.userId} may not snapshot team ${teamId}` });
  const team = await tx.team.findFirst({ where: { id: teamId, orgId: viewer.orgId }, select: { id: true } });
  if (!team) throw new AppError("NOT_FOUND", { detail: `team ${teamId} is not in organisation ${viewer.orgId}` });
  const snapshot = await tx.forecastSnapshot.create({ data: { orgId: viewer.orgId, takenAt: new Date() }, select: { id: true, takenAt: true } });
  const lines = await tx.$executeRaw(Prisma.sql`
    INSERT INTO forecast_line (snapshot_id, rep_id, month, category, amount, deal_count)
    ${forecastSnapshotLinesSql({ snapshotId: snapshot.id, orgId: viewer.orgId, teamId: team.id, at: snapshot.takenAt })}`);
  await recordAudit(tx, viewer, { action: "forecast.snapshot", entity: "forecast_snapshot", entityId: snapshot.id, after: { teamId: team.id, takenAt: snapshot.takenAt, lines } });
  return { snapshotId: snapshot.id, takenAt: snapshot.takenAt, lines };
}
