import type { Viewer } from "@/lib/auth/viewer";
import { checkCommitments } from "@/lib/coaching/check-commitments";
import { AppError } from "@/lib/errors";
import { isMetricKey } from "@/lib/review/metric-catalogue";
import type { SetCommitmentStatusInput } from "@/lib/validation/coaching";
import { recordAudit } from "../audit";
import type { Tx } from "../in-transaction";
import { assertCoach, findCoachedRep } from "./coached-rep";

/**
 * The manager confirms a commitment's status (the one the automatic check proposes, or another) with an optional note.
 * Audited with the value the check showed at that moment. NOT_FOUND for a commitment of a rep outside the scope.
 */
export async function setCommitmentStatus(viewer: Viewer, input: SetCommitmentStatusInput, tx: Tx, now = new Date()): Promise<void> {
  const commitment = await tx.commitment.findFirst({
    where: { id: input.commitmentId, rep: { orgId: viewer.orgId } },
    include: { session: { select: { at: true } } },
  });
  if (!commitment) throw new AppError("NOT_FOUND", { detail: `commitment ${input.commitmentId} is not in organisation ${viewer.orgId}` });
  const rep = await findCoachedRep(tx, viewer, commitment.repId, { forUpdate: true });
  assertCoach(viewer, rep.id);
  if (commitment.status === input.status && commitment.statusNote === input.note) return;

  const { timeZone } = await tx.organization.findUniqueOrThrow({ where: { id: viewer.orgId }, select: { timeZone: true } });
  const dueAt = commitment.dueAt.toISOString().slice(0, 10);
  const checkable =
    commitment.metric !== null && isMetricKey(commitment.metric) && commitment.target !== null && commitment.session !== null
      ? [{ id: commitment.id, repId: rep.id, metric: commitment.metric, comparator: commitment.comparator ?? "AT_LEAST", target: Number(commitment.target), dueAt, sessionAt: commitment.session.at }]
      : [];
  const check = (await checkCommitments(viewer, checkable, { timeZone, now })).get(commitment.id) ?? null;
  const updated = await tx.commitment.update({ where: { id: commitment.id }, data: { status: input.status, statusNote: input.note } });
  await recordAudit(tx, viewer, {
    action: "commitment.set_status",
    entity: "commitment",
    entityId: commitment.id,
    before: { status: commitment.status, statusNote: commitment.statusNote },
    after: { status: updated.status, statusNote: updated.statusNote, actual: check?.actual ?? null, proposed: check?.proposed ?? null, final: check?.final ?? null },
  });
}
