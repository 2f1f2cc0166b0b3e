import type { RowOf } from "../kinds/import-kinds";
import { toInstant } from "../parse/parse-date";
import { type ImportMessage, importMessage } from "../messages/import-message";
import { keyedLoader, type KindLoader, reject, updateMode } from "./keyed-loader";
import { type LoadContext, resolveNames } from "./load-context";

type SessionRow = RowOf<"coaching-sessions">;

/** A session is one rep's at one time: importing it again updates its length, topic, manager and notes. */
export async function loadCoachingSessions(ctx: LoadContext): Promise<KindLoader<SessionRow>> {
  const stored = await ctx.client.query<{ id: number; key: string }>(
    `SELECT s.id, s.rep_id || '|' || (extract(epoch FROM s.at) * 1000)::bigint AS key FROM coaching_session s JOIN rep r ON r.id = s.rep_id WHERE r.org_id = $1`,
    [ctx.orgId],
  );
  let reps: (name: string) => number | ImportMessage = () => importMessage("invalid");
  const mode = (field: string) => updateMode(ctx, field);
  return keyedLoader<SessionRow>(ctx, {
    table: "coaching_session",
    keyField: "at",
    existingKeys: new Map(stored.rows.map((r) => [r.key, r.id])),
    columns: [
      { name: "rep_id", type: "int", onUpdate: "skip" },
      { name: "at", type: "timestamptz(3)", onUpdate: "skip" },
      { name: "minutes", type: "int", onUpdate: "set" },
      { name: "topic", type: "text", onUpdate: "set" },
      { name: "manager_id", type: "int", onUpdate: mode("manager") },
      { name: "notes", type: "text", onUpdate: mode("notes") },
    ],
    async prepare(batch) {
      reps = await resolveNames(ctx, "rep", batch.map((r) => r.value.rep));
    },
    resolve(s, row) {
      const rep = reps(s.rep);
      if (typeof rep !== "number") return reject(ctx, row, "rep", rep);
      if (ctx.scope && !ctx.scope.hasRep(rep)) return reject(ctx, row, "rep", importMessage("repOutsideScope"));
      let manager: number | null = null;
      if (s.manager) {
        const found = ctx.users.find(s.manager);
        if (typeof found !== "number") return reject(ctx, row, "manager", importMessage("managerNotUser", { name: s.manager }));
        manager = found;
        if (ctx.scope && manager !== ctx.scope.userId) return reject(ctx, row, "manager", importMessage("coachNotYou"));
      }
      const at = toInstant(s.at, ctx.timeZone);
      return { key: `${rep}|${at.getTime()}`, values: [rep, at.toISOString(), s.minutes, s.topic, manager, s.notes ?? null] };
    },
  });
}
