import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import type { Tx } from "./in-transaction";

/** Team names are unique in an organisation regardless of case, so "North" and "north" cannot both exist. */
export async function assertTeamNameFree(tx: Tx, viewer: Viewer, name: string, exceptTeamId: number | null): Promise<void> {
  const clash = await tx.team.findFirst({
    where: { orgId: viewer.orgId, name: { equals: name, mode: "insensitive" }, ...(exceptTeamId === null ? {} : { id: { not: exceptTeamId } }) },
    select: { id: true },
  });
  if (clash) throw new AppError("CONFLICT", { messageKey: "teamNameTaken" });
}
