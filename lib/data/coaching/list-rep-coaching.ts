import "server-only";
import { db } from "@/lib/db/client";
import type { CommitmentComparator, CommitmentStatus } from "@/lib/db/generated/enums";
import type { Viewer } from "@/lib/auth/viewer";
import { checkCommitments, type CommitmentCheck } from "@/lib/coaching/check-commitments";
import { isOverdue } from "@/lib/coaching/commitment-check";
import { discussedFiguresOf, type DiscussedFigure } from "@/lib/coaching/discussed-figures";
import type { Period } from "@/lib/kpi/period";
import { isMetricKey, type MetricKey } from "@/lib/review/metric-catalogue";
import { findCoachedRep } from "./coached-rep";

export interface CoachingSessionItem {
  id: number;
  at: Date;
  minutes: number;
  topic: string;
  notes: string | null;
  manager: string | null;
  figures: DiscussedFigure[];
}

export interface CommitmentItem {
  id: number;
  sessionId: number | null;
  sessionAt: Date | null;
  text: string;
  metric: MetricKey | null;
  comparator: CommitmentComparator | null;
  /** As typed: a rate in percent. */
  target: number | null;
  /** "YYYY-MM-DD" */
  dueAt: string;
  status: CommitmentStatus;
  statusNote: string | null;
  acknowledgedAt: Date | null;
  /** OPEN and its due date over in the organisation's time zone. */
  overdue: boolean;
  /** The automatic check, for a commitment with a metric whose window has begun. */
  check: CommitmentCheck | null;
}

export interface RepCoaching {
  sessions: CoachingSessionItem[];
  commitments: CommitmentItem[];
}

const dateOnly = (date: Date) => date.toISOString().slice(0, 10);

/**
 * A rep's coaching sessions in P (newest first) and their commitments due in P, plus any still OPEN from before P
 * (overdue ones must not drop out of sight), each with its automatic check. NOT_FOUND for a rep outside the scope.
 */
export async function listRepCoaching(viewer: Viewer, input: { repId: number; period: Period }, now = new Date()): Promise<RepCoaching> {
  const rep = await findCoachedRep(db, viewer, input.repId);
  const { period } = input;
  const [sessions, commitments] = await Promise.all([
    db.coachingSession.findMany({
      where: { repId: rep.id, at: { gte: period.start, lt: period.end } },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      select: { id: true, at: true, minutes: true, topic: true, notes: true, figures: true, manager: { select: { name: true } } },
    }),
    db.commitment.findMany({
      where: {
        repId: rep.id,
        OR: [
          { dueAt: { gte: new Date(`${period.startDate}T00:00:00Z`), lt: new Date(`${period.endDate}T00:00:00Z`) } },
          { status: "OPEN", dueAt: { lt: new Date(`${period.startDate}T00:00:00Z`) } },
        ],
      },
      orderBy: [{ dueAt: "desc" }, { id: "desc" }],
      select: {
        id: true,
        sessionId: true,
        text: true,
        metric: true,
        comparator: true,
        target: true,
        dueAt: true,
        status: true,
        statusNote: true,
        acknowledgedAt: true,
        session: { select: { at: true } },
      },
    }),
  ]);
  const items = commitments.map((c) => ({
    id: c.id,
    sessionId: c.sessionId,
    sessionAt: c.session?.at ?? null,
    text: c.text,
    // A metric outside the catalogue (an older import) is shown as text with no automatic check.
    metric: c.metric !== null && isMetricKey(c.metric) ? c.metric : null,
    comparator: c.comparator,
    target: c.target === null ? null : Number(c.target),
    dueAt: dateOnly(c.dueAt),
    status: c.status,
    statusNote: c.statusNote,
    acknowledgedAt: c.acknowledgedAt,
  }));
  const timeZone = (await db.organization.findUniqueOrThrow({ where: { id: viewer.orgId }, select: { timeZone: true } })).timeZone;
  const checks = await checkCommitments(
    viewer,
    items.flatMap((c) =>
      c.metric !== null && c.target !== null && c.sessionAt !== null
        ? [{ id: c.id, repId: rep.id, metric: c.metric, comparator: c.comparator ?? "AT_LEAST", target: c.target, dueAt: c.dueAt, sessionAt: c.sessionAt }]
        : [],
    ),
    { timeZone, now },
  );
  return {
    sessions: sessions.map((s) => ({ id: s.id, at: s.at, minutes: s.minutes, topic: s.topic, notes: s.notes, manager: s.manager?.name ?? null, figures: discussedFiguresOf(s.figures) })),
    commitments: items.map((c) => ({ ...c, overdue: c.status === "OPEN" && isOverdue(c.dueAt, now, timeZone), check: checks.get(c.id) ?? null })),
  };
}
