import type { Viewer } from "@/lib/auth/viewer";
import type { CreateTeamInput } from "@/lib/validation/admin-team";
import { assertAdmin } from "./admin-assert";
import { findOrgManager } from "./admin-find-in-org";
import { assertTeamNameFree } from "./admin-team-name";
import { recordAudit } from "./audit";
import type { Tx } from "./in-transaction";

export async function adminCreateTeam(viewer: Viewer, input: CreateTeamInput, tx: Tx): Promise<{ teamId: number }> {
  assertAdmin(viewer);
  await assertTeamNameFree(tx, viewer, input.name, null);
  const manager = input.managerId === null ? null : await findOrgManager(tx, viewer, input.managerId);
  const team = await tx.team.create({
    data: { orgId: viewer.orgId, name: input.name, kind: input.kind, managerId: manager?.id ?? null },
    select: { id: true },
  });
  await recordAudit(tx, viewer, {
    action: "team.create",
    entity: "team",
    entityId: team.id,
    after: { name: input.name, kind: input.kind, managerId: manager?.id ?? null },
  });
  return { teamId: team.id };
}
