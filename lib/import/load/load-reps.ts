import type { RowOf } from "../kinds/import-kinds";
import { importMessage } from "../messages/import-message";
import { keyedLoader, type KindLoader, reject, updateMode } from "./keyed-loader";
import type { LoadContext } from "./load-context";
import { normalizeName } from "./normalize-name";
import { APP_ID_PREFIX } from "./ref-index";

type RepRow = RowOf<"reps">;

export async function loadReps(ctx: LoadContext): Promise<KindLoader<RepRow>> {
  const teams = new Map<string, number>();
  const loadTeams = async () => {
    const result = await ctx.client.query<{ id: number; name: string }>(`SELECT id, name FROM team WHERE org_id = $1`, [ctx.orgId]);
    for (const t of result.rows) teams.set(normalizeName(t.name), t.id);
  };
  await loadTeams();
  const mode = (field: string) => updateMode(ctx, field);
  return keyedLoader<RepRow>(ctx, {
    table: "rep",
    keyField: "id",
    existingKeys: new Map(),
    columns: [
      { name: "org_id", type: "int", onUpdate: "skip" },
      { name: "external_id", type: "text", onUpdate: "coalesce" },
      { name: "name", type: "text", onUpdate: "set" },
      { name: "email", type: "text", onUpdate: mode("email") },
      { name: "team_id", type: "int", onUpdate: mode("team") },
      { name: "region", type: "text", onUpdate: mode("region") },
      { name: "kind", type: '"RepKind"', onUpdate: mode("kind") },
      { name: "active", type: "bool", onUpdate: mode("active") },
    ],
    async prepare(batch) {
      // A team named in the file is created with the kind of its first rep; its manager is set when given.
      const missing = new Map<string, { name: string; kind: string }>();
      for (const { value } of batch) if (value.team && !teams.has(normalizeName(value.team))) missing.set(normalizeName(value.team), { name: value.team, kind: value.kind ?? "AE" });
      if (missing.size > 0) {
        const list = [...missing.values()];
        await ctx.client.query(`INSERT INTO team (org_id, name, kind) SELECT $1, n, k::"RepKind" FROM unnest($2::text[], $3::text[]) AS v(n, k) ON CONFLICT DO NOTHING`, [
          ctx.orgId,
          list.map((t) => t.name),
          list.map((t) => t.kind),
        ]);
        await loadTeams();
      }
    },
    resolve(r, row) {
      let managerId: number | null = null;
      if (r.manager) {
        const found = ctx.users.find(r.manager);
        if (typeof found !== "number") return reject(ctx, row, "manager", importMessage("managerNotUser", { name: r.manager }));
        managerId = found;
      }
      const teamId = r.team ? (teams.get(normalizeName(r.team)) ?? null) : null;
      const match = (r.id ? ctx.reps.find(r.id) : undefined) ?? (r.email ? ctx.reps.find(r.email) : undefined) ?? ctx.reps.find(r.name);
      if (match === "ambiguous") return reject(ctx, row, "name", importMessage("ambiguousRepName", { name: r.name }));
      const externalId = r.id && !r.id.startsWith(APP_ID_PREFIX) ? r.id : null;
      return {
        key: r.id ?? `name:${normalizeName(r.email ?? r.name)}`,
        id: match,
        values: [ctx.orgId, externalId, r.name, r.email ?? null, teamId, r.region ?? null, r.kind ?? "AE", r.active ?? true],
        meta: { managerId, teamId },
      };
    },
    async beforeWrite(rows) {
      const managed = rows.flatMap((r) => (r.meta?.managerId && r.meta.teamId ? [{ managerId: r.meta.managerId, teamId: r.meta.teamId }] : []));
      if (managed.length === 0) return;
      await ctx.client.query(
        `UPDATE team t SET manager_id = v.m FROM unnest($1::int[], $2::int[]) AS v(t, m) WHERE t.id = v.t AND t.manager_id IS DISTINCT FROM v.m`,
        [managed.map((r) => r.teamId), managed.map((r) => r.managerId)],
      );
    },
  });
}
