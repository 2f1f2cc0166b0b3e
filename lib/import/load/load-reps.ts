import { z } from "zod";
import type { RowOf } from "../kinds/import-kinds";
import { importMessage } from "../messages/import-message";
import { auditCreatedSql, auditParams } from "./import-audit";
import { keyedLoader, type KindLoader, type ParsedRow, reject, type Resolved, updateMode } from "./keyed-loader";
import type { LoadContext } from "./load-context";
import { normalizeName } from "./normalize-name";
import { APP_ID_PREFIX } from "./ref-index";

type RepRow = RowOf<"reps">;

const isEmail = (text: string) => z.email().safeParse(text.trim()).success;

/** "anna.schmidt@example.com" → "Anna Schmidt": the name of a manager the file gives only by email. */
function nameFromEmail(email: string): string {
  const words = (email.split("@")[0] ?? email).split(/[._-]+/).filter(Boolean);
  return words.length > 0 ? words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join(" ") : email;
}

/** The manager a row names: the user found by its email or name, else what creating them needs. */
function managerOf(ctx: LoadContext, r: RepRow): { id: number } | { missing: { email: string | null; name: string } } | { ambiguous: string } | null {
  if (!r.manager && !r.managerEmail) return null;
  const found = (r.managerEmail ? ctx.users.find(r.managerEmail) : undefined) ?? (r.manager ? ctx.users.find(r.manager) : undefined);
  if (typeof found === "number") return { id: found };
  if (found === "ambiguous") return { ambiguous: r.manager ?? r.managerEmail ?? "" };
  const email = r.managerEmail ?? (r.manager && isEmail(r.manager) ? r.manager.trim() : null);
  const name = r.manager && !isEmail(r.manager) ? r.manager.trim() : nameFromEmail(email ?? "");
  return { missing: { email, name } };
}

