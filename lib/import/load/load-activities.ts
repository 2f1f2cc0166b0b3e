import type { RowOf } from "../kinds/import-kinds";
import { toInstant } from "../parse/parse-date";
import { type ImportMessage, importMessage } from "../messages/import-message";
import { existingKeys } from "./existing-keys";
import { keyedLoader, type KindLoader, reject, updateMode } from "./keyed-loader";
import { type LoadContext, resolveNames } from "./load-context";

type ActivityRow = RowOf<"activities">;

/** Activities carry no id column: one is the same as another when rep, type, time, deal and lead all match. */
export async function loadActivities(ctx: LoadContext): Promise<KindLoader<ActivityRow>> {
  const deals = ctx.provided.has("deal") ? await existingKeys(ctx.client, "deal", ctx.orgId) : new Map<string, number>();
  const leads = ctx.provided.has("lead") ? await existingKeys(ctx.client, "lead", ctx.orgId) : new Map<string, number>();
  const stored = await ctx.client.query<{ id: number; key: string }>(
    `SELECT id, rep_id || '|' || type || '|' || (extract(epoch FROM at) * 1000)::bigint || '|' || COALESCE(deal_id::text, '') || '|' || COALESCE(lead_id::text, '') AS key
       FROM activity WHERE org_id = $1`,
    [ctx.orgId],
  );
  let reps: (name: string) => number | ImportMessage = () => importMessage("invalid");
  // A manager's file: their reps' activities, on their reps' deals and on leads of theirs.
  const ownDeals = ctx.scope && ctx.provided.has("deal") ? await ctx.scope.ownDeals() : null;
  const referableLeads = ctx.scope && ctx.provided.has("lead") ? (await ctx.scope.leads()).referable : null;
  return keyedLoader<ActivityRow>(ctx, {
    table: "activity",
    keyField: "at",
    existingKeys: new Map(stored.rows.map((r) => [r.key, r.id])),
    columns: [
      { name: "org_id", type: "int", onUpdate: "skip" },
      { name: "rep_id", type: "int", onUpdate: "skip" },
      { name: "type", type: '"ActivityType"', onUpdate: "skip" },
      { name: "at", type: "timestamptz(3)", onUpdate: "skip" },
      { name: "deal_id", type: "int", onUpdate: "skip" },
      { name: "lead_id", type: "int", onUpdate: "skip" },
      { name: "responded", type: "bool", onUpdate: updateMode(ctx, "responded") },
    ],
    async prepare(batch) {
      reps = await resolveNames(ctx, "rep", batch.map((r) => r.value.rep));
    },
    resolve(a, row) {
      const rep = reps(a.rep);
      if (typeof rep !== "number") return reject(ctx, row, "rep", rep);
      if (ctx.scope && !ctx.scope.hasRep(rep)) return reject(ctx, row, "rep", importMessage("repOutsideScope"));
      const deal = a.deal ? deals.get(a.deal) : null;
      if (deal === undefined) return reject(ctx, row, "deal", importMessage("unknownDeal", { deal: a.deal ?? "" }));
      if (deal !== null && ownDeals && !ownDeals.has(deal)) return reject(ctx, row, "deal", importMessage("recordOutsideScope"));
      const lead = a.lead ? leads.get(a.lead) : null;
      if (lead === undefined) return reject(ctx, row, "lead", importMessage("unknownLead", { lead: a.lead ?? "" }));
      if (lead !== null && referableLeads && !referableLeads.has(lead)) return reject(ctx, row, "lead", importMessage("recordOutsideScope"));
      const at = toInstant(a.at, ctx.timeZone);
      return {
        key: `${rep}|${a.type}|${at.getTime()}|${deal ?? ""}|${lead ?? ""}`,
        values: [ctx.orgId, rep, a.type, at.toISOString(), deal, lead, a.responded ?? false],
      };
    },
  });
}
