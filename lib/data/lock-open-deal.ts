import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { dealInScopeSql } from "./get-deal";
import type { Tx } from "./in-transaction";

/**
 * Locks a deal the viewer may edit until the transaction ends, and refuses a won or lost one: a closed deal keeps
 * the criteria answers and next step it closed with. Outside the scope answers NOT_FOUND, like a missing deal.
 */
export async function lockOpenDeal(viewer: Viewer, dealId: number, tx: Tx): Promise<void> {
  assertViewer(viewer);
  const [deal] = await tx.$queryRaw<Array<{ status: string }>>(Prisma.sql`
    SELECT d.status::text AS status FROM deal d, rep r
    WHERE d.id = ${dealId} AND ${dealInScopeSql(viewer)}
    FOR UPDATE OF d`);
  if (!deal) throw new AppError("NOT_FOUND", { detail: `deal ${dealId} is not in the scope of user ${viewer.userId}` });
  if (deal.status !== "OPEN") throw new AppError("CONFLICT", { messageKey: "dealClosedReadOnly", detail: `deal ${dealId} is ${deal.status}` });
}
