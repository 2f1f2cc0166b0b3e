import type { RowOf } from "../kinds/import-kinds";
import { type ImportMessage, importMessage } from "../messages/import-message";
import { keyedLoader, type KindLoader, reject } from "./keyed-loader";
import { type LoadContext, resolveNames } from "./load-context";

type QuotaRow = RowOf<"quotas">;

/** The day before a YYYY-MM-DD date. */
function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** A quota is one rep's for a period start: importing it again updates its end and amount. */
export async function loadQuotas(ctx: LoadContext): Promise<KindLoader<QuotaRow>> {
  const stored = await ctx.client.query<{ id: number; key: string }>(
    `SELECT q.id, q.rep_id || '|' || to_char(q.period_start, 'YYYY-MM-DD') AS key FROM quota q JOIN rep r ON r.id = q.rep_id WHERE r.org_id = $1`,
    [ctx.orgId],
  );
  let reps: (name: string) => number | ImportMessage = () => importMessage("invalid");
  return keyedLoader<QuotaRow>(ctx, {
    table: "quota",
    keyField: "periodStart",
    existingKeys: new Map(stored.rows.map((r) => [r.key, r.id])),
    columns: [
      { name: "rep_id", type: "int", onUpdate: "skip" },
      { name: "period_start", type: "date", onUpdate: "skip" },
      { name: "period_end", type: "date", onUpdate: "set" },
      { name: "amount", type: "numeric(14,2)", onUpdate: "set" },
    ],
    async prepare(batch) {
      reps = await resolveNames(ctx, "rep", batch.map((r) => r.value.rep));
    },
    resolve(q, row) {
      const rep = reps(q.rep);
      if (typeof rep !== "number") return reject(ctx, row, "rep", rep);
      if (ctx.scope && !ctx.scope.hasRep(rep)) return reject(ctx, row, "rep", importMessage("repOutsideScope"));
      if (q.periodEnd <= q.periodStart) return reject(ctx, row, "periodEnd", importMessage("periodEndNotAfterStart", { end: q.periodEnd, start: q.periodStart }));
      // The file gives the day after the period (Jan 1 → Feb 1); quota.period_end is its last day (Jan 31), as the
      // KPI queries read it ("the quota periods that lie inside P": period_end < P's end).
      return { key: `${rep}|${q.periodStart}`, values: [rep, q.periodStart, dayBefore(q.periodEnd), q.amount] };
    },
  });
}
