import { Prisma, type ForecastCategory } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { recordAudit } from "./audit";
import { dealInScopeSql } from "./get-deal";
import type { Tx } from "./in-transaction";

/**
 * Sets an open deal's forecast category (what the next forecast snapshot counts it as). The viewer's scope is in the
 * UPDATE itself, so a deal from elsewhere changes nothing and answers NOT_FOUND; a closed deal is not forecast.
 */
export async function updateDealForecastCategory(viewer: Viewer, input: { dealId: number; forecastCategory: ForecastCategory }, tx: Tx): Promise<void> {
  assertViewer(viewer);
  const [row] = await tx.$queryRaw<Array<{ before: ForecastCategory; after: ForecastCategory; status: string }>>(Prisma.sql`
    WITH target AS (
      SELECT d.id, d.forecast_category, d.status FROM deal d, rep r
      WHERE d.id = ${input.dealId} AND ${dealInScopeSql(viewer)}
      FOR UPDATE OF d
    )
    UPDATE deal d
    SET forecast_category = CASE WHEN t.status = 'OPEN' THEN ${input.forecastCategory}::"ForecastCategory" ELSE d.forecast_category END,
        updated_at = now()
    FROM target t
    WHERE d.id = t.id
    RETURNING t.forecast_category AS before, d.forecast_category AS after, t.status::text AS status`);
  if (!row) throw new AppError("NOT_FOUND", { detail: `deal ${input.dealId} is not in the scope of user ${viewer.userId}` });
  if (row.status !== "OPEN") throw new AppError("CONFLICT", { messageKey: "dealNotOpen", detail: `deal ${input.dealId} is ${row.status}` });
  if (row.before === row.after) return;
  await recordAudit(tx, viewer, {
    action: "deal.update_forecast_category",
    entity: "deal",
    entityId: input.dealId,
    before: { forecastCategory: row.before },
    after: { forecastCategory: row.after },
  });
}
