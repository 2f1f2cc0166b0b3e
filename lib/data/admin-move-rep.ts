import type { Viewer } from "@/lib/auth/viewer";
import type { MoveRepInput } from "@/lib/validation/admin-team";
import { assertAdmin } from "./admin-assert";
import { findOrgRep, findOrgTeam } from "./admin-find-in-org";
import { recordAudit } from "./audit";
import type { Tx } from "./in-transaction";

/** Moves a rep to another team (or out of every team). Closed deals keep the owner they had; only the team changes. */
export async function adminMoveRep(viewer: Viewer, input: MoveRepInput, tx: Tx): Promise<void> {
  assertAdmin(viewer);
  const rep = await findOrgRep(tx, viewer, input.repId);
  const team = input.teamId === null ? null : await findOrgTeam(tx, viewer, input.teamId);
  const teamId = team?.id ?? null;
  if (rep.teamId === teamId) return;
  await tx.rep.update({ where: { id: rep.id }, data: { teamId } });
  await recordAudit(tx, viewer, { action: "rep.move", entity: "rep", entityId: rep.id, before: { teamId: rep.teamId }, after: { teamId } });
}
