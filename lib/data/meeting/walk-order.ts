import type { FlaggedDeal } from "@/lib/kpi/query-deal-flags";
import type { WalkOrder } from "@/lib/validation/meeting";

/**
 * The order a meeting walks its deals. FLAGGED keeps lib/kpi's order (most flags first, then the largest amount);
 * BY_REP takes the reps by name, each rep's deals in that same order.
 */
export function walkOrder(deals: readonly Pick<FlaggedDeal, "dealId" | "repId">[], order: WalkOrder, repNames: ReadonlyMap<number, string>): number[] {
  if (order === "FLAGGED") return deals.map((deal) => deal.dealId);
  const rank = new Map(deals.map((deal, index) => [deal.dealId, index]));
  const name = (repId: number) => repNames.get(repId) ?? "";
  return [...deals]
    .sort((a, b) => name(a.repId).localeCompare(name(b.repId)) || a.repId - b.repId || rank.get(a.dealId)! - rank.get(b.dealId)!)
    .map((deal) => deal.dealId);
}
