import { z } from "zod";
import type { Prisma } from "@/lib/db/generated/client";
import type { Viewer } from "@/lib/auth/viewer";
import { snapshotDiscussedFigures } from "@/lib/coaching/discussed-figures";
import { instantOfLocalTime } from "@/lib/kpi/period";
import type { CreateCoachingSessionInput } from "@/lib/validation/coaching";
import { recordAudit } from "../audit";
import type { Tx } from "../in-transaction";
import { assertCoach, findCoachedRep } from "./coached-rep";

/** A session may be logged up to a day ahead (a time zone away, or written the evening before); further is a typo. */
export const SESSION_MAX_AHEAD_MS = 24 * 60 * 60 * 1000;

/**
 * Logs a coaching session of a rep the viewer coaches (their team's manager, an admin), with the figures discussed
 * as they stand on the session's date and the commitments made in it, all in the caller's transaction, each audited.
 * A session time more than a day ahead is a field error (a ZodError): nothing is written.
 */
export async function createCoachingSession(viewer: Viewer, input: CreateCoachingSessionInput, tx: Tx, now = new Date()): Promise<{ sessionId: number }> {
  const rep = await findCoachedRep(tx, viewer, input.repId, { forUpdate: true });
  assertCoach(viewer, rep.id);
  const { timeZone } = await tx.organization.findUniqueOrThrow({ where: { id: viewer.orgId }, select: { timeZone: true } });
  const at = instantOfLocalTime(input.at.slice(0, 10), input.at.slice(11, 16), timeZone);
  if (at.getTime() > now.getTime() + SESSION_MAX_AHEAD_MS) {
    throw new z.ZodError([{ code: "custom", path: ["at"], message: "more than a day ahead", input: input.at, params: { messageKey: "coaching.errors.atInFuture" } }]);
  }
  const figures = await snapshotDiscussedFigures(viewer, { repId: rep.id, sessionAt: at, timeZone, metrics: input.figures });
  const session = await tx.coachingSession.create({
    data: { repId: rep.id, managerId: viewer.userId, at, minutes: input.minutes, topic: input.topic, notes: input.notes, figures: figures as unknown as Prisma.InputJsonArray },
  });
  await recordAudit(tx, viewer, {
    action: "coaching_session.create",
    entity: "coaching_session",
    entityId: session.id,
    after: { repId: rep.id, at: session.at, minutes: session.minutes, topic: session.topic, notes: session.notes, figures },
  });
  for (const commitment of input.commitments) {
    const row = await tx.commitment.create({
      data: {
        repId: rep.id,
        sessionId: session.id,
        text: commitment.text,
        metric: commitment.metric,
        comparator: commitment.comparator,
        target: commitment.target === null ? null : commitment.target.toFixed(2),
        dueAt: new Date(`${commitment.dueAt}T00:00:00Z`),
      },
    });
    await recordAudit(tx, viewer, {
      action: "commitment.create",
      entity: "commitment",
      entityId: row.id,
      after: { repId: rep.id, sessionId: session.id, text: row.text, metric: row.metric, comparator: row.comparator, target: row.target?.toString() ?? null, dueAt: commitment.dueAt, status: row.status },
    });
  }
  return { sessionId: session.id };
}
