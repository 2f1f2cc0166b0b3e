import type { RowOf } from "../kinds/import-kinds";
import { importMessage } from "../messages/import-message";
import { toInstant } from "../parse/parse-date";
import { keyedLoader, type KindLoader, reject } from "./keyed-loader";
import { findStage, type LoadContext } from "./load-context";

type ChangeRow = RowOf<"stage-history">;

export async function loadStageHistory(ctx: LoadContext): Promise<KindLoader<ChangeRow>> {
  const deals = new Map<string, { id: number; pipelineId: number }>();
  const dealRows = await ctx.client.query<{ id: number; key: string; pipeline_id: number }>(
    `SELECT id, COALESCE(external_id, 'app-' || id) AS key, pipeline_id FROM deal WHERE org_id = $1`,
    [ctx.orgId],
  );
  for (const d of dealRows.rows) deals.set(d.key, { id: d.id, pipelineId: d.pipeline_id });
  const stored = await ctx.client.query<{ id: number; key: string }>(
    `SELECT c.id, c.deal_id || '|' || c.to_stage_id || '|' || (extract(epoch FROM c.at) * 1000)::bigint AS key
       FROM deal_stage_change c JOIN deal d ON d.id = c.deal_id WHERE d.org_id = $1 AND NOT c.synthesized`,
    [ctx.orgId],
  );
  const touched = new Set<number>();
  // A manager's file may write the history of their reps' deals only.
  const ownDeals = ctx.scope ? await ctx.scope.ownDeals() : null;
  return keyedLoader<ChangeRow>(ctx, {
    table: "deal_stage_change",
    keyField: "deal",
    existingKeys: new Map(stored.rows.map((r) => [r.key, r.id])),
    columns: [
      { name: "deal_id", type: "int", onUpdate: "skip" },
      { name: "to_stage_id", type: "int", onUpdate: "skip" },
      { name: "at", type: "timestamptz(3)", onUpdate: "skip" },
      { name: "synthesized", type: "bool", onUpdate: "skip" },
    ],
    resolve(c, row) {
      const deal = deals.get(c.deal);
      if (!deal) return reject(ctx, row, "deal", importMessage("unknownDeal", { deal: c.deal }));
      if (ownDeals && !ownDeals.has(deal.id)) return reject(ctx, row, "deal", importMessage("recordOutsideScope"));
      const pipeline = ctx.pipelines.get(deal.pipelineId);
      const stage = pipeline && findStage(ctx, pipeline, c.stage);
      if (!stage) return reject(ctx, row, "stage", importMessage("unknownStage", { stage: c.stage }));
      const at = toInstant(c.at, ctx.timeZone);
      return { key: `${deal.id}|${stage.id}|${at.getTime()}`, values: [deal.id, stage.id, at.toISOString(), false] };
    },
    async beforeWrite(rows) {
      // A real history replaces the one we synthesized for the deal.
      const ids = [...new Set(rows.map((r) => r.values[0] as number))].filter((id) => !touched.has(id));
      for (const id of ids) touched.add(id);
      if (ids.length > 0) await ctx.client.query(`DELETE FROM deal_stage_change WHERE synthesized AND deal_id = ANY($1::int[])`, [ids]);
    },
    async finish() {
      // Each change comes from the stage the deal entered before it.
      await ctx.client.query(
        `UPDATE deal_stage_change c SET from_stage_id = x.prev
           FROM (SELECT id, lag(to_stage_id) OVER (PARTITION BY deal_id ORDER BY at, id) AS prev FROM deal_stage_change WHERE deal_id = ANY($1::int[])) x
          WHERE c.id = x.id AND c.from_stage_id IS DISTINCT FROM x.prev`,
        [[...touched]],
      );
      return 0;
    },
  });
}
