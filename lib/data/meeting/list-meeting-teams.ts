import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { canRunTeam, meetingVisibleSql } from "./meeting-access";

export interface MeetingTeam {
  id: number;
  name: string;
  /** A manager of the team or an admin starts and runs its meetings; a rep of the team follows them. */
  canRun: boolean;
  inProgress: { id: number; heldAt: Date; facilitator: string | null } | null;
  /** The next planned meeting within the coming weeks (the demo calendar plans one), which starting turns into this week's. */
  planned: { id: number; heldAt: Date } | null;
  /** The last meetings held, newest first. */
  recent: Array<{ id: number; heldAt: Date; facilitator: string | null }>;
}

const RECENT_SHOWN = 3;

interface Row {
  id: number;
  name: string;
  inProgress: { id: number; heldAt: string; facilitator: string | null } | null;
  planned: { id: number; heldAt: string } | null;
  recent: Array<{ id: number; heldAt: string; facilitator: string | null }> | null;
}

/** The teams whose meetings the viewer may open: an admin's organisation, a manager's teams, a rep's own team. */
export async function listMeetingTeams(viewer: Viewer): Promise<MeetingTeam[]> {
  assertViewer(viewer);
  const rows = await db.$queryRaw<Row[]>(Prisma.sql`
    SELECT t.id, t.name,
           (SELECT json_build_object('id', m.id, 'heldAt', m.held_at, 'facilitator', u.name)
            FROM pipeline_meeting m LEFT JOIN app_user u ON u.id = m.facilitator_id
            WHERE m.team_id = t.id AND m.status = 'IN_PROGRESS' LIMIT 1) AS "inProgress",
           (SELECT json_build_object('id', m.id, 'heldAt', m.held_at)
            FROM pipeline_meeting m WHERE m.team_id = t.id AND m.status = 'PLANNED' AND m.held_at >= now() - interval '7 days'
            ORDER BY m.held_at, m.id LIMIT 1) AS planned,
           (SELECT json_agg(x ORDER BY x."heldAt" DESC, x.id DESC) FROM (
              SELECT m.id, m.held_at AS "heldAt", u.name AS facilitator
              FROM pipeline_meeting m LEFT JOIN app_user u ON u.id = m.facilitator_id
              WHERE m.team_id = t.id AND m.status = 'DONE'
              ORDER BY m.held_at DESC, m.id DESC LIMIT ${RECENT_SHOWN}) x) AS recent
    FROM team t
    WHERE ${meetingVisibleSql(viewer)}
    ORDER BY t.name, t.id`);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    canRun: canRunTeam(viewer, row.id),
    inProgress: row.inProgress && { ...row.inProgress, heldAt: new Date(row.inProgress.heldAt) },
    planned: row.planned && { ...row.planned, heldAt: new Date(row.planned.heldAt) },
    recent: (row.recent ?? []).map((meeting) => ({ ...meeting, heldAt: new Date(meeting.heldAt) })),
  }));
}
