import type { RowOf } from "../kinds/import-kinds";
import { type ImportMessage, importMessage } from "../messages/import-message";
import { toInstant } from "../parse/parse-date";
import { contentKey } from "./content-key";
import { existingKeys } from "./existing-keys";
import { keyedLoader, type KindLoader, reject, updateMode } from "./keyed-loader";
import { type LoadContext, resolveNames } from "./load-context";
import { APP_ID_PREFIX } from "./ref-index";

type LeadRow = RowOf<"leads">;

export async function loadLeads(ctx: LoadContext): Promise<KindLoader<LeadRow>> {
  const keys = await existingKeys(ctx.client, "lead", ctx.orgId);
  let reps: (name: string) => number | ImportMessage = () => importMessage("invalid");
  let accounts: (name: string) => number | ImportMessage = () => importMessage("invalid");
  const mode = (field: string) => updateMode(ctx, field);
  // A manager's file may change only leads whose SDR and AE are their teams' reps, and every lead it writes stays so.
  const own = ctx.scope ? (await ctx.scope.leads()).own : new Map<number, { sdr: number | null; ae: number | null }>();
  return keyedLoader<LeadRow>(ctx, {
    table: "lead",
    keyField: "id",
    existingKeys: keys,
    columns: [
      { name: "org_id", type: "int", onUpdate: "skip" },
      { name: "external_id", type: "text", onUpdate: "skip" },
      { name: "account_id", type: "int", onUpdate: mode("account") },
      { name: "name", type: "text", onUpdate: "set" },
      { name: "source", type: '"LeadSource"', onUpdate: "set" },
      { name: "status", type: '"LeadStatus"', onUpdate: mode("status") },
      { name: "created_at", type: "timestamptz(3)", onUpdate: "set" },
      { name: "sdr_id", type: "int", onUpdate: mode("sdr") },
      { name: "handed_over_at", type: "timestamptz(3)", onUpdate: mode("handedOver") },
      { name: "ae_id", type: "int", onUpdate: mode("ae") },
    ],
    async prepare(batch) {
      reps = await resolveNames(ctx, "rep", batch.flatMap((r) => [r.value.sdr, r.value.ae].filter((n): n is string => !!n)));
      accounts = await resolveNames(ctx, "account", batch.flatMap((r) => (r.value.account ? [r.value.account] : [])));
    },
    resolve(l, row) {
      const account = l.account ? accounts(l.account) : null;
      if (account !== null && typeof account !== "number") return reject(ctx, row, "account", account);
      const sdr = l.sdr ? reps(l.sdr) : null;
      if (sdr !== null && typeof sdr !== "number") return reject(ctx, row, "sdr", sdr);
      const ae = l.ae ? reps(l.ae) : null;
      if (ae !== null && typeof ae !== "number") return reject(ctx, row, "ae", ae);
      const createdAt = toInstant(l.created, ctx.timeZone);
      const handedOverAt = l.handedOver ? toInstant(l.handedOver, ctx.timeZone) : null;
      if (handedOverAt && handedOverAt < createdAt) return reject(ctx, row, "handedOver", importMessage("handoverBeforeCreate", { handedOver: l.handedOver?.date ?? "", created: l.created.date }));
      const key = l.id ?? contentKey([l.name, l.account, l.created.date]);
      if (ctx.scope) {
        const storedId = keys.get(key);
        const stored = storedId === undefined ? undefined : own.get(storedId);
        if (storedId !== undefined && !stored) return reject(ctx, row, l.id ? "id" : "name", importMessage("recordOutsideScope"));
        if (sdr !== null && !ctx.scope.hasRep(sdr)) return reject(ctx, row, "sdr", importMessage("repOutsideScope"));
        if (ae !== null && !ctx.scope.hasRep(ae)) return reject(ctx, row, "ae", importMessage("repOutsideScope"));
        // The lead as it will be: the file's SDR and AE where it has those columns, else the stored ones.
        const after = [ctx.provided.has("sdr") ? sdr : (stored?.sdr ?? null), ctx.provided.has("ae") ? ae : (stored?.ae ?? null)];
        if (after.every((rep) => rep === null)) return reject(ctx, row, ctx.provided.has("ae") && !ctx.provided.has("sdr") ? "ae" : "sdr", importMessage("leadWithoutRep"));
      }
      return {
        key,
        values: [ctx.orgId, key.startsWith(APP_ID_PREFIX) ? null : key, account, l.name, l.source, l.status ?? "NEW", createdAt.toISOString(), sdr, handedOverAt?.toISOString() ?? null, ae],
      };
    },
  });
}