export async function loadReps(ctx: LoadContext): Promise<KindLoader<RepRow>> {
  const teams = new Map<string, { id: number; managerId: number | null }>();
  const loadTeams = async () => {
    const result = await ctx.client.query<{ id: number; name: string; manager_id: number | null }>(`SELECT id, name, manager_id FROM team WHERE org_id = $1`, [ctx.orgId]);
    for (const t of result.rows) teams.set(normalizeName(t.name), { id: t.id, managerId: t.manager_id });
  };
  await loadTeams();
  // Each stored rep's team, for a manager's file: it may change only their teams' reps.
  const repTeams = new Map<number, number | null>();
  if (ctx.scope) {
    const stored = await ctx.client.query<{ id: number; team_id: number | null }>(`SELECT id, team_id FROM rep WHERE org_id = $1`, [ctx.orgId]);
    for (const r of stored.rows) repTeams.set(r.id, r.team_id);
  }
  const mode = (field: string) => updateMode(ctx, field);
  // Managers the file names who are not users: an administrator's file creates them with --create-missing managers,
  // as MANAGER users without a password (listed as invited: an administrator sends them their link). A manager's
  // file creates no users. Emails another organisation's user signs in with are not created (the row says so).
  const createManagers = ctx.createMissing.has("managers") && !ctx.scope;
  const takenEmails = new Set<string>();
  const createMissingManagers = async (batch: ParsedRow<RepRow>[]) => {
    const missing = new Map<string, { email: string; name: string }>();
    for (const { value } of batch) {
      const manager = managerOf(ctx, value);
      if (manager && "missing" in manager && manager.missing.email) missing.set(manager.missing.email.toLowerCase(), { email: manager.missing.email, name: manager.missing.name });
    }
    if (missing.size === 0) return;
    const list = [...missing.values()];
    const created = await ctx.client.query<{ id: number; email: string; name: string }>(
      `WITH v AS (SELECT * FROM unnest($2::text[], $3::text[]) AS v(email, name)),
            created AS (
              INSERT INTO app_user (org_id, email, name, role, active)
              SELECT $1, v.email, v.name, 'MANAGER', false FROM v WHERE NOT EXISTS (SELECT 1 FROM app_user u WHERE lower(u.email) = lower(v.email))
              ON CONFLICT DO NOTHING RETURNING *),
            audited AS (${auditCreatedSql("created", ["email", "name", "role", "active"], 4)})
       SELECT id, email, name FROM created`,
      [ctx.orgId, list.map((m) => m.email), list.map((m) => m.name), ...auditParams(ctx.audit, "user")],
    );
    for (const user of created.rows) ctx.users.add({ ...user, externalId: `user-${user.id}` });
    ctx.created.managers += created.rows.length;
    const createdEmails = new Set(created.rows.map((u) => u.email.toLowerCase()));
    for (const key of missing.keys()) if (!createdEmails.has(key)) takenEmails.add(key);
  };
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
      if (createManagers) await createMissingManagers(batch);
      // A team named in the file is created with the kind of its first rep; its manager is set when given.
      // Only an admin's file creates teams: a manager's rows naming another team are rejected.
      if (ctx.scope) return;
      const missing = new Map<string, { name: string; kind: string }>();
      for (const { value } of batch) if (value.team && !teams.has(normalizeName(value.team))) missing.set(normalizeName(value.team), { name: value.team, kind: value.kind ?? "AE" });
      if (missing.size > 0) {
        const list = [...missing.values()];
        await ctx.client.query(
          `WITH created AS (INSERT INTO team (org_id, name, kind) SELECT $1, n, k::"RepKind" FROM unnest($2::text[], $3::text[]) AS v(n, k) ON CONFLICT DO NOTHING RETURNING *),
                audited AS (${auditCreatedSql("created", ["name", "kind"], 4)})
           SELECT id FROM created`,
          [ctx.orgId, list.map((t) => t.name), list.map((t) => t.kind), ...auditParams(ctx.audit, "team")],
        );
        await loadTeams();
      }
    },
    resolve(r, row) {
      let managerId: number | null = null;
      const manager = managerOf(ctx, r);
      if (manager && "id" in manager) managerId = manager.id;
      else if (manager && "ambiguous" in manager) return reject(ctx, row, "manager", importMessage("ambiguousManager", { name: manager.ambiguous }));
      else if (manager) {
        const { email, name } = manager.missing;
        const field = r.manager ? "manager" : "managerEmail";
        if (email && takenEmails.has(email.toLowerCase())) return reject(ctx, row, field, importMessage("managerEmailTaken", { email }));
        if (createManagers && !email) return reject(ctx, row, field, importMessage("managerNeedsEmail", { name }));
        return reject(ctx, row, field, importMessage(ctx.scope ? "managerNotUserAdminOnly" : "managerNotUser", { name: email ?? name }));
      }
      const team = r.team ? teams.get(normalizeName(r.team)) : undefined;
      let teamId = team?.id ?? null;
      const match = (r.id ? ctx.reps.find(r.id) : undefined) ?? (r.email ? ctx.reps.find(r.email) : undefined) ?? ctx.reps.find(r.name);
      if (match === "ambiguous") return reject(ctx, row, "name", importMessage("ambiguousRepName", { name: r.name }));
      if (ctx.scope) {
        if (match !== undefined && !ctx.scope.hasTeam(repTeams.get(match) ?? null)) return reject(ctx, row, "name", importMessage("repOutsideScope"));
        if (r.team && !ctx.scope.hasTeam(teamId)) return reject(ctx, row, "team", importMessage("teamOutsideScope"));
        // No team in the row: a new rep joins the manager's first team, a stored one stays in theirs.
        if (!r.team) teamId = match === undefined ? ctx.scope.homeTeamId : (repTeams.get(match) ?? null);
        if (teamId === null) return reject(ctx, row, "team", importMessage("teamOutsideScope"));
        const current = [...teams.values()].find((t) => t.id === teamId)?.managerId ?? null;
        if (managerId !== null && managerId !== current) return reject(ctx, row, "manager", importMessage("teamManagerAdminOnly"));
      }
      const externalId = r.id && !r.id.startsWith(APP_ID_PREFIX) ? r.id : null;
      return {
        key: r.id ?? `name:${normalizeName(r.email ?? r.name)}`,
        id: match,
        values: [ctx.orgId, externalId, r.name, r.email ?? null, teamId, r.region ?? null, r.kind ?? "AE", r.active ?? true],
        meta: { managerId, teamId },
      };
    },
    async beforeWrite(rows) {
      const managed = rows.flatMap((r) => (r.meta?.managerId && r.meta.teamId ? [{ row: r, managerId: r.meta.managerId, teamId: r.meta.teamId }] : []));
      if (managed.length === 0) return;
      // A team's manager set by the file, audited like an admin's team edit; the rows that set it count as updated.
      const result = await ctx.client.query<{ id: number }>(
        `WITH v AS (SELECT DISTINCT ON (t) t, m FROM unnest($1::int[], $2::int[]) AS v(t, m) ORDER BY t),
              stored AS (SELECT id, manager_id FROM team WHERE id IN (SELECT t FROM v) FOR UPDATE),
              written AS (UPDATE team t SET manager_id = v.m FROM v WHERE t.id = v.t AND t.id IN (SELECT id FROM stored) AND t.manager_id IS DISTINCT FROM v.m RETURNING t.id, t.manager_id),
              audited AS (INSERT INTO audit_log (org_id, actor_id, action, entity, entity_id, before, after)
                SELECT $3::int, $4::int, 'team.import_update', 'team', written.id::text,
                       jsonb_build_object('managerId', stored.manager_id), jsonb_build_object('managerId', written.manager_id)
                  FROM written JOIN stored ON stored.id = written.id)
         SELECT id FROM written`,
        [managed.map((r) => r.teamId), managed.map((r) => r.managerId), ctx.audit.orgId, ctx.audit.actorId],
      );
      const changed = new Set(result.rows.map((t) => t.id));
      for (const t of teams.values()) {
        const set = managed.find((m) => m.teamId === t.id && changed.has(t.id));
        if (set) t.managerId = set.managerId;
      }
      return new Set<Resolved>(managed.filter((m) => changed.has(m.teamId)).map((m) => m.row));
    },
  });
}
