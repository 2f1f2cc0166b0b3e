import type { RowOf } from "../kinds/import-kinds";
import { importMessage } from "../messages/import-message";
import { keyedLoader, type KindLoader, reject, updateMode } from "./keyed-loader";
import type { LoadContext } from "./load-context";
import { normalizeName } from "./normalize-name";
import { APP_ID_PREFIX } from "./ref-index";

type AccountRow = RowOf<"accounts">;

export async function loadAccounts(ctx: LoadContext): Promise<KindLoader<AccountRow>> {
  const mode = (field: string) => updateMode(ctx, field);
  // A manager's file may not change an account that another team's deal or lead names.
  const blocked = ctx.scope ? await ctx.scope.blockedAccounts() : new Set<number>();
  return keyedLoader<AccountRow>(ctx, {
    table: "account",
    keyField: "id",
    existingKeys: new Map(),
    columns: [
      { name: "org_id", type: "int", onUpdate: "skip" },
      { name: "external_id", type: "text", onUpdate: "coalesce" },
      { name: "name", type: "text", onUpdate: "set" },
      { name: "industry", type: "text", onUpdate: mode("industry") },
      { name: "employees", type: "int", onUpdate: mode("employees") },
      { name: "region", type: "text", onUpdate: mode("region") },
    ],
    resolve(a, row) {
      const byId = a.id ? ctx.accounts.find(a.id) : undefined;
      const match = byId ?? ctx.accounts.find(a.name);
      if (match === "ambiguous") return reject(ctx, row, "name", importMessage("ambiguousAccountName", { name: a.name }));
      if (match !== undefined && blocked.has(match)) return reject(ctx, row, byId === undefined ? "name" : "id", importMessage("recordOutsideScope"));
      return {
        key: a.id ?? `name:${normalizeName(a.name)}`,
        id: match,
        values: [ctx.orgId, a.id && !a.id.startsWith(APP_ID_PREFIX) ? a.id : null, a.name, a.industry ?? null, a.employees ?? null, a.region ?? null],
      };
    },
  });
}
