import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import type { AcknowledgeCommitmentInput } from "@/lib/validation/coaching";
import { recordAudit } from "../audit";
import type { Tx } from "../in-transaction";

/**
 * The rep acknowledges a commitment of their own: it records when. Anyone else — another rep, a manager, an admin —
 * is told it does not exist (acknowledging is the rep's word, nobody can give it for them). A second acknowledgement
 * changes nothing.
 */
export async function acknowledgeCommitment(viewer: Viewer, input: AcknowledgeCommitmentInput, tx: Tx, now = new Date()): Promise<void> {
  assertViewer(viewer);
  const own = viewer.role === "REP" && viewer.repId !== null ? viewer.repId : null;
  const rows = await tx.$queryRaw<{ id: number; acknowledgedAt: Date | null }[]>(Prisma.sql`
    SELECT c.id, c.acknowledged_at AS "acknowledgedAt"
    FROM commitment c JOIN rep r ON r.id = c.rep_id
    WHERE c.id = ${input.commitmentId} AND r.org_id = ${viewer.orgId} AND c.rep_id = ${own}
    FOR UPDATE OF c`);
  const row = rows[0];
  if (!row) throw new AppError("NOT_FOUND", { detail: `commitment ${input.commitmentId} is not user ${viewer.userId}'s own` });
  if (row.acknowledgedAt !== null) return;
  await tx.commitment.update({ where: { id: row.id }, data: { acknowledgedAt: now } });
  await recordAudit(tx, viewer, { action: "commitment.acknowledge", entity: "commitment", entityId: row.id, before: { acknowledgedAt: null }, after: { acknowledgedAt: now } });
}
